import { randomUUID } from 'node:crypto';
import { repeatEvery, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { webhookDeliveryStore, type WebhookDelivery, type WebhookDeliveryRepository } from './repository.js';
import { signatureHeader } from './signature.js';

/** Sent as `User-Agent`; the number is the version of the delivery format and signature scheme. */
export const webhookUserAgent = 'Latch-Webhooks/1.0';

/** Delivery counters of this process since it started, and the queue's backlog. */
export interface WebhookStats {
  /** Deliveries the receiver accepted (2xx). */
  delivered: number;
  /** Attempts that failed and were scheduled again. */
  retried: number;
  /** Deliveries given up after the retry period. */
  failed: number;
  /** Events waiting for delivery in the database (every process's). */
  pending: number;
}

/** Options of {@link createWebhookWorker}. */
export interface WebhookWorkerOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  url: string;
  /** The current secret first, then a retiring one (each signs). */
  secrets: readonly string[];
  timeoutMs: number;
  pollIntervalMs: number;
}

/** Delivers queued events: right after each commit (`kick`), on a sweep for retries, and on demand. */
export interface WebhookWorker {
  /** Delivers everything due now, after any pass already running; resolves to how many deliveries were attempted. */
  deliverDue(): Promise<number>;
  /** Asks for a pass soon (after a commit queued an event). */
  kick(): void;
  start(): Promise<void>;
  /** Stops the sweep and waits for deliveries in flight (each ends within the timeout). */
  stop(): Promise<void>;
  readonly counters: Omit<WebhookStats, 'pending'>;
}

/** Deliveries attempted at once per pass. */
const batchSize = 10;
/** The first retry waits 30 s, then twice as long each time, at most an hour. */
const firstRetrySeconds = 30;
const maxRetrySeconds = 3600;

/**
 * The wait before retry number `attempts` (1 after the first failure): exponential, capped, and
 * shortened by up to a quarter at random so retries after an outage do not all arrive at once.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(maxRetrySeconds, firstRetrySeconds * 2 ** Math.min(attempts - 1, 20)) * 1000;
  return Math.round(base * (0.75 + 0.25 * random()));
}

/** A failed fetch in words, without the URL (it may carry a token). */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `connection failed: ${cause.code}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The delivery worker. A delivery is marked delivered only after a 2xx answer, so a crash or an
 * outage never loses one: a claimed row whose worker died is claimed again once its lease (the
 * timeout and half again) ends. Anything else (another status, a redirect, a timeout, a
 * connection error) is retried with back-off until the event's retry period ends.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { storage, clock, logger } = options;
  const leaseSeconds = Math.ceil((options.timeoutMs * 1.5) / 1000);
  const counters = { delivered: 0, retried: 0, failed: 0 };
  let current: Promise<number> | undefined;
  let scheduled = false;
  let stopped = true;
  let stopSweep: (() => void) | undefined;

  async function deliverOne(store: WebhookDeliveryRepository, delivery: WebhookDelivery, token: string): Promise<void> {
    const t = Math.floor(clock.now().getTime() / 1000);
    let status: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': webhookUserAgent,
          'x-latch-event-id': delivery.eventId,
          'x-latch-event-type': delivery.eventType,
          'x-latch-signature': signatureHeader(options.secrets, t, delivery.body),
        },
        body: delivery.body,
        // A redirect is not followed: the signed body goes to the configured address only.
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => {});
      if (status < 200 || status > 299) failure = `answered ${status}`;
    } catch (error) {
      failure = describeFailure(error, options.timeoutMs);
    }
    const now = clock.now();
    const fields = { eventId: delivery.eventId, eventType: delivery.eventType, attempts: delivery.attempts + 1, status };
    if (failure === null) {
      if (await store.markDelivered(delivery.id, token, now, status!)) counters.delivered++;
      logger.debug({ event: 'webhook.delivered', ...fields }, 'webhook delivered');
      return;
    }
    const giveUp = now.getTime() >= delivery.giveUpAt.getTime();
    // The last attempt falls on the end of the retry period, so an event is tried for all of it.
    const next = giveUp ? null : new Date(Math.min(now.getTime() + retryDelayMs(delivery.attempts + 1), delivery.giveUpAt.getTime()));
    if (!(await store.markAttemptFailed(delivery.id, token, { at: now, status, error: failure, nextAttemptAt: next }))) return;
    if (giveUp) {
      counters.failed++;
      logger.error({ event: 'webhook.failed', ...fields, error: failure }, 'webhook delivery given up');
    } else {
      counters.retried++;
      logger.warn({ event: 'webhook.retry', ...fields, error: failure, nextAttemptAt: next!.toISOString() }, 'webhook delivery failed; will retry');
    }
  }

  async function pass(): Promise<number> {
    const store = storage.store(webhookDeliveryStore);
    const token = randomUUID();
    const claimed = await store.claimDue(clock.now(), batchSize, leaseSeconds, token);
    await Promise.all(claimed.map((delivery) => deliverOne(store, delivery, token)));
    return claimed.length;
  }

  /** One pass at a time in this process; a caller arriving during one runs a fresh pass after it. */
  async function onePass(): Promise<number> {
    while (current) await current.catch(() => 0);
    const mine = pass();
    current = mine;
    try {
      return await mine;
    } finally {
      if (current === mine) current = undefined;
    }
  }

  /** Passes until one finds less than a full batch due (a failed attempt is rescheduled, so this ends). */
  async function drain(keepGoing: () => boolean): Promise<number> {
    let total = 0;
    for (let handled = batchSize; handled === batchSize && keepGoing();) total += handled = await onePass();
    return total;
  }
  const deliverDue = () => drain(() => true);

  function kick(): void {
    if (stopped || scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (stopped) return;
      drain(() => !stopped).then(
        () => {},
        (error) => logger.error({ event: 'webhook.worker_error', error: error instanceof Error ? error.message : String(error) }, 'webhook worker failed'),
      );
    });
  }

  return {
    counters,
    deliverDue,
    kick,
    async start() {
      if (!stopped) return;
      // The embedded database belongs to this process alone: a lease found now is a crashed run's.
      if (storage.kind === 'pglite') await storage.store(webhookDeliveryStore).releaseLeases();
      stopped = false;
      stopSweep = repeatEvery(clock, options.pollIntervalMs, kick);
      kick();
    },
    async stop() {
      stopped = true;
      stopSweep?.();
      stopSweep = undefined;
      while (current) await current.catch(() => 0);
    },
  };
}
