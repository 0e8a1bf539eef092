import { LatchSshKeysPanel } from './ssh-keys-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchSshKeysPanel };
defineElement('latch-ssh-keys-panel', LatchSshKeysPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-ssh-keys-panel': LatchSshKeysPanel }
}
