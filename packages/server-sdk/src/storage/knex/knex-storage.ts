import type { Knex } from 'knex';
import type { DatabaseKind } from '../database.js';
import type { Storage } from '../storage.js';
import { KnexAuditRepository } from './audit.js';
import { KnexEmailTokenRepository } from './email-tokens.js';
import { KnexOutboxRepository } from './outbox.js';
import { KnexRateLimitRepository } from './rate-limits.js';
import { KnexSessionRepository } from './sessions.js';
import { KnexUserRepository } from './users.js';

class KnexStorage implements Storage {
  readonly users; readonly sessions; readonly emailTokens; readonly outbox; readonly audit; readonly rateLimits;

  constructor(readonly db: Knex | Knex.Transaction, readonly kind: DatabaseKind, private readonly inTransaction: boolean) {
    this.users = new KnexUserRepository(db);
    this.sessions = new KnexSessionRepository(db);
    this.emailTokens = new KnexEmailTokenRepository(db);
    this.outbox = new KnexOutboxRepository(db);
    this.audit = new KnexAuditRepository(db);
    this.rateLimits = new KnexRateLimitRepository(db);
  }

  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return (this.db as Knex).transaction((trx) => work(new KnexStorage(trx, this.kind, true)));
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

/**
 * The knex implementation of {@link Storage}, for PostgreSQL (`pg`) and PGlite alike.
 * @example const storage = createKnexStorage(db.knex, db.kind);
 */
export function createKnexStorage(knex: Knex, kind: DatabaseKind): Storage {
  return new KnexStorage(knex, kind, false);
}
