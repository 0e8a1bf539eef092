import { LatchCreateOrganization } from './organization-create.js';
import { defineElement } from '../../internal/define.js';

export { LatchCreateOrganization };
defineElement('latch-create-organization', LatchCreateOrganization);

declare global {
  interface HTMLElementTagNameMap { 'latch-create-organization': LatchCreateOrganization }
}
