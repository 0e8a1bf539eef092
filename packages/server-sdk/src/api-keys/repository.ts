import type { Knex } from 'knex';
import { date, toUser, type Row } from '../storage/knex/rows.js';
import type { StoreKey } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';

/** An API key as stored (never the key itself). */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  useCount: number;
}

/** Usage gathered in memory and written in one batch. */
export interface ApiKeyUsage {
  id: string;
  lastUsedAt: Date;
  lastUsedIp: string | null;
  count: number;
}


function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    keyHash: row.key_hash,
    scopes: row.scopes ?? [],
    createdAt: date(row.created_at),
    expiresAt: row.expires_at == null ? null : date(row.expires_at),
    lastUsedAt: row.last_used_at == null ? null : date(row.last_used_at),
    lastUsedIp: row.last_used_ip ?? null,
    useCount: Number(row.use_count ?? 0),
  };
}

/** The `api_keys` table on one executor; get it bound to a storage with `storage.store(apiKeyStore)`. */
export class ApiKeyRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Keys of the user that have not expired at `now`. */
  async countLive(userId: string, now: Date): Promise<number> {
    const [row] = await this.db('api_keys').where({ user_id: userId })
      .andWhere((q) => q.whereNull('expires_at').orWhere('expires_at', '>', now)).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async insert(key: Omit<ApiKeyRecord, 'id' | 'lastUsedAt' | 'lastUsedIp' | 'useCount'>): Promise<ApiKeyRecord> {
    const [row] = await this.db('api_keys').insert({
      user_id: key.userId, name: key.name, prefix: key.prefix, key_hash: key.keyHash, scopes: key.scopes,
      created_at: key.createdAt, expires_at: key.expiresAt,
    }).returning('*');
    return toApiKey(row);
  }

  async listForUser(userId: string): Promise<ApiKeyRecord[]> {
    const rows = await this.db('api_keys').where({ user_id: userId }).orderBy([{ column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }]);
    return rows.map(toApiKey);
  }

  /** Deletes one of the user's keys; false when it is not theirs or gone. */
  async deleteForUser(userId: string, id: string): Promise<boolean> {
    const rows = await this.db('api_keys').where({ id, user_id: userId }).delete().returning('id');
    return rows.length > 0;
  }

  /** Deletes every key of the user; returns their ids. */
  async deleteAllForUser(userId: string): Promise<string[]> {
    const rows = await this.db('api_keys').where({ user_id: userId }).delete().returning('id');
    return rows.map((r: Row) => r.id as string);
  }

  /** The key with this hash and its owner, or null. */
  async findByHash(keyHash: string): Promise<{ key: ApiKeyRecord; user: UserRecord } | null> {
    const row = await this.db('api_keys').where({ key_hash: keyHash }).first();
    if (!row) return null;
    const user = await this.db('users').where({ id: row.user_id }).first();
    return user ? { key: toApiKey(row), user: toUser(user) } : null;
  }

  /** Adds batched usage; keys deleted meanwhile are skipped. */
  async addUsage(usage: ApiKeyUsage): Promise<void> {
    await this.db('api_keys').where({ id: usage.id }).update({
      last_used_at: this.db.raw('greatest(coalesce(last_used_at, ?::timestamptz), ?::timestamptz)', [usage.lastUsedAt, usage.lastUsedAt]),
      last_used_ip: usage.lastUsedIp,
      use_count: this.db.raw('use_count + ?', [usage.count]),
    }).returning('id');
  }

  /** Deletes keys that expired before `before`; returns their ids. */
  async deleteExpiredBefore(before: Date): Promise<string[]> {
    const rows = await this.db('api_keys').whereNotNull('expires_at').andWhere('expires_at', '<', before).delete().returning('id');
    return rows.map((r: Row) => r.id as string);
  }
}

/** The API-key store of a {@link Storage} (its transaction, if any). */
export const apiKeyStore: StoreKey<ApiKeyRepository> = { name: 'api-keys', create: (db) => new ApiKeyRepository(db) };
