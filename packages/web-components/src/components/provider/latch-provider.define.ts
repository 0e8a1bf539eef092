import { LatchProvider } from './latch-provider.js';
import { defineElement } from '../../internal/define.js';

export { LatchProvider };
defineElement('latch-provider', LatchProvider);

declare global {
  interface HTMLElementTagNameMap { 'latch-provider': LatchProvider }
}
