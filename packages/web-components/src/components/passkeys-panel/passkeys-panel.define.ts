import { LatchPasskeysPanel } from './passkeys-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchPasskeysPanel };
defineElement('latch-passkeys-panel', LatchPasskeysPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-passkeys-panel': LatchPasskeysPanel }
}
