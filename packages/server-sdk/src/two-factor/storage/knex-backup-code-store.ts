import type { Knex } from 'knex';
import type { Row } from '../../storage/knex/rows.js';
import type { StoreKey } from '../../storage/storage.js';
import type { BackupCodeRecord, BackupCodeStore } from './backup-code-store.js';

/* Conditional writes count their `returning` rows: knex-pglite reports no row count. */
class KnexBackupCodeStore implements BackupCodeStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async replaceBackupCodes(userId: string, codeHashes: string[], now: Date) {
    await this.db('two_factor_backup_codes').where({ user_id: userId }).delete().returning('id');
    if (codeHashes.length > 0) {
      await this.db('two_factor_backup_codes').insert(codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash, created_at: now })));
    }
  }

  async listUnusedBackupCodes(userId: string): Promise<BackupCodeRecord[]> {
    const rows = await this.db('two_factor_backup_codes').where({ user_id: userId }).whereNull('used_at').select('id', 'code_hash');
    return rows.map((r: Row) => ({ id: r.id, codeHash: r.code_hash }));
  }

  async countUnusedBackupCodes(userId: string) {
    const row = await this.db('two_factor_backup_codes').where({ user_id: userId }).whereNull('used_at').count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async consumeBackupCode(id: string, now: Date) {
    const rows = await this.db('two_factor_backup_codes').where({ id }).whereNull('used_at').update({ used_at: now }).returning('id');
    return rows.length === 1;
  }

  async deleteBackupCodes(userId: string) {
    const rows = await this.db('two_factor_backup_codes').where({ user_id: userId }).delete().returning('id');
    return rows.length;
  }
}

/** The backup-code store of a storage (its transaction, if any): `storage.store(backupCodeStoreKey)`. */
export const backupCodeStoreKey: StoreKey<BackupCodeStore> = { name: 'two-factor.backup-codes', create: (db) => new KnexBackupCodeStore(db) };
