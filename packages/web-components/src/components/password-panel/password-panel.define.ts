import { LatchPasswordPanel } from './password-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchPasswordPanel };
defineElement('latch-password-panel', LatchPasswordPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-password-panel': LatchPasswordPanel }
}
