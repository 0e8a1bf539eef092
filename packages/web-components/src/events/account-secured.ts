import type { SecuredAccount } from '../api/types.js';

/**
 * Fired by `<latch-secure-account-panel>` once the account is secured, with what was done
 * (`<latch-security-settings>` reloads its sessions, API keys and activity on it).
 * @example el.addEventListener('latch-account-secured', (e) => console.log(e.result.revokedSessions));
 */
export class LatchAccountSecuredEvent extends Event {
  static readonly eventName = 'latch-account-secured';
  constructor(readonly result: SecuredAccount) {
    super(LatchAccountSecuredEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-account-secured': LatchAccountSecuredEvent }
}
