import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvError, readSettings } from '../src/index.js';
import { startTestServer } from './helpers.js';

describe('DATABASE_SCHEMA', () => {
  const base = { PUBLIC_URL: 'http://localhost:3000', LATCH_DATA_DIR: '/tmp/latch-schema-env', LATCH_SECRET: 'x'.repeat(32) };

  it('sets database.schema, for PostgreSQL and the embedded database alike; unset leaves the SDK default', () => {
    assert.equal(readSettings({ ...base, DATABASE_SCHEMA: 'auth' }).latch.database?.schema, 'auth');
    assert.equal(readSettings({ ...base, DATABASE_SCHEMA: 'auth', DATABASE_URL: 'postgres://db/app' }).latch.database?.schema, 'auth');
    assert.equal(readSettings(base).latch.database?.schema, undefined);
  });

  it('refuses a name that is not a plain identifier, with one line naming the variable', () => {
    for (const value of ['Auth', 'auth-tables', 'auth;drop', 'pg_auth']) {
      assert.throws(() => readSettings({ ...base, DATABASE_SCHEMA: value }), (error: unknown) => error instanceof EnvError && /^DATABASE_SCHEMA must be a plain identifier/.test(error.message) && !error.message.includes('\n'), value);
    }
  });

  if (process.env.TEST_DATABASE_URL) {
    it('keeps the server\'s tables in that schema on PostgreSQL', async () => {
      const server = await startTestServer('postgres', { DATABASE_SCHEMA: 'ref_auth' });
      try {
        const { latch } = server.running;
        assert.equal(latch.database.schema, 'ref_auth');
        const { rows } = await latch.database.knex.raw(`select count(*)::int as n from information_schema.tables where table_schema = 'ref_auth' and table_name = 'users'`);
        assert.equal(rows[0].n, 1);
        assert.equal((await fetch(`${server.url}/auth/config`)).status, 200);
      } finally {
        await server.close();
      }
    });
  }
});
