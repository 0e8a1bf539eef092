import { LatchSecureAccountPanel } from './secure-account-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchSecureAccountPanel };
defineElement('latch-secure-account-panel', LatchSecureAccountPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-secure-account-panel': LatchSecureAccountPanel }
}
