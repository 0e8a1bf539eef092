import { LatchConfirmEmail } from './confirm-email.js';
import { defineElement } from '../../internal/define.js';

export { LatchConfirmEmail };
defineElement('latch-confirm-email', LatchConfirmEmail);

declare global {
  interface HTMLElementTagNameMap { 'latch-confirm-email': LatchConfirmEmail }
}
