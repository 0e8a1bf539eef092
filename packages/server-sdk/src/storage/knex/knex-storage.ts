import type { Knex } from 'knex';
import type { DatabaseKind } from '../database.js';
import type { Storage, StoreKey } from '../storage.js';
import { KnexAuditRepository } from './audit.js';
import { KnexEmailTokenRepository } from './email-tokens.js';
import { KnexKnownDeviceRepository } from './known-devices.js';
import { KnexOutboxRepository } from './outbox.js';
import { KnexRateLimitRepository } from './rate-limits.js';
import { KnexSessionRepository } from './sessions.js';
import { KnexUserRepository } from './users.js';

class KnexStorage implements Storage {
  readonly users; readonly sessions; readonly emailTokens; readonly outbox; readonly audit; readonly rateLimits; readonly knownDevices;

  private readonly stores = new Map<StoreKey<unknown>, unknown>();
  /** Tasks waiting for the commit of the transaction this storage runs in (null outside one). */
  private readonly committed: Array<() => void> | null;

  constructor(private readonly db: Knex | Knex.Transaction, readonly kind: DatabaseKind, inTransaction: boolean) {
    this.committed = inTransaction ? [] : null;
    this.users = new KnexUserRepository(db);
    this.sessions = new KnexSessionRepository(db);
    this.emailTokens = new KnexEmailTokenRepository(db);
    this.outbox = new KnexOutboxRepository(db);
    this.audit = new KnexAuditRepository(db);
    this.rateLimits = new KnexRateLimitRepository(db);
    this.knownDevices = new KnexKnownDeviceRepository(db);
  }

  store<T>(key: StoreKey<T>): T {
    let store = this.stores.get(key) as T | undefined;
    if (store === undefined) {
      store = key.create(this.db);
      this.stores.set(key, store);
    }
    return store;
  }

  async transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
    if (this.committed) return work(this);
    let tx: KnexStorage | undefined;
    const result = await (this.db as Knex).transaction((trx) => work(tx = new KnexStorage(trx, this.kind, true)));
    for (const task of tx?.committed ?? []) runAfterCommit(task);
    return result;
  }

  afterCommit(task: () => void): void {
    if (this.committed) this.committed.push(task);
    else runAfterCommit(task);
  }

  async notify(channel: string, payload: string): Promise<void> {
    await this.db.raw('select pg_notify(?, ?)', [channel, payload]);
  }

  async ping() {
    try {
      await this.db.raw('select 1');
      return true;
    } catch {
      return false;
    }
  }
}

/** An after-commit task never fails the committed work that scheduled it. */
function runAfterCommit(task: () => void): void {
  try {
    task();
  } catch {
    // The work is committed; a failing listener must not turn it into an error answer.
  }
}

/**
 * The knex implementation of {@link Storage}, for PostgreSQL (`pg`) and PGlite alike.
 * @example const storage = createKnexStorage(db.knex, db.kind);
 */
export function createKnexStorage(knex: Knex, kind: DatabaseKind): Storage {
  return new KnexStorage(knex, kind, false);
}
