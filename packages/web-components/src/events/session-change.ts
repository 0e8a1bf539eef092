import type { LatchSessionState } from '../api/context.js';

/**
 * Fired by `<latch-provider>` whenever what it knows about the session changes.
 * @example provider.addEventListener('latch-session-change', (e) => render(e.state.me));
 */
export class LatchSessionChangeEvent extends Event {
  static readonly eventName = 'latch-session-change';
  constructor(readonly state: LatchSessionState) {
    super(LatchSessionChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-session-change': LatchSessionChangeEvent }
}
