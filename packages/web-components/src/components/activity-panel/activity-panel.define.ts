import { LatchActivityPanel } from './activity-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchActivityPanel };
defineElement('latch-activity-panel', LatchActivityPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-activity-panel': LatchActivityPanel }
}
