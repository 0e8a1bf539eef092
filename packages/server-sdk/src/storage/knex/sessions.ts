import type { Knex } from 'knex';
import type { SessionRepository } from '../storage.js';
import type { NewSession } from '../types.js';
import { toSession } from './rows.js';

export class KnexSessionRepository implements SessionRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async create(session: NewSession) {
    const [row] = await this.db('sessions')
      .insert({
        user_id: session.userId,
        token_hash: session.tokenHash,
        created_at: session.createdAt,
        last_active_at: session.lastActiveAt,
        authenticated_at: session.authenticatedAt,
        expires_at: session.expiresAt,
        ip: session.ip,
        user_agent: session.userAgent,
      })
      .returning('*');
    return toSession(row);
  }

  async findByTokenHash(tokenHash: string) {
    const row = await this.db('sessions').where({ token_hash: tokenHash }).first();
    return row ? toSession(row) : null;
  }

  async findById(id: string) {
    const row = await this.db('sessions').where({ id }).first();
    return row ? toSession(row) : null;
  }

  async touch(id: string, at: Date, minIntervalSeconds: number) {
    await this.db('sessions')
      .where({ id })
      .where('last_active_at', '<', new Date(at.getTime() - minIntervalSeconds * 1000))
      .update({ last_active_at: at });
  }

  async markAuthenticated(id: string, at: Date) {
    await this.db('sessions').where({ id }).update({ authenticated_at: at, last_active_at: at });
  }

  async listLive(userId: string, now: Date, idleTimeoutSeconds: number) {
    const rows = await this.db('sessions')
      .where({ user_id: userId })
      .where('expires_at', '>', now)
      .where('last_active_at', '>', new Date(now.getTime() - idleTimeoutSeconds * 1000))
      .orderBy('last_active_at', 'desc');
    return rows.map(toSession);
  }

  async deleteForUser(userId: string, sessionId: string) {
    // knex-pglite reports no row count: ask for the rows instead.
    const rows = await this.db('sessions').where({ id: sessionId, user_id: userId }).delete().returning('id');
    return rows.length > 0;
  }

  async deleteAllForUser(userId: string, exceptId?: string) {
    const q = this.db('sessions').where({ user_id: userId });
    if (exceptId) q.whereNot({ id: exceptId });
    const rows = await q.delete().returning('id');
    return rows.map((r: { id: string }) => r.id);
  }

  async evictOldest(userId: string, keep: number, keepId?: string) {
    const newestFirst = this.db('sessions').select('id').where({ user_id: userId });
    // Creation times can tie (same millisecond): the kept session sorts first whatever its id.
    if (keepId) newestFirst.orderByRaw('(id = ?) desc', [keepId]);
    const rows = await this.db('sessions')
      .whereIn('id', newestFirst.orderBy('created_at', 'desc').orderBy('id').offset(keep))
      .delete()
      .returning('id');
    return rows.map((r: { id: string }) => r.id);
  }

  async deleteExpired(now: Date, idleTimeoutSeconds: number) {
    const rows = await this.db('sessions')
      .where('expires_at', '<=', now)
      .orWhere('last_active_at', '<=', new Date(now.getTime() - idleTimeoutSeconds * 1000))
      .delete()
      .returning('id');
    return rows.length;
  }
}
