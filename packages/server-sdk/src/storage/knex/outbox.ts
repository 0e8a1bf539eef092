import type { Knex } from 'knex';
import type { OutboxRepository } from '../storage.js';
import type { NewOutboxMessage } from '../types.js';
import { toOutbox } from './rows.js';

export class KnexOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async enqueue(message: NewOutboxMessage) {
    const [row] = await this.db('outbox')
      .insert({
        to_address: message.toAddress,
        template: message.template,
        subject: message.subject,
        body_sealed: message.bodySealed,
        created_at: message.createdAt,
        next_attempt_at: message.createdAt,
      })
      .returning('*');
    return toOutbox(row);
  }

  async claimDue(now: Date, limit: number, lockSeconds: number) {
    // SKIP LOCKED lets several server processes drain one outbox without sending twice.
    const due = this.db('outbox')
      .select('id')
      .whereNull('sent_at')
      .whereNull('failed_at')
      .where('next_attempt_at', '<=', now)
      .where((w) => w.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const rows = await this.db('outbox')
      .whereIn('id', due)
      .update({ locked_until: new Date(now.getTime() + lockSeconds * 1000) })
      .returning('*');
    return rows.map(toOutbox);
  }

  async markSent(id: string, at: Date, eraseBody: boolean) {
    const patch: Record<string, unknown> = { sent_at: at, locked_until: null, last_error: null };
    if (eraseBody) patch.body_sealed = null;
    await this.db('outbox').where({ id }).update(patch);
  }

  async markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null, at: Date) {
    await this.db('outbox')
      .where({ id })
      .update({
        attempts: this.db.raw('attempts + 1'),
        last_error: error.slice(0, 500),
        locked_until: null,
        next_attempt_at: nextAttemptAt ?? at,
        failed_at: nextAttemptAt ? null : at,
      });
  }

  async listRecent(limit: number) {
    const rows = await this.db('outbox').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
    return rows.map(toOutbox);
  }

  async countPending() {
    const row = await this.db('outbox').whereNull('sent_at').whereNull('failed_at').count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }
}
