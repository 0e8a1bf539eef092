/** The source of the current time; inject a fixed or movable clock in tests. */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move forward. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to a given time. */
  set(at: Date): void;
}

/**
 * A clock that starts at `start` (default: now) and only moves when told to.
 * @example const clock = createManualClock(); clock.advance(15 * 60_000);
 */
export function createManualClock(start: Date = new Date()): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => { current += ms; },
    set: (at) => { current = at.getTime(); },
  };
}
