import { LatchSignupForm } from './signup-form.js';
import { defineElement } from '../../internal/define.js';

export { LatchSignupForm };
defineElement('latch-signup-form', LatchSignupForm);

declare global {
  interface HTMLElementTagNameMap { 'latch-signup-form': LatchSignupForm }
}
