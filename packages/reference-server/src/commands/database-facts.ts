import { defaultFeatures, pendingMigrations, type Database } from '@latch/server-sdk';

/** What `latch-server doctor` learns from the database. */
export interface DatabaseFacts {
  /** e.g. `PostgreSQL 15.8` */
  version: string;
  /** Migrations of this build not applied yet. */
  pending: string[];
  /** The database's `now()` minus this process's clock at the middle of the round trip, in ms. */
  skewMs: number;
}

/** The migrations of the features the reference server installs (every default one). */
export function serverMigrations() {
  return Object.assign({}, ...defaultFeatures().map((feature) => feature.migrations ?? {}));
}

/**
 * Reads the version, the pending migrations and the clock of `database`, changing nothing.
 * `now` is this process's clock in ms (injectable for tests).
 */
export async function databaseFacts(database: Pick<Database, 'knex'>, now: () => number = Date.now): Promise<DatabaseFacts> {
  const { knex } = database;
  const sent = now();
  const result = await knex.raw('select now() as now, version() as version');
  const received = now();
  const row = (result.rows ?? result)[0] as { now: Date | string; version: string };
  const skewMs = new Date(row.now).getTime() - (sent + received) / 2;
  const version = /^PostgreSQL [\d.]+/.exec(row.version)?.[0] ?? row.version.split(' ').slice(0, 2).join(' ');
  return { version, pending: await pendingMigrations(knex, serverMigrations()), skewMs };
}
