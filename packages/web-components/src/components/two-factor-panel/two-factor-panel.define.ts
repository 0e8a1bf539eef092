import { LatchTwoFactorPanel } from './two-factor-panel.js';
import { defineElement } from '../../internal/define.js';

export { LatchTwoFactorPanel };
defineElement('latch-two-factor-panel', LatchTwoFactorPanel);

declare global {
  interface HTMLElementTagNameMap { 'latch-two-factor-panel': LatchTwoFactorPanel }
}
