import { mkdirSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { migrationSource } from './migrations/index.js';

/** Which engine a knex instance talks to. */
export type DatabaseKind = 'postgres' | 'pglite';

/** Options of {@link createDatabase}. */
export interface CreateDatabaseOptions {
  /** `postgres://…`; when unset, embedded PGlite. */
  url?: string;
  /** PGlite data folder; unset means in memory. */
  dataDir?: string;
  /** PostgreSQL pool size. Default 10. */
  poolMax?: number;
}

/** A knex instance plus what kind of database it reaches. */
export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** The connection string (PostgreSQL only), for the LISTEN connection. */
  url?: string;
  /** Closes the pool, and for PGlite waits until the data folder is flushed and released. */
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL through `pg` when a URL is given, otherwise an embedded PGlite
 * database (stored in `dataDir`, or in memory).
 * @example const db = createDatabase({ dataDir: './.latch-data/db' });
 */
export function createDatabase(options: CreateDatabaseOptions = {}): Database {
  if (options.url) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.url,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: 10_000,
    });
    return { knex, kind: 'postgres', url: options.url, close: () => knex.destroy() };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = options.dataDir ? new PGlite({ dataDir: options.dataDir }) : new PGlite();
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    // PGlite has exactly one connection; keep the instance to close it ourselves.
    connection: (() => ({ pglite })) as unknown as Knex.StaticConnectionConfig,
    acquireConnectionTimeout: 60_000,
  } as Knex.Config);
  return {
    knex,
    kind: 'pglite',
    async close() {
      await knex.destroy();
      // The pool may not wait for PGlite's shutdown; an exit before it finishes can corrupt the data folder.
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Brings the schema up to date; safe to run from several processes at once (knex locks). */
export async function migrateDatabase(knex: Knex): Promise<string[]> {
  // knex's migration lock guards the migrations themselves, but two processes starting on a fresh
  // database can race creating the bookkeeping tables (a duplicate-object error): retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      const [, applied] = await knex.migrate.latest({ migrationSource, tableName: 'latch_migrations' });
      return applied as string[];
    } catch (error) {
      const code = (error as { code?: string }).code;
      const lockBusy = /Migration table is already locked/i.test((error as Error).message ?? '');
      if (attempt >= 20 || !(code === '23505' || code === '42P07' || code === '42710' || lockBusy)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
