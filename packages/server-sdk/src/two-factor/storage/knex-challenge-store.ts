import type { Knex } from 'knex';
import { date, maybeDate, type Row } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { ChallengeRecord, ChallengeStore, NewChallenge } from './challenge-store.js';

function toChallenge(row: Row): ChallengeRecord {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    usedAt: maybeDate(row.used_at),
    attempts: Number(row.attempts),
    emailSends: Number(row.email_sends),
    emailLastSentAt: maybeDate(row.email_last_sent_at),
  };
}

/*
 * knex-pglite reports no row count for UPDATE/DELETE, so every conditional write uses `returning`
 * and counts the rows it gets back.
 */
class KnexChallengeStore implements ChallengeStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  private live(now: Date) {
    return this.db('two_factor_challenges').whereNull('used_at').where('expires_at', '>', now);
  }

  async createChallenge(input: NewChallenge) {
    const [row] = await this.db('two_factor_challenges')
      .insert({ user_id: input.userId, token_hash: input.tokenHash, created_at: input.createdAt, expires_at: input.expiresAt })
      .returning('*');
    return toChallenge(row);
  }

  async findLiveChallenge(tokenHash: string, now: Date) {
    const row = await this.live(now).where({ token_hash: tokenHash }).first();
    return row ? toChallenge(row) : null;
  }

  async findLiveChallengeById(id: string, now: Date) {
    const row = await this.live(now).where({ id }).first();
    return row ? toChallenge(row) : null;
  }

  async reserveChallengeAttempt(id: string, max: number, now: Date) {
    const rows = await this.live(now).where({ id }).where('attempts', '<', max).increment('attempts', 1).returning('attempts');
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async consumeChallenge(id: string, now: Date) {
    const rows = await this.live(now).where({ id }).update({ used_at: now }).returning('id');
    return rows.length === 1;
  }

  async claimFailureNotice(id: string) {
    const rows = await this.db('two_factor_challenges').where({ id, failure_noticed: false }).update({ failure_noticed: true }).returning('id');
    return rows.length === 1;
  }

  async claimEmailSend(id: string, now: Date, minIntervalSeconds: number, maxSends: number) {
    const spacedSince = new Date(now.getTime() - minIntervalSeconds * 1000);
    const rows = await this.live(now).where({ id }).where('email_sends', '<', maxSends)
      .where((w) => w.whereNull('email_last_sent_at').orWhere('email_last_sent_at', '<=', spacedSince))
      .update({ email_sends: this.db.raw('email_sends + 1'), email_last_sent_at: now })
      .returning('id');
    return rows.length === 1;
  }

  async deleteExpiredChallenges(now: Date) {
    const rows = await this.db('two_factor_challenges').where('expires_at', '<=', now).delete().returning('id');
    return rows.length;
  }

  async voidChallengesForUser(userId: string, now: Date) {
    await this.db('two_factor_challenges').where({ user_id: userId }).whereNull('used_at').update({ used_at: now }).returning('id');
  }
}

/** The pending sign-ins of a storage (its transaction, if any): `storage.store(challengeStoreKey)`. */
export const challengeStoreKey: StoreKey<ChallengeStore> = { name: 'two-factor.challenges', create: (db) => new KnexChallengeStore(db) };
