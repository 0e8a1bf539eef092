import type { Knex } from 'knex';
import { date, type Row } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { NewWebauthnChallenge, WebauthnChallengeRecord, WebauthnChallengeStore, WebauthnPurpose } from './webauthn-challenge-store.js';

function toWebauthnChallenge(row: Row): WebauthnChallengeRecord {
  return {
    id: row.id,
    challenge: row.challenge,
    purpose: row.purpose,
    userId: row.user_id ?? null,
    pendingId: row.pending_id ?? null,
    expiresAt: date(row.expires_at),
  };
}

/* Conditional writes count their `returning` rows: knex-pglite reports no row count. */
class KnexWebauthnChallengeStore implements WebauthnChallengeStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async createWebauthnChallenge(input: NewWebauthnChallenge) {
    await this.db('webauthn_challenges').insert({
      challenge: input.challenge,
      purpose: input.purpose,
      user_id: input.userId,
      pending_id: input.pendingId,
      created_at: input.createdAt,
      expires_at: input.expiresAt,
    });
  }

  async consumeWebauthnChallenge(challenge: string, purposes: WebauthnPurpose[], now: Date) {
    const rows = await this.db('webauthn_challenges')
      .where({ challenge }).whereIn('purpose', purposes).whereNull('used_at').where('expires_at', '>', now)
      .update({ used_at: now })
      .returning('*');
    return rows[0] ? toWebauthnChallenge(rows[0]) : null;
  }

  async deleteExpiredWebauthnChallenges(now: Date) {
    const rows = await this.db('webauthn_challenges')
      .where((w) => w.where('expires_at', '<=', now).orWhereNotNull('used_at'))
      .delete().returning('id');
    return rows.length;
  }
}

/** The WebAuthn-challenge store of a storage (its transaction, if any): `storage.store(webauthnChallengeStoreKey)`. */
export const webauthnChallengeStoreKey: StoreKey<WebauthnChallengeStore> = {
  name: 'two-factor.webauthn-challenges',
  create: (db) => new KnexWebauthnChallengeStore(db),
};
