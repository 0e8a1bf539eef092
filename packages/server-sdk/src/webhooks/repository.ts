import type { Knex } from 'knex';
import { date, maybeDate, type Row } from '../storage/knex/rows.js';
import type { StoreKey } from '../storage/storage.js';

/** One event waiting for (or done with) delivery. */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  /** The JSON body exactly as sent. */
  body: string;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  giveUpAt: Date;
  lockedUntil: Date | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** What a failed attempt records. */
export interface FailedAttempt {
  at: Date;
  /** The receiver's status, or null when no answer came (connection error, timeout). */
  status: number | null;
  error: string;
  /** When to try again; null gives the delivery up. */
  nextAttemptAt: Date | null;
}

const pending = (q: Knex.QueryBuilder) => q.whereNull('delivered_at').whereNull('failed_at');

function toDelivery(row: Row): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    body: row.body,
    createdAt: date(row.created_at),
    attempts: Number(row.attempts),
    nextAttemptAt: date(row.next_attempt_at),
    giveUpAt: date(row.give_up_at),
    lockedUntil: maybeDate(row.locked_until),
    deliveredAt: maybeDate(row.delivered_at),
    failedAt: maybeDate(row.failed_at),
    lastStatus: row.last_status ?? null,
    lastError: row.last_error ?? null,
  };
}

/** The `webhook_deliveries` table on one executor; bound to a storage with `storage.store(webhookDeliveryStore)`. */
export class WebhookDeliveryRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Queues an event (in the caller's transaction: it exists exactly when the change does). */
  async enqueue(delivery: { eventId: string; eventType: string; body: string; createdAt: Date; giveUpAt: Date }): Promise<void> {
    await this.db('webhook_deliveries').insert({
      event_id: delivery.eventId,
      event_type: delivery.eventType,
      body: delivery.body,
      created_at: delivery.createdAt,
      next_attempt_at: delivery.createdAt,
      give_up_at: delivery.giveUpAt,
    });
  }

  /**
   * Claims up to `limit` due deliveries for `leaseSeconds` under `token`, in one statement. SKIP
   * LOCKED lets several server processes share the queue: a row another worker is claiming is
   * passed over, and a claimed row is not due again until its lease ends.
   */
  async claimDue(now: Date, limit: number, leaseSeconds: number, token: string): Promise<WebhookDelivery[]> {
    const due = pending(this.db('webhook_deliveries').select('id'))
      .where('next_attempt_at', '<=', now)
      .where((w) => w.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const rows = await this.db('webhook_deliveries')
      .whereIn('id', due)
      .update({ locked_until: new Date(now.getTime() + leaseSeconds * 1000), claim_token: token })
      .returning('*');
    return rows.map(toDelivery);
  }

  /** Marks a delivery done; false when the claim was lost meanwhile (another worker took it over). */
  async markDelivered(id: string, token: string, at: Date, status: number): Promise<boolean> {
    const count = await this.db('webhook_deliveries').where({ id, claim_token: token }).whereNull('delivered_at').update({
      delivered_at: at, attempts: this.db.raw('attempts + 1'), last_status: status, last_error: null, locked_until: null, claim_token: null,
    });
    return count > 0;
  }

  /** Records a failed attempt and when to retry (or gives up); false when the claim was lost meanwhile. */
  async markAttemptFailed(id: string, token: string, attempt: FailedAttempt): Promise<boolean> {
    const count = await pending(this.db('webhook_deliveries').where({ id, claim_token: token })).update({
      attempts: this.db.raw('attempts + 1'),
      last_status: attempt.status,
      last_error: attempt.error.slice(0, 500),
      next_attempt_at: attempt.nextAttemptAt ?? attempt.at,
      failed_at: attempt.nextAttemptAt ? null : attempt.at,
      locked_until: null,
      claim_token: null,
    });
    return count > 0;
  }

  /**
   * Ends every lease at once. Only for the embedded database at start-up: its folder belongs to one
   * process, so a lease found then is a crashed process's.
   */
  async releaseLeases(): Promise<number> {
    return pending(this.db('webhook_deliveries').whereNotNull('locked_until')).update({ locked_until: null, claim_token: null });
  }

  /** Sends a delivery (pending or given up) again from now, with a fresh retry period. */
  async redeliver(eventId: string, now: Date, giveUpAt: Date): Promise<boolean> {
    const count = await this.db('webhook_deliveries').where({ event_id: eventId }).whereNull('delivered_at').update({
      failed_at: null, next_attempt_at: now, give_up_at: giveUpAt, locked_until: null, claim_token: null,
    });
    return count > 0;
  }

  async findByEventId(eventId: string): Promise<WebhookDelivery | null> {
    const row = await this.db('webhook_deliveries').where({ event_id: eventId }).first();
    return row ? toDelivery(row) : null;
  }

  /** How many events wait for delivery (including retries not yet due). */
  async countPending(): Promise<number> {
    const row = await pending(this.db('webhook_deliveries')).count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  /** Deletes deliveries finished before the given times; returns how many. */
  async deleteFinished(before: { delivered: Date; failed: Date }): Promise<number> {
    return this.db('webhook_deliveries')
      .where((w) => w.where('delivered_at', '<', before.delivered).orWhere('failed_at', '<', before.failed))
      .delete();
  }
}

/** The store key of the webhook queue. */
export const webhookDeliveryStore: StoreKey<WebhookDeliveryRepository> = {
  name: 'webhook-deliveries',
  create: (db) => new WebhookDeliveryRepository(db),
};
