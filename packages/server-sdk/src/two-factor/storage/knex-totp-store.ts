import type { Knex } from 'knex';
import { maybeDate, type Row } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { TotpRecord, TotpStore } from './totp-store.js';

function toTotp(row: Row): TotpRecord {
  return {
    userId: row.user_id,
    secretSealed: row.secret_sealed ?? null,
    enabledAt: maybeDate(row.enabled_at),
    lastUsedStep: row.last_used_step == null ? null : Number(row.last_used_step),
    pendingSecretSealed: row.pending_secret_sealed ?? null,
    pendingExpiresAt: maybeDate(row.pending_expires_at),
  };
}

/* Conditional writes count their `returning` rows: knex-pglite reports no row count. */
class KnexTotpStore implements TotpStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findTotp(userId: string) {
    const row = await this.db('two_factor_totp').where({ user_id: userId }).first();
    return row ? toTotp(row) : null;
  }

  async setPendingTotp(userId: string, secretSealed: string, expiresAt: Date, now: Date) {
    await this.db('two_factor_totp')
      .insert({ user_id: userId, pending_secret_sealed: secretSealed, pending_expires_at: expiresAt, updated_at: now })
      .onConflict('user_id')
      .merge(['pending_secret_sealed', 'pending_expires_at', 'updated_at']);
  }

  async activatePendingTotp(userId: string, secretSealed: string, step: number, now: Date) {
    const rows = await this.db('two_factor_totp')
      .where({ user_id: userId, pending_secret_sealed: secretSealed }).where('pending_expires_at', '>', now)
      .update({
        secret_sealed: secretSealed, enabled_at: now, last_used_step: step,
        pending_secret_sealed: null, pending_expires_at: null, updated_at: now,
      })
      .returning('user_id');
    return rows.length === 1;
  }

  async useTotpStep(userId: string, step: number, now: Date) {
    const rows = await this.db('two_factor_totp')
      .where({ user_id: userId }).whereNotNull('enabled_at')
      .where((w) => w.whereNull('last_used_step').orWhere('last_used_step', '<', step))
      .update({ last_used_step: step, updated_at: now })
      .returning('user_id');
    return rows.length === 1;
  }

  async deleteTotp(userId: string) {
    const rows = await this.db('two_factor_totp').where({ user_id: userId }).delete().returning(['user_id', 'enabled_at']);
    return rows.some((r: Row) => r.enabled_at != null);
  }

  async deleteExpiredPendingTotp(now: Date) {
    const cleared = await this.db('two_factor_totp')
      .whereNotNull('enabled_at').where('pending_expires_at', '<=', now)
      .update({ pending_secret_sealed: null, pending_expires_at: null }).returning('user_id');
    const deleted = await this.db('two_factor_totp').whereNull('enabled_at').where('pending_expires_at', '<=', now).delete().returning('user_id');
    return cleared.length + deleted.length;
  }
}

/** The authenticator-app store of a storage (its transaction, if any): `storage.store(totpStoreKey)`. */
export const totpStoreKey: StoreKey<TotpStore> = { name: 'two-factor.totp', create: (db) => new KnexTotpStore(db) };
