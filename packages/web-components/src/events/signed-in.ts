import type { User } from '../api/types.js';

/**
 * Fired when a person has signed in (password, second factor, passkey, verification link or
 * invitation). Cancel it to stop the element's own `redirect`.
 * @example form.addEventListener('latch-signed-in', (e) => console.log(e.user.email));
 */
export class LatchSignedInEvent extends Event {
  static readonly eventName = 'latch-signed-in';
  constructor(readonly user: User) {
    super(LatchSignedInEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-signed-in': LatchSignedInEvent }
}
