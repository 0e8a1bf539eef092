/**
 * Fired when an account was registered and a verification link is on its way.
 * @example form.addEventListener('latch-signed-up', (e) => console.log(e.email));
 */
export class LatchSignedUpEvent extends Event {
  static readonly eventName = 'latch-signed-up';
  constructor(readonly email: string) {
    super(LatchSignedUpEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-signed-up': LatchSignedUpEvent }
}
