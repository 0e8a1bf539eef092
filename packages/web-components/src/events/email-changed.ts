/**
 * Fired by `<latch-confirm-email>` when the login email changed.
 * @example el.addEventListener('latch-email-changed', (e) => console.log(e.email));
 */
export class LatchEmailChangedEvent extends Event {
  static readonly eventName = 'latch-email-changed';
  constructor(readonly email: string) {
    super(LatchEmailChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-email-changed': LatchEmailChangedEvent }
}
