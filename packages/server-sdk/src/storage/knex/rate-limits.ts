import type { Knex } from 'knex';
import type { RateLimitRepository } from '../storage.js';

export class KnexRateLimitRepository implements RateLimitRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async hit(key: string, windowSeconds: number, now: Date) {
    const resetAt = new Date(now.getTime() + windowSeconds * 1000);
    // One atomic upsert: a window that has ended starts over at 1.
    const { rows } = await this.db.raw(
      `insert into rate_limits (key, count, reset_at) values (?, 1, ?)
       on conflict (key) do update set
         count = case when rate_limits.reset_at <= ? then 1 else rate_limits.count + 1 end,
         reset_at = case when rate_limits.reset_at <= ? then excluded.reset_at else rate_limits.reset_at end
       returning count, reset_at`,
      [key, resetAt, now, now],
    );
    const row = rows[0];
    return { count: Number(row.count), resetAt: new Date(row.reset_at) };
  }

  async peek(key: string, now: Date) {
    const row = await this.db('rate_limits').where({ key }).where('reset_at', '>', now).first();
    return row ? { count: Number(row.count), resetAt: new Date(row.reset_at) } : { count: 0, resetAt: now };
  }

  async reset(key: string) {
    await this.db('rate_limits').where({ key }).delete();
  }

  async deleteExpired(now: Date) {
    const rows = await this.db('rate_limits').where('reset_at', '<=', now).delete().returning('key');
    return rows.length;
  }
}
