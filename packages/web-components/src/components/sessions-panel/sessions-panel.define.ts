import { LatchSessionsPanel } from './sessions-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchSessionsPanel };
defineElement('latch-sessions-panel', LatchSessionsPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-sessions-panel': LatchSessionsPanel }
}
