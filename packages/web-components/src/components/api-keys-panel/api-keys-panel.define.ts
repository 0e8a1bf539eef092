import { LatchApiKeysPanel } from './api-keys-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchApiKeysPanel };
defineElement('latch-api-keys-panel', LatchApiKeysPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-api-keys-panel': LatchApiKeysPanel }
}
