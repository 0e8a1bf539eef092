import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import knexFactory, { type Knex } from 'knex';
import { ConfigError, createLatch, silentLogger, type Latch, type Logger } from '@latch/server-sdk';
import {
  createTestDatabase, createTestServer, strongPassword, testDatabaseKinds, type TestDatabase, type TestServerOptions,
} from '@latch/server-sdk/testing';

/** A logger that keeps the `event` of every warning. */
function warningLog(): { logger: Logger; events: string[]; messages: string[] } {
  const events: string[] = [];
  const messages: string[] = [];
  const logger = {
    ...silentLogger,
    warn(fields: Record<string, unknown>, message?: string) { events.push(String(fields.event ?? '')); messages.push(message ?? ''); },
  } as Logger;
  return { logger, events, messages };
}

/** The tables of one schema, by name. */
async function tablesIn(knex: Knex, schema: string): Promise<string[]> {
  const { rows } = await knex.raw(`select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' order by 1`, [schema]);
  return rows.map((row: { table_name: string }) => row.table_name);
}

const schemaExists = async (knex: Knex, schema: string) => (await knex.raw('select 1 from pg_namespace where nspname = ?', [schema])).rows.length > 0;

/** Signs in through the API with a password, as a browser would. */
async function signIn(t: Awaited<ReturnType<typeof createTestServer>>, email: string): Promise<number> {
  return (await t.client().post('/sign-in', { email, password: strongPassword })).status;
}

describe('database.schema', () => {
  it('refuses a schema name that is not a plain identifier at start-up, before opening anything', async () => {
    for (const schema of ['Auth', 'my-auth', 'auth; drop table users', '1auth', 'pg_auth', 'information_schema', 'a'.repeat(64), '']) {
      await assert.rejects(createLatch({ database: { schema }, logger: silentLogger }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, `${schema}: ${String(error)}`);
        assert.match(error.message, /database\.schema/);
        return true;
      }, schema);
    }
  });

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind}`, () => {
      const folders: string[] = [];
      after(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

      it('keeps Latch\'s tables in the schema it is told, creating it', async () => {
        const custom = await createTestServer({ database: kind, schema: 'tenant_auth' });
        try {
          assert.equal(custom.latch.database.schema, 'tenant_auth');
          const { email } = await custom.signedInUser();
          assert.equal(await signIn(custom, email), 200);
          const knex = custom.latch.database.knex;
          assert.ok((await tablesIn(knex, 'tenant_auth')).includes('users'));
          assert.equal(await schemaExists(knex, 'latch'), false, 'no latch schema made');
          assert.deepEqual(await tablesIn(knex, 'public'), []);
          const { rows } = await knex.raw('select count(*)::int as n from tenant_auth.users where email = ?', [email]);
          assert.equal(rows[0].n, 1);
        } finally {
          await custom.close();
        }
      });

      it('keeps using a database of an earlier version in `public`, with a warning, instead of starting an empty one', async () => {
        let database: TestDatabase | undefined;
        const shared: Partial<TestServerOptions> = {};
        if (kind === 'postgres') {
          database = await createTestDatabase('postgres');
          Object.assign(shared, { reuseDatabase: database });
        } else {
          const dataDir = mkdtempSync(join(tmpdir(), 'latch-legacy-'));
          folders.push(dataDir);
          Object.assign(shared, { dataDir });
        }
        try {
          // An earlier version: every table in public.
          const earlier = await createTestServer({ database: kind, ...shared, schema: 'public' });
          const { email } = await earlier.signedInUser();
          await earlier.close();

          const log = warningLog();
          const upgraded = await createTestServer({ database: kind, ...shared, config: { logger: log.logger } });
          try {
            assert.equal(upgraded.latch.database.schema, 'public');
            assert.deepEqual(log.events.filter((e) => e.startsWith('database.')), ['database.legacy_schema']);
            assert.match(log.messages.join('\n'), /schema: 'public'/, 'the warning says what to set');
            assert.equal(await signIn(upgraded, email), 200, 'the existing account signs in');
            assert.equal(await schemaExists(upgraded.latch.database.knex, 'latch'), false, 'no second, empty database');
          } finally {
            await upgraded.close();
          }

          const told = warningLog();
          const explicit = await createTestServer({ database: kind, ...shared, schema: 'latch', config: { logger: told.logger } });
          try {
            assert.equal(explicit.latch.database.schema, 'latch');
            assert.deepEqual(told.events.filter((e) => e.startsWith('database.')), ['database.schema_empty'], 'never silently');
            assert.equal(await explicit.latch.api.getUserByEmail(email), null, 'a new database, as configured');
          } finally {
            await explicit.close();
          }
        } finally {
          await database?.drop();
        }
      });
    });
  }

  if (process.env.TEST_DATABASE_URL) {
    describe('on a PostgreSQL database the host app already uses', () => {
      let database: TestDatabase;
      let host: Knex;
      after(async () => {
        await host?.destroy();
        await database?.drop();
      });

      const snapshot = async () => ({
        columns: (await host.raw(`select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' order by table_name, ordinal_position`)).rows,
        users: (await host.raw('select * from public.users order by id')).rows,
        sessions: (await host.raw('select * from public.sessions order by sid')).rows,
      });

      it('starts beside the host\'s own users and sessions tables, signs people up and in, and leaves the host\'s rows alone', async () => {
        database = await createTestDatabase('postgres');
        host = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
        await host.raw('create table users (id serial primary key, login text not null unique, password_md5 text, karma int default 0)');
        await host.raw('create table sessions (sid text primary key, data jsonb not null, expire timestamptz not null)');
        await host.raw(`insert into users (login, password_md5, karma) values ('alice', 'e99a18c428cb38d5f260853678922e03', 7), ('bob', null, 0)`);
        await host.raw(`insert into sessions values ('s1', '{"cart": [1, 2]}', now() + interval '1 day')`);
        const before = await snapshot();

        const t = await createTestServer({ database: 'postgres', reuseDatabase: database });
        let email = '';
        try {
          const signedIn = await t.signedInUser({ displayName: 'Latch User' });
          email = signedIn.email;
          const { userId } = signedIn;
          assert.equal(await signIn(t, email), 200);
          assert.equal((await t.latch.api.getUser(userId))?.email, email);
          assert.equal(t.latch.database.schema, 'latch', 'the default schema');
          const tables = await tablesIn(host, 'latch');
          for (const table of ['users', 'sessions', 'latch_migrations', 'latch_migrations_lock', 'api_keys']) assert.ok(tables.includes(table), `${table} in latch: ${tables}`);
          assert.equal((await host.raw('select count(*)::int as n from latch.users')).rows[0].n, 1);
          assert.ok((await host.raw('select count(*)::int as n from latch.sessions')).rows[0].n >= 2);
        } finally {
          await t.close();
        }
        assert.deepEqual(await snapshot(), before, 'the host\'s tables, columns and rows are untouched');
        assert.deepEqual((await tablesIn(host, 'public')).sort(), ['sessions', 'users'], 'nothing of Latch\'s in public');

        // And again on the migrated database: a restart finds its own tables, not the host's.
        const again = await createTestServer({ database: 'postgres', reuseDatabase: database });
        try {
          assert.equal(again.latch.database.schema, 'latch');
          assert.equal((await again.latch.api.getUserByEmail(email))?.displayName, 'Latch User', 'its own accounts, found again');
          assert.equal(await signIn(again, email), 200);
        } finally {
          await again.close();
        }
        assert.deepEqual(await snapshot(), before);
      });

      it('tells a role that may not create schemas what to do, and starts once the schema is there', async () => {
        const role = `latch_role_${process.pid}_${Date.now().toString(36)}`;
        const url = new URL(database.url!);
        url.username = role;
        await host.raw(`create role ${role} login`);
        try {
          const base = { publicUrl: 'http://127.0.0.1:3999', secret: 'test-secret-that-is-long-enough-0123456789', logger: silentLogger,
            database: { url: url.toString(), schema: 'limited_auth' }, mail: { mailer: { kind: 'custom' as const, send: async () => {} }, startWorker: false } };
          await assert.rejects(createLatch(base), (error: unknown) => {
            assert.ok(error instanceof ConfigError, String(error));
            assert.match(error.message, /CREATE SCHEMA limited_auth AUTHORIZATION/);
            return true;
          });
          await host.raw(`create schema limited_auth authorization ${role}`);
          const latch = await createLatch(base);
          try {
            assert.equal(latch.database.schema, 'limited_auth');
            await latch.provisionUser({ email: 'limited@example.com', displayName: 'Limited', password: strongPassword });
            assert.equal((await host.raw('select count(*)::int as n from limited_auth.users')).rows[0].n, 1);
          } finally {
            await latch.close();
          }
        } finally {
          await host.raw('drop schema if exists limited_auth cascade');
          await host.raw(`drop owned by ${role}`);
          await host.raw(`drop role ${role}`);
        }
      });

      it('uses a host\'s own knex instance in the schema its searchPath names, and refuses one that would write to public', async () => {
        const base = { publicUrl: 'http://127.0.0.1:3999', secret: 'test-secret-that-is-long-enough-0123456789', logger: silentLogger,
          mail: { mailer: { kind: 'custom' as const, send: async () => {} }, startWorker: false } };
        const before = await snapshot();

        const bare = knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 2 } });
        try {
          await assert.rejects(createLatch({ ...base, database: { knex: bare } }), (error: unknown) => {
            assert.ok(error instanceof ConfigError);
            assert.match(error.message, /searchPath: \['latch'\]/, error.message);
            return true;
          });
          assert.deepEqual(await tablesIn(host, 'public'), ['sessions', 'users'], 'nothing made before refusing');
        } finally {
          await bare.destroy();
        }

        const mismatched = knexFactory({ client: 'pg', connection: database.url, searchPath: ['host_auth'], pool: { min: 0, max: 2 } });
        try {
          await assert.rejects(createLatch({ ...base, database: { knex: mismatched, schema: 'other' } }), /must name the same schema/);
        } finally {
          await mismatched.destroy();
        }

        const own = knexFactory({ client: 'pg', connection: database.url, searchPath: ['host_auth'], pool: { min: 0, max: 3 } });
        let latch: Latch | undefined;
        try {
          latch = await createLatch({ ...base, database: { knex: own } });
          assert.equal(latch.database.schema, 'host_auth');
          const { user } = await latch.provisionUser({ email: 'byo@example.com', displayName: 'Bring Your Own', password: strongPassword });
          assert.equal((await latch.api.getUserByEmail('BYO@example.com'))?.id, user.id);
          assert.ok((await tablesIn(host, 'host_auth')).includes('users'));
          assert.equal((await host.raw('select count(*)::int as n from host_auth.users')).rows[0].n, 1);
        } finally {
          await latch?.close();
          // Latch leaves the host's pool open: the host owns it.
          assert.deepEqual((await own.raw('select 1 as ok')).rows, [{ ok: 1 }]);
          await own.destroy();
        }
        assert.deepEqual(await snapshot(), before);
      });
    });
  }
});
