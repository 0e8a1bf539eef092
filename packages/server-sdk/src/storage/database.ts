import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { coreMigrations, migrationSourceOf, type SchemaMigration } from './migrations/index.js';
import {
  chooseSchema, defaultSchema, ensureSchema, hostKnexSchema, knexRows, quoteSchema, requireCurrentSchema, searchPathOf, validSchemaName, type RowQuery,
} from './schema.js';

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
  /**
   * The schema Latch's tables live in: the only entry of every connection's `search_path`, so
   * a host's own tables (its `users`, in `public` or elsewhere) are never seen. Default `latch`.
   */
  schema?: string;
}

/** A knex instance plus what kind of database it reaches. */
export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** The connection string (PostgreSQL only), for the LISTEN connection. */
  url?: string;
  /** The schema Latch's tables are in (every connection's `search_path`). */
  schema: string;
  /** Closes the pool, and for PGlite waits until the data folder is flushed and released. */
  close(): Promise<void>;
}

/**
 * Opens PostgreSQL through `pg` when a URL is given, otherwise an embedded PGlite
 * database (stored in `dataDir`, or in memory).
 * @example const db = createDatabase({ dataDir: './.latch-data/db' });
 */
export function createDatabase(options: CreateDatabaseOptions = {}): Database {
  const schema = options.schema ?? defaultSchema;
  // Only Latch's schema: with `public` after it, a missing table of Latch's would resolve to a host's table of that name.
  const searchPath = [validSchemaName(schema)];
  if (options.url) {
    const knex = knexFactory({
      client: 'pg',
      connection: options.url,
      searchPath,
      pool: { min: 0, max: options.poolMax ?? 10 },
      acquireConnectionTimeout: 10_000,
    });
    return { knex, kind: 'postgres', url: options.url, schema, close: () => knex.destroy() };
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
    searchPath,
    acquireConnectionTimeout: 60_000,
  } as Knex.Config);
  return {
    knex,
    kind: 'pglite',
    schema,
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

/** Options of {@link openDatabase}: those of {@link createDatabase} and where to warn. */
export interface OpenDatabaseOptions extends CreateDatabaseOptions {
  logger: Logger;
  /** Create the schema when it is absent (default). `false` for read-only checks (`doctor`). */
  createSchema?: boolean;
}

/** Runs one statement on a short-lived connection of its own (before the pool exists). */
function oneShotQuery(url: string): RowQuery {
  return async (sql) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as Array<Record<string, unknown>>;
    } finally {
      await client.end().catch(() => {});
    }
  };
}

/**
 * Opens the database as {@link createDatabase} does, in the schema to use: the configured one, or
 * for a deployment of an earlier version whose tables are in `public` (and no schema configured),
 * `public`, with a warning, rather than a second, empty database. Creates the schema if absent
 * (unless `createSchema: false`).
 * @example const db = await openDatabase({ url: process.env.DATABASE_URL, logger });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const { logger, createSchema = true, ...settings } = options;
  if (settings.url) {
    const schema = await chooseSchema(oneShotQuery(settings.url), settings.schema, logger);
    const database = createDatabase({ ...settings, schema });
    try {
      if (createSchema) await ensureSchema(database.knex, schema);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }
  const database = createDatabase(settings);
  try {
    const schema = await chooseSchema(knexRows(database.knex), settings.schema, logger);
    if (schema !== database.schema) {
      // PGlite has one connection, so the session setting holds for every later query.
      await database.knex.raw(`set search_path to ${quoteSchema(schema)}`);
      // And for knex, should it ever open that connection again.
      (database.knex.client.config as { searchPath?: string[] }).searchPath = [schema];
      (database.knex.client as { searchPath?: string[] }).searchPath = [schema];
      database.schema = schema;
    }
    if (createSchema) await ensureSchema(database.knex, schema);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * A host's own knex instance as Latch's database, in the schema its `searchPath` names (see
 * {@link hostKnexSchema}; created if absent). Latch never closes it: the host owns its lifecycle.
 * @throws ConfigError when the instance's queries would not reach Latch's schema
 */
export async function adoptDatabase(knex: Knex, options: { schema?: string; logger: Logger }): Promise<Database> {
  const schema = await hostKnexSchema(knex, options.schema, options.logger);
  await ensureSchema(knex, schema);
  await requireCurrentSchema(knex, schema);
  return { knex, kind: knex.client.config.client === 'pg' ? 'postgres' : 'pglite', schema, close: async () => {} };
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
async function ensureMigrationLockRow(knex: Knex, schema: string | undefined): Promise<void> {
  const lock = schema ? `${quoteSchema(schema)}.latch_migrations_lock` : 'latch_migrations_lock';
  await knex.raw(`create table if not exists ${lock} ("index" serial primary key, is_locked integer)`);
  await knex.raw(`insert into ${lock} ("index", is_locked) select 1, 0 where not exists (select 1 from ${lock}) on conflict do nothing`);
  // Several rows, none locked: nobody can hold the lock (knex updates them all at once), so keep one.
  await knex.raw(`delete from ${lock} where "index" <> (select min("index") from ${lock})
    and not exists (select 1 from ${lock} where is_locked <> 0)`);
}

/**
 * The migrations `migrateDatabase(knex, extra)` would apply, without applying any (for
 * `latch-server doctor` and deploy checks). A database never migrated lists them all.
 */
export async function pendingMigrations(knex: Knex, extra: Readonly<Record<string, SchemaMigration>> = {}): Promise<string[]> {
  // Read-only on purpose: knex's `migrate.list` would create its bookkeeping tables.
  const applied = await knex.schema.hasTable('latch_migrations')
    ? new Set((await knex('latch_migrations').select('name')).map((row: { name: string }) => row.name))
    : new Set<string>();
  return Object.keys({ ...coreMigrations, ...extra }).filter((name) => !applied.has(name));
}

/**
 * Brings the schema up to date with the core's migrations and then `extra` (the installed
 * features'); safe to run from several processes at once (knex locks). A database migrated by a
 * build with more features keeps their tables: names this build does not know are not an error.
 */
export async function migrateDatabase(
  knex: Knex,
  extra: Readonly<Record<string, SchemaMigration>> = {},
  options: { schema?: string } = {},
): Promise<string[]> {
  const migrationSource = migrationSourceOf({ ...coreMigrations, ...extra });
  // The tables go to the schema given, else the first of the knex instance's searchPath (created
  // if absent), else wherever the connection's search_path puts them.
  const schema = options.schema ?? searchPathOf(knex);
  // knex's migration lock guards the migrations themselves, but two processes starting on a fresh
  // database can race creating the schema or the bookkeeping tables (a duplicate-object error): retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      if (schema) await ensureSchema(knex, schema);
      await ensureMigrationLockRow(knex, schema);
      const [, applied] = await knex.migrate.latest({
        migrationSource, tableName: 'latch_migrations', disableMigrationsListValidation: true, ...(schema ? { schemaName: schema } : {}),
      });
      return applied as string[];
    } catch (error) {
      const code = (error as { code?: string }).code;
      const lockBusy = /Migration table is already locked/i.test((error as Error).message ?? '');
      if (attempt >= 20 || !(code === '23505' || code === '42P06' || code === '42P07' || code === '42710' || lockBusy)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
