import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDatabase, migrateDatabase } from '@latch/server-sdk';
import { createTestDatabase, startSmtpSink, type SmtpSink, type TestDatabase } from '@latch/server-sdk/testing';
import { runDoctor, type CheckResult } from '../src/commands/doctor.js';
import { serverMigrations } from '../src/commands/database-facts.js';
import { runCli, startTestServer } from './helpers.js';

const byCheck = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.check, r]));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('latch-server doctor', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-doctor-'));
  let sink: SmtpSink;
  let postgres: TestDatabase | null = null;
  before(async () => {
    sink = await startSmtpSink();
    if (process.env.TEST_DATABASE_URL) postgres = await createTestDatabase('postgres');
  });
  after(async () => {
    await sink.close();
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const production = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    NODE_ENV: 'production', LATCH_DATA_DIR: dataDir, LATCH_SECRET: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'https://auth.example.com', TRUST_PROXY: 'true', HOST: '127.0.0.1', SMTP_URL: sink.url,
    ...(postgres ? { DATABASE_URL: postgres.url } : {}), ...extra,
  });

  it('passes a sound production deployment on real PostgreSQL and SMTP, once migrated', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' }, async () => {
    const before = await runDoctor(production());
    assert.equal(byCheck(before.results).migrations!.status, 'FAIL', 'a fresh database has every migration pending');
    assert.match(byCheck(before.results).migrations!.detail, /pending: 0001-core/);
    assert.equal(before.failed, true);

    const database = createDatabase({ url: postgres!.url });
    await migrateDatabase(database.knex, serverMigrations());
    await database.close();
    const report = await runDoctor(production());
    for (const line of report.text.trim().split('\n')) assert.match(line, /^PASS [a-z-]+: /, report.text);
    const checks = byCheck(report.results);
    assert.deepEqual(Object.keys(checks), ['environment', 'secret', 'public-url', 'cookies', 'database', 'migrations', 'clock', 'smtp', 'turnstile', 'trust-proxy']);
    assert.match(checks.database!.detail, /^PostgreSQL \d+/);
    assert.match(checks.smtp!.detail, /^127\.0\.0\.1:\d+ answered EHLO$/);
    assert.equal(report.failed, false);
  });

  it('measures clock skew against the database with an injected clock', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' }, async () => {
    const skewed = (ms: number) => runDoctor(production(), { now: () => Date.now() + ms });
    assert.equal(byCheck((await skewed(0)).results).clock!.status, 'PASS');
    const warned = byCheck((await skewed(10_000)).results).clock!;
    assert.equal(warned.status, 'WARN');
    assert.match(warned.detail, /clock is 1\d\.\d s ahead of the database's/);
    const failed = byCheck((await skewed(-90_000)).results).clock!;
    assert.equal(failed.status, 'FAIL');
    assert.match(failed.detail, /behind the database's/);
  });

  it('fails an unreachable SMTP server and database, a short secret, http, a lone Turnstile key — and exits 1', async () => {
    const smtpPort = await closedPort();
    const dbPort = await closedPort();
    const env = production({
      LATCH_SECRET: 'short', PUBLIC_URL: 'http://auth.example.com', SMTP_URL: `smtp://mailer:hunter2-secret@127.0.0.1:${smtpPort}`,
      DATABASE_URL: `postgres://latch:db-password-secret@127.0.0.1:${dbPort}/latch`, TURNSTILE_SITE_KEY: '0x4AAAAAAA',
    });
    const report = await runDoctor(env, { timeoutMs: 3000 });
    const checks = byCheck(report.results);
    for (const name of ['secret', 'public-url', 'cookies', 'database', 'migrations', 'clock', 'smtp', 'turnstile']) {
      assert.equal(checks[name]!.status, 'FAIL', `${name}: ${checks[name]!.detail}`);
      assert.ok(checks[name]!.fix, `${name} says what to do`);
    }
    assert.match(checks.smtp!.detail, new RegExp(`127\\.0\\.0\\.1:${smtpPort}: .*ECONNREFUSED`));
    assert.match(checks.database!.detail, new RegExp(`cannot reach 127\\.0\\.0\\.1:${dbPort}/latch`));
    assert.doesNotMatch(report.text, /hunter2-secret|db-password-secret/, 'no credential in the report');
    for (const line of report.text.trim().split('\n')) assert.match(line, /^(PASS|WARN|FAIL) [a-z-]+: .+/);
    assert.match(report.text, /^FAIL smtp: .+ — check SMTP_URL/m);

    const cli = await runCli(['doctor'], env);
    assert.equal(cli.code, 1, 'exit code 1 on any FAIL');
    assert.match(cli.stdout, /^FAIL secret: LATCH_SECRET is 5 bytes, fewer than 32 — /m);
  });

  it('compares TRUST_PROXY with the headers the running server saw', async () => {
    const s = await startTestServer('pglite', { LATCH_DATA_DIR: join(dataDir, 'proxy') });
    try {
      const env = { LATCH_DATA_DIR: join(dataDir, 'proxy'), PUBLIC_URL: 'http://localhost:3000' };
      assert.equal(byCheck((await runDoctor(env)).results)['trust-proxy']!.status, 'PASS', 'no traffic yet: nothing contradicts the settings');
      await fetch(`${s.url}/auth/config`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      await fetch(`${s.url}/healthz`);
      const report = await runDoctor(env);
      const check = byCheck(report.results)['trust-proxy']!;
      assert.equal(check.status, 'WARN', check.detail);
      assert.match(check.detail, /^1 of 1 requests since start came with X-Forwarded-For, but TRUST_PROXY is off/);
      assert.match(byCheck(report.results).database!.detail, /open in the running server \(pid \d+\)/);
      assert.equal(byCheck(report.results).migrations!.status, 'PASS');
    } finally {
      await s.close();
    }
  });
});
