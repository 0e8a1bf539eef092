import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StrengthEstimate } from './strength-estimate.js';

/** A message to the strength worker. */
export interface StrengthRequest {
  id: number;
  password: string;
  userInputs: string[];
}

/** The strength worker's answer to one {@link StrengthRequest}. */
export type StrengthReply = { id: number; estimate: StrengthEstimate } | { id: number; error: string } | { ready: true };

/** How long a new worker may take to load its dictionaries before its first job's deadline starts. */
const startupAllowanceMs = 30_000;

/** Runs zxcvbn estimates on worker threads, each within a deadline. */
export interface StrengthPool {
  /**
   * Estimates `password`'s strength off the event loop. Resolves `undefined` when no answer came
   * within `timeoutMs`, waiting for a free worker included; rejects when the worker failed (it
   * could not start or crashed) or the pool was closed, so a broken setup never passes silently.
   */
  estimate(password: string, userInputs: string[], timeoutMs: number): Promise<StrengthEstimate | undefined>;
  /** Stops the workers; pending estimates reject. The pool starts again on its next use. */
  close(): Promise<void>;
}

/** Options of {@link createStrengthPool}. */
export interface StrengthPoolOptions {
  /** Most worker threads. Default 1 on up to two cores, else 2. */
  size?: number;
}

interface Job {
  readonly id: number;
  readonly password: string;
  readonly userInputs: string[];
  readonly timeoutMs: number;
  slot: Slot | undefined;
  /** Restarts the deadline: from the moment a ready worker has the job. */
  arm(ms: number): void;
  /** Resolves the estimate (`undefined`: past the deadline) or rejects; later calls are ignored. */
  settle(outcome: StrengthEstimate | undefined | Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** True once the worker has loaded its dictionaries (start-up does not count against a deadline). */
  ready: boolean;
  job: Job | undefined;
  error: Error | undefined;
}

// The worker sits next to this module: `.ts` when run from source, `.js` in the build.
const ownExtension = extname(fileURLToPath(import.meta.url));
const workerUrl = new URL(`./strength-worker${ownExtension}`, import.meta.url);

function startWorker(): Worker {
  if (ownExtension !== '.ts') return new Worker(workerUrl);
  // From source: Node 20 does not run `--import` loaders in workers, so the worker registers tsx
  // (the source runner) itself before loading the TypeScript entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true });
}

/**
 * A lazily started pool of strength workers. Idle workers are unref'd, so they never keep the
 * process alive; a worker that misses a deadline is terminated and replaced by the next request,
 * and one that fails is replaced too.
 * @example const estimate = await createStrengthPool().estimate(password, ['alice'], 2000);
 */
export function createStrengthPool(options: StrengthPoolOptions = {}): StrengthPool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism() - 1));
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let nextId = 0;
  let dispatchScheduled = false;

  function spawn(): Slot {
    const slot: Slot = { worker: startWorker(), ready: false, job: undefined, error: undefined };
    slot.worker.unref();
    slot.worker.on('message', (reply: StrengthReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) post(slot, slot.job);
        return;
      }
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      slot.worker.unref();
      job.settle('estimate' in reply ? reply.estimate : new Error(`password strength estimate failed: ${reply.error}`));
      dispatch();
    });
    slot.worker.on('error', (error) => { slot.error = error; });
    slot.worker.on('exit', () => retire(slot));
    slots.add(slot);
    return slot;
  }

  /** Forgets a worker that exited on its own (it failed); its job, if any, fails with it. */
  function retire(slot: Slot): void {
    if (!slots.delete(slot)) return;
    const job = slot.job;
    slot.job = undefined;
    job?.settle(new Error(`password strength worker stopped: ${slot.error?.message ?? 'no reason given'}`));
    dispatch();
  }

  function dispatch(): void {
    while (queue.length > 0) {
      let slot = [...slots].find((candidate) => !candidate.job);
      if (!slot && slots.size >= size) return;
      const job = queue.shift()!;
      try {
        slot ??= spawn();
      } catch (error) {
        job.settle(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      slot.job = job;
      job.slot = slot;
      // Held while busy, so a pending check keeps a short script alive until it is answered.
      slot.worker.ref();
      if (slot.ready) post(slot, job);
    }
  }

  /** Hands the job to a ready worker; its deadline counts from here. */
  function post(slot: Slot, job: Job): void {
    job.arm(job.timeoutMs);
    slot.worker.postMessage({ id: job.id, password: job.password, userInputs: job.userInputs } satisfies StrengthRequest);
  }

  function expire(job: Job): void {
    const slot = job.slot;
    if (slot) {
      // zxcvbn cannot be interrupted: drop the thread and let the next job start a fresh one.
      slots.delete(slot);
      slot.job = undefined;
      void slot.worker.terminate();
    } else {
      queue.splice(queue.indexOf(job), 1);
    }
    job.settle(undefined);
    // After the other timers of this turn: jobs queued at the same moment expire together, and no
    // worker is started for a job that is about to expire too.
    if (!dispatchScheduled) {
      dispatchScheduled = true;
      setImmediate(() => { dispatchScheduled = false; dispatch(); });
    }
  }

  return {
    estimate(password, userInputs, timeoutMs) {
      return new Promise((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        let settled = false;
        const limit = Math.min(Math.max(0, timeoutMs || 0), 2_147_483_647 - startupAllowanceMs);
        const job: Job = {
          id: nextId++, password, userInputs, timeoutMs: limit, slot: undefined,
          arm(ms) {
            clearTimeout(timer);
            timer = setTimeout(() => expire(job), ms);
          },
          settle(outcome) {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            if (outcome instanceof Error) reject(outcome);
            else resolve(outcome);
          },
        };
        // Waiting for a worker that is still starting gets the start-up allowance on top; a job
        // handed to a ready worker re-arms to its own deadline (clamped to what setTimeout accepts).
        job.arm([...slots].some((s) => s.ready) ? limit : limit + startupAllowanceMs);
        queue.push(job);
        dispatch();
      });
    },
    async close() {
      const stopping = [...slots];
      slots.clear();
      const closed = new Error('the password strength pool was closed');
      for (const job of queue.splice(0)) job.settle(closed);
      for (const slot of stopping) {
        slot.job?.settle(closed);
        slot.job = undefined;
      }
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}

let shared: StrengthPool | undefined;
let holders = 0;

/** The process-wide pool `checkPassword` uses by default. */
export function sharedStrengthPool(): StrengthPool {
  shared ??= createStrengthPool();
  return shared;
}

/**
 * Registers one more owner of the shared pool (each Latch instance). The returned function
 * releases it; the last release stops the workers, so closing one instance never cuts short
 * another's checks.
 */
export function retainSharedStrengthPool(): () => Promise<void> {
  holders++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders--;
    if (holders === 0) await shared?.close();
  };
}
