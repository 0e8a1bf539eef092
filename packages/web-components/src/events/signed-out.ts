/** Why a session ended on this page. */
export type SignOutReason = 'idle' | 'user';

/**
 * Fired when an element signed the person out (`reason` is `idle` for `<latch-idle-timeout>`).
 * @example document.addEventListener('latch-signed-out', () => location.assign('/sign-in'));
 */
export class LatchSignedOutEvent extends Event {
  static readonly eventName = 'latch-signed-out';
  constructor(readonly reason: SignOutReason) {
    super(LatchSignedOutEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-signed-out': LatchSignedOutEvent }
}
