import { LatchForgotPassword } from './forgot-password.js';
import { defineElement } from '../../internal/define.js';

export { LatchForgotPassword };
defineElement('latch-forgot-password', LatchForgotPassword);

declare global {
  interface HTMLElementTagNameMap { 'latch-forgot-password': LatchForgotPassword }
}
