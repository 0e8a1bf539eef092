import { LatchProfilePanel } from './profile-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchProfilePanel };
defineElement('latch-profile-panel', LatchProfilePanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-profile-panel': LatchProfilePanel }
}
