import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';

/** A database a test can use: `pglite` (in memory) or a fresh PostgreSQL database. */
export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  /** The connection string (PostgreSQL only). */
  url?: string;
  /** Drops the database (PostgreSQL). */
  drop(): Promise<void>;
}

/** The database kinds tests run on: PGlite always, PostgreSQL when `TEST_DATABASE_URL` is set. */
export function testDatabaseKinds(): Array<'pglite' | 'postgres'> {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Prepares a database of `kind`. For PostgreSQL, a new database is created next to
 * `TEST_DATABASE_URL` so runs never collide; it is dropped afterwards.
 */
export async function createTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') return { kind, drop: async () => {} };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `latch_test_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database ${name}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const dropper = knexFactory({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
      try {
        await dropper.raw(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}
