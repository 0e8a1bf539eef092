import type { SecondFactorMethod } from '../api/types.js';

/**
 * Fired when the password was right and the sign-in waits for a second factor.
 * @example form.addEventListener('latch-two-factor-required', (e) => console.log(e.methods));
 */
export class LatchTwoFactorRequiredEvent extends Event {
  static readonly eventName = 'latch-two-factor-required';
  constructor(readonly methods: SecondFactorMethod[]) {
    super(LatchTwoFactorRequiredEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-two-factor-required': LatchTwoFactorRequiredEvent }
}
