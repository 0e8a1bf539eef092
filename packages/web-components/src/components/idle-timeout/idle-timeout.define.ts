import { LatchIdleTimeout } from './idle-timeout.js';
import { defineElement } from '../../internal/define.js';

export { LatchIdleTimeout };
defineElement('latch-idle-timeout', LatchIdleTimeout);

declare global {
  interface HTMLElementTagNameMap { 'latch-idle-timeout': LatchIdleTimeout }
}
