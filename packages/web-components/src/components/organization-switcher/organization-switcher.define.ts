import { LatchOrganizationSwitcher } from './organization-switcher.js';
import { defineElement } from '../../internal/define.js';

export { LatchOrganizationSwitcher };
defineElement('latch-organization-switcher', LatchOrganizationSwitcher);

declare global {
  interface HTMLElementTagNameMap { 'latch-organization-switcher': LatchOrganizationSwitcher }
}
