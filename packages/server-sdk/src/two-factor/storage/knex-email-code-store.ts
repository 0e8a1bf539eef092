import type { Knex } from 'knex';
import { date } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { EmailCodeScope, EmailCodeStore } from './email-code-store.js';

/* Conditional writes count their `returning` rows: knex-pglite reports no row count. */
class KnexEmailCodeStore implements EmailCodeStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  private scoped(scope: EmailCodeScope) {
    const q = this.db('two_factor_email_codes').where({ user_id: scope.userId, purpose: scope.purpose });
    return scope.purpose === 'sign_in' ? q.where({ challenge_id: scope.challengeId }) : q.whereNull('challenge_id');
  }

  async issueEmailCode(scope: EmailCodeScope, codeHash: string, createdAt: Date, expiresAt: Date) {
    await this.scoped(scope).whereNull('used_at').update({ used_at: createdAt }).returning('id');
    await this.db('two_factor_email_codes').insert({
      user_id: scope.userId,
      challenge_id: scope.purpose === 'sign_in' ? scope.challengeId : null,
      purpose: scope.purpose,
      code_hash: codeHash,
      created_at: createdAt,
      expires_at: expiresAt,
    });
  }

  async findLiveEmailCode(scope: EmailCodeScope, now: Date) {
    const row = await this.scoped(scope).whereNull('used_at').where('expires_at', '>', now).orderBy('created_at', 'desc').first();
    return row ? { id: row.id as string, codeHash: row.code_hash as string, createdAt: date(row.created_at), expiresAt: date(row.expires_at) } : null;
  }

  async consumeEmailCode(id: string, now: Date) {
    const rows = await this.db('two_factor_email_codes').where({ id }).whereNull('used_at').where('expires_at', '>', now)
      .update({ used_at: now }).returning('id');
    return rows.length === 1;
  }

  async deleteExpiredEmailCodes(now: Date) {
    const rows = await this.db('two_factor_email_codes')
      .where((w) => w.where('expires_at', '<=', now).orWhereNotNull('used_at'))
      .delete().returning('id');
    return rows.length;
  }
}

/** The emailed-code store of a storage (its transaction, if any): `storage.store(emailCodeStoreKey)`. */
export const emailCodeStoreKey: StoreKey<EmailCodeStore> = { name: 'two-factor.email-codes', create: (db) => new KnexEmailCodeStore(db) };
