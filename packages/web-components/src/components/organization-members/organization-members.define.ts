import { LatchOrganizationMembers } from './organization-members.js';
import { defineElement } from '../../internal/define.js';

export { LatchOrganizationMembers };
defineElement('latch-organization-members', LatchOrganizationMembers);

declare global {
  interface HTMLElementTagNameMap { 'latch-organization-members': LatchOrganizationMembers }
}
