import { LatchLoginForm } from './login-form.js';
import { defineElement } from '../../internal/define.js';

export { LatchLoginForm };
defineElement('latch-login-form', LatchLoginForm);

declare global {
  interface HTMLElementTagNameMap { 'latch-login-form': LatchLoginForm }
}
