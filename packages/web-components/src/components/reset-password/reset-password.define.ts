import { LatchResetPassword } from './reset-password.js';
import { defineElement } from '../../internal/define.js';

export { LatchResetPassword };
defineElement('latch-reset-password', LatchResetPassword);

declare global {
  interface HTMLElementTagNameMap { 'latch-reset-password': LatchResetPassword }
}
