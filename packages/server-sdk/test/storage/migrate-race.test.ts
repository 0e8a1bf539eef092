import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDatabase, defaultFeatures, migrateDatabase } from '@latch/server-sdk';
import { createTestDatabase, testDatabaseKinds } from '@latch/server-sdk/testing';

/** Every default feature's migrations, applied after the core's. */
const featureMigrations = Object.assign({}, ...defaultFeatures().map((f) => f.migrations ?? {}));
const allMigrations = ['0001-core', '0002-account-protection', '0003-phone-number', ...Object.keys(featureMigrations)].sort();

describe('migrations', () => {
  it('several processes starting on a fresh PostgreSQL database all come up', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (set in CI)' }, async () => {
    const database = await createTestDatabase('postgres');
    const dbs = Array.from({ length: 4 }, () => createDatabase({ url: database.url, poolMax: 2 }));
    try {
      const results = await Promise.allSettled(dbs.map((db) => migrateDatabase(db.knex, featureMigrations)));
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], JSON.stringify(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))));
      const applied = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
      assert.deepEqual(applied.sort(), allMigrations);
    } finally {
      for (const db of dbs) await db.close();
      await database.drop();
    }
  });

  for (const kind of testDatabaseKinds()) {
    it(`repairs a lock table left with several unlocked rows on ${kind}`, async () => {
      const database = await createTestDatabase(kind);
      const db = createDatabase(database.url ? { url: database.url } : {});
      try {
        // What two processes racing knex's own bookkeeping on a fresh database leave behind (in Latch's schema).
        await db.knex.raw(`create schema ${db.schema}`);
        await db.knex.raw('create table latch_migrations_lock ("index" serial primary key, is_locked integer)');
        await db.knex.raw('insert into latch_migrations_lock (is_locked) values (0), (0)');
        const applied = await migrateDatabase(db.knex, featureMigrations);
        assert.deepEqual(applied.sort(), allMigrations);
        const { rows } = await db.knex.raw('select is_locked from latch_migrations_lock');
        assert.deepEqual(rows, [{ is_locked: 0 }]);
      } finally {
        await db.close();
        await database.drop();
      }
    });
  }
});
