import type { Knex } from 'knex';
import { date, type Row } from '../storage/knex/rows.js';
import type { StoreKey } from '../storage/storage.js';

/** An SSH public key as stored. */
export interface SshKeyRecord {
  id: string;
  userId: string;
  name: string;
  type: string;
  /** Canonical `type base64`. */
  publicKey: string;
  fingerprint: string;
  bits: number | null;
  comment: string | null;
  createdAt: Date;
}


function toSshKey(row: Row): SshKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    type: row.type,
    publicKey: row.public_key,
    fingerprint: row.fingerprint,
    bits: row.bits == null ? null : Number(row.bits),
    comment: row.comment ?? null,
    createdAt: date(row.created_at),
  };
}

/** The `ssh_keys` table on one executor; get it bound to a storage with `storage.store(sshKeyStore)`. */
export class SshKeyRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async countForUser(userId: string): Promise<number> {
    const [row] = await this.db('ssh_keys').where({ user_id: userId }).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  /** The owner of a fingerprint, if any account holds it. */
  async ownerOf(fingerprint: string): Promise<string | null> {
    const row = await this.db('ssh_keys').where({ fingerprint }).first('user_id');
    return row ? (row.user_id as string) : null;
  }

  async insert(key: Omit<SshKeyRecord, 'id'>): Promise<SshKeyRecord> {
    const [row] = await this.db('ssh_keys').insert({
      user_id: key.userId, name: key.name, type: key.type, public_key: key.publicKey, fingerprint: key.fingerprint,
      bits: key.bits, comment: key.comment, created_at: key.createdAt,
    }).returning('*');
    return toSshKey(row);
  }

  async listForUser(userId: string): Promise<SshKeyRecord[]> {
    const rows = await this.db('ssh_keys').where({ user_id: userId }).orderBy([{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }]);
    return rows.map(toSshKey);
  }

  /** Deletes one of the user's keys; returns it, or null when it is not theirs or gone. */
  async deleteForUser(userId: string, id: string): Promise<SshKeyRecord | null> {
    const rows = await this.db('ssh_keys').where({ id, user_id: userId }).delete().returning('*');
    return rows[0] ? toSshKey(rows[0]) : null;
  }
}

/** The SSH-key store of a {@link Storage} (its transaction, if any). */
export const sshKeyStore: StoreKey<SshKeyRepository> = { name: 'ssh-keys', create: (db) => new SshKeyRepository(db) };
