import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../errors.js';
import { coreMigrations, migrationSourceOf, type SchemaMigration } from './migrations/index.js';

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
  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = options.dataDir ? new PGlite({ dataDir: options.dataDir }) : new PGlite();
  } catch (error) {
    release();
    throw error;
  }
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
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the embedded database folder for this process: PGlite is a single-process database, and
 * a second process (a CLI command next to a running server) would lose its writes or damage the
 * folder. The lock is a `latch.lock` file holding the owner's pid; one left by a process that no
 * longer runs is taken over. Returns the release function.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'latch.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw error;
      let owner = NaN;
      try { owner = Number.parseInt(readFileSync(file, 'utf8'), 10); } catch { /* removed meanwhile: retry */ }
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new ConfigError(`the embedded database in ${dataDir} is in use by process ${owner}; stop it first, or use PostgreSQL`);
      }
      try { unlinkSync(file); } catch { /* another process took it over first */ }
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid) unlinkSync(file);
    } catch { /* already gone */ }
  };
}

/**
 * Creates knex's migration lock table with exactly one row. Left to knex, two processes on a fresh
 * database can each see an empty lock table and each insert a row; knex then counts two rows
 * locked on every attempt and reports "already locked" forever. The row here has a fixed primary
 * key, so a concurrent insert is a no-op; a database left with several unlocked rows is repaired.
 */
async function ensureMigrationLockRow(knex: Knex): Promise<void> {
  await knex.raw('create table if not exists latch_migrations_lock ("index" serial primary key, is_locked integer)');
  await knex.raw('insert into latch_migrations_lock ("index", is_locked) select 1, 0 where not exists (select 1 from latch_migrations_lock) on conflict do nothing');
  // Several rows, none locked: nobody can hold the lock (knex updates them all at once), so keep one.
  await knex.raw(`delete from latch_migrations_lock where "index" <> (select min("index") from latch_migrations_lock)
    and not exists (select 1 from latch_migrations_lock where is_locked <> 0)`);
}

/**
 * Brings the schema up to date with the core's migrations and then `extra` (the installed
 * features'); safe to run from several processes at once (knex locks). A database migrated by a
 * build with more features keeps their tables: names this build does not know are not an error.
 */
export async function migrateDatabase(knex: Knex, extra: Readonly<Record<string, SchemaMigration>> = {}): Promise<string[]> {
  const migrationSource = migrationSourceOf({ ...coreMigrations, ...extra });
  // knex's migration lock guards the migrations themselves, but two processes starting on a fresh
  // database can race creating the bookkeeping tables (a duplicate-object error): retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureMigrationLockRow(knex);
      const [, applied] = await knex.migrate.latest({ migrationSource, tableName: 'latch_migrations', disableMigrationsListValidation: true });
      return applied as string[];
    } catch (error) {
      const code = (error as { code?: string }).code;
      const lockBusy = /Migration table is already locked/i.test((error as Error).message ?? '');
      if (attempt >= 20 || !(code === '23505' || code === '42P07' || code === '42710' || lockBusy)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
