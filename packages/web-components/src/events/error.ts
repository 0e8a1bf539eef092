import type { LatchProblem } from '../api/client.js';

/**
 * Fired (after the element has shown it) whenever a request fails, for logging or analytics.
 * @example document.addEventListener('latch-error', (e) => log(e.problem.code));
 */
export class LatchErrorEvent extends Event {
  static readonly eventName = 'latch-error';
  constructor(readonly problem: LatchProblem) {
    super(LatchErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'latch-error': LatchErrorEvent }
}
