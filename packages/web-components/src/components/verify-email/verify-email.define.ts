import { LatchVerifyEmail } from './verify-email.js';
import { defineElement } from '../../internal/define.js';

export { LatchVerifyEmail };
defineElement('latch-verify-email', LatchVerifyEmail);

declare global {
  interface HTMLElementTagNameMap { 'latch-verify-email': LatchVerifyEmail }
}
