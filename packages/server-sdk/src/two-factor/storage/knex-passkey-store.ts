import type { Knex } from 'knex';
import { date, maybeDate, type Row } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { NewPasskey, PasskeyRecord, PasskeyStore } from './passkey-store.js';

function toPasskey(row: Row): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports: row.transports ?? [],
    deviceType: row.device_type ?? null,
    backedUp: Boolean(row.backed_up),
    aaguid: row.aaguid ?? null,
    name: row.name,
    createdAt: date(row.created_at),
    lastUsedAt: maybeDate(row.last_used_at),
  };
}

/* Conditional writes count their `returning` rows: knex-pglite reports no row count. */
class KnexPasskeyStore implements PasskeyStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async countPasskeys(userId: string) {
    const row = await this.db('passkeys').where({ user_id: userId }).count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async listPasskeys(userId: string) {
    const rows = await this.db('passkeys').where({ user_id: userId }).orderBy('created_at', 'asc').orderBy('id', 'asc');
    return rows.map(toPasskey);
  }

  async findPasskeyByCredentialId(credentialId: string) {
    const row = await this.db('passkeys').where({ credential_id: credentialId }).first();
    return row ? toPasskey(row) : null;
  }

  async insertPasskey(passkey: NewPasskey) {
    // The unique credential id decides races between accounts without aborting the transaction.
    const rows = await this.db('passkeys')
      .insert({
        user_id: passkey.userId,
        credential_id: passkey.credentialId,
        public_key: passkey.publicKey,
        counter: passkey.counter,
        transports: passkey.transports,
        device_type: passkey.deviceType,
        backed_up: passkey.backedUp,
        aaguid: passkey.aaguid,
        name: passkey.name,
        created_at: passkey.createdAt,
      })
      .onConflict('credential_id')
      .ignore()
      .returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async renamePasskey(userId: string, id: string, name: string) {
    const rows = await this.db('passkeys').where({ id, user_id: userId }).update({ name }).returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async deletePasskey(userId: string, id: string) {
    const rows = await this.db('passkeys').where({ id, user_id: userId }).delete().returning('*');
    return rows[0] ? toPasskey(rows[0]) : null;
  }

  async deletePasskeys(userId: string) {
    const rows = await this.db('passkeys').where({ user_id: userId }).delete().returning('id');
    return rows.length;
  }

  async advancePasskeyCounter(id: string, expected: number, next: number, now: Date) {
    const rows = await this.db('passkeys').where({ id, counter: expected }).update({ counter: next, last_used_at: now }).returning('id');
    return rows.length === 1;
  }
}

/** The passkey store of a storage (its transaction, if any): `storage.store(passkeyStoreKey)`. */
export const passkeyStoreKey: StoreKey<PasskeyStore> = { name: 'two-factor.passkeys', create: (db) => new KnexPasskeyStore(db) };
