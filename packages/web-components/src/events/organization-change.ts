import type { ActiveOrganization } from '../api/types.js';

/**
 * Fired when the session's active organization changed: `<latch-organization-switcher>` chose
 * another, `<latch-accept-invite>` joined one, or `<latch-organization-members>` left the active
 * one (`organization` is then null). `<latch-provider>` fetches the session again on it.
 * @example document.addEventListener('latch-organization-change', (e) => load(e.organization?.id));
 */
export class LatchOrganizationChangeEvent extends Event {
  static readonly eventName = 'latch-organization-change';
  constructor(readonly organization: ActiveOrganization | null) {
    super(LatchOrganizationChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-organization-change': LatchOrganizationChangeEvent }
}
