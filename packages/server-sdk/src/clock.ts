/** The source of the current time; inject a fixed or movable clock in tests. */
export interface Clock {
  /** The current time. */
  now(): Date;
  /**
   * Runs `task` every `ms` of this clock's time; returns a function that stops it. Optional: a
   * clock without it gets real timers (see {@link repeatEvery}).
   */
  every?(ms: number, task: () => void): () => void;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Runs periodic background work on the clock's time: a real (unref'd) interval for the system
 * clock, and for a manual clock whenever it is moved past the next due time, so tests decide
 * when background work runs instead of racing a timer.
 */
export function repeatEvery(clock: Clock, ms: number, task: () => void): () => void {
  if (clock.every) return clock.every(ms, task);
  const timer = setInterval(task, ms);
  timer.unref();
  return () => clearInterval(timer);
}

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
  const tasks = new Set<{ ms: number; due: number; task: () => void }>();
  const moveTo = (at: number) => {
    current = at;
    // A long jump runs each due task once, as a process that slept through its timers would.
    for (const entry of [...tasks]) {
      if (entry.due > current) continue;
      entry.due = current + entry.ms;
      entry.task();
    }
  };
  return {
    now: () => new Date(current),
    advance: (ms) => moveTo(current + ms),
    set: (at) => moveTo(at.getTime()),
    every(ms, task) {
      const entry = { ms, due: current + ms, task };
      tasks.add(entry);
      return () => { tasks.delete(entry); };
    },
  };
}
