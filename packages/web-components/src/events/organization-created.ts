import type { Organization } from '../api/types.js';

/**
 * Fired by `<latch-create-organization>` once the organization exists and is the session's active
 * one (the creator is its owner). Cancel it to stop the element's own `redirect`.
 * @example form.addEventListener('latch-organization-created', (e) => location.assign(`/orgs/${e.organization.slug}`));
 */
export class LatchOrganizationCreatedEvent extends Event {
  static readonly eventName = 'latch-organization-created';
  constructor(readonly organization: Organization) {
    super(LatchOrganizationCreatedEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-organization-created': LatchOrganizationCreatedEvent }
}
