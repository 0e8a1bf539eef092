import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createManualClock, silentLogger } from '@latch/server-sdk';
import { createTestDatabase, type TestDatabase } from '@latch/server-sdk/testing';
import { pino } from 'pino';
import { createApp, EnvError, readSettings, startServer, type RunningServer } from '../src/index.js';
import { createMetrics } from '../src/metrics.js';
import { runCli, testDatabaseKinds } from './helpers.js';

const day = 86_400_000;

/** The `Field: value` lines of a security.txt, in order. */
const fieldsOf = (text: string) => text.trimEnd().split('\n').map((line) => {
  const colon = line.indexOf(': ');
  return [line.slice(0, colon), line.slice(colon + 2)] as const;
});

for (const kind of testDatabaseKinds()) {
  describe(`/.well-known/security.txt on ${kind}`, () => {
    const clock = createManualClock(new Date('2026-03-14T09:26:53.589Z'));
    const dataDir = mkdtempSync(join(tmpdir(), 'latch-security-txt-'));
    let database: TestDatabase;
    let running: RunningServer;
    before(async () => {
      database = await createTestDatabase(kind);
      running = await startServer({
        env: {
          PORT: '0', HOST: '127.0.0.1', LATCH_DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000',
          ...(database.url ? { DATABASE_URL: database.url } : {}),
          SECURITY_CONTACT: 'Security@Example.com, https://example.com/report-a-vulnerability, mailto:psirt@example.org',
          SECURITY_POLICY_URL: 'https://example.com/security-policy',
          SECURITY_PREFERRED_LANGUAGES: 'en, fr-CA',
        },
        logger: pino({ level: 'silent' }),
        overrides: { logger: silentLogger, clock },
      });
    });
    after(async () => {
      await running.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('serves RFC 9116 fields at the host root as UTF-8 text', async () => {
      const res = await fetch(`${running.url}/.well-known/security.txt`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
      const fields = fieldsOf(await res.text());
      assert.deepEqual(fields.filter(([name]) => name === 'Contact').map(([, value]) => value), [
        'mailto:Security@example.com', 'https://example.com/report-a-vulnerability', 'mailto:psirt@example.org',
      ], 'a bare address becomes mailto:, the order is kept');
      const one = (name: string) => {
        const found = fields.filter(([field]) => field === name);
        assert.equal(found.length, 1, `exactly one ${name}`);
        return found[0]![1];
      };
      assert.equal(one('Policy'), 'https://example.com/security-policy');
      assert.equal(one('Preferred-Languages'), 'en, fr-CA');
      assert.equal(one('Canonical'), 'http://localhost:3000/.well-known/security.txt');
      const expires = one('Expires');
      assert.match(expires, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'RFC 3339 in UTC');
      const at = new Date(expires);
      assert.ok(at > new Date(clock.now().getTime() + 360 * day), `${expires} is about a year ahead`);
      assert.ok(at < new Date(clock.now().getTime() + 365 * day), `${expires} is less than a year ahead (RFC 9116 §2.5.5)`);
      assert.equal(expires, '2027-03-13T09:26:53Z');
      assert.equal((await fetch(`${running.url}/auth/.well-known/security.txt`)).status, 404, 'not under the API prefix');
    });

    it('computes Expires from the server clock at each request', async () => {
      clock.advance(30 * day);
      const fields = fieldsOf(await (await fetch(`${running.url}/.well-known/security.txt`)).text());
      assert.equal(fields.find(([name]) => name === 'Expires')?.[1], '2027-04-12T09:26:53Z');
    });

    it('answers 404 when SECURITY_CONTACT is unset', async () => {
      const settings = readSettings({ PUBLIC_URL: 'http://localhost:3000', LATCH_DATA_DIR: dataDir });
      assert.equal(settings.securityTxt, null);
      const app = createApp({
        latch: running.latch, metrics: createMetrics(), logger: pino({ level: 'silent' }), devMailbox: false, production: false,
        publicMetrics: null, securityTxt: settings.securityTxt,
      });
      const server = createServer(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/security.txt`);
        assert.equal(res.status, 404);
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}

describe('security.txt settings', () => {
  const base = { PUBLIC_URL: 'http://localhost:3000', LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-security-env-')) };
  after(() => rmSync(base.LATCH_DATA_DIR, { recursive: true, force: true }));

  it('refuses contacts, policies and languages RFC 9116 does not allow, naming the variable', () => {
    const bad: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{ SECURITY_CONTACT: 'http://example.com/security' }, /^SECURITY_CONTACT/],
      [{ SECURITY_CONTACT: 'security team' }, /^SECURITY_CONTACT/],
      [{ SECURITY_CONTACT: 'mailto:not-an-address' }, /^SECURITY_CONTACT/],
      [{ SECURITY_CONTACT: 'security@example.com, https://exa mple.com' }, /^SECURITY_CONTACT/],
      [{ SECURITY_CONTACT: 'security@example.com\nContact: https://evil.example' }, /^SECURITY_CONTACT/],
      [{ SECURITY_CONTACT: 'security@example.com', SECURITY_POLICY_URL: 'http://example.com/policy' }, /^SECURITY_POLICY_URL/],
      [{ SECURITY_CONTACT: 'security@example.com', SECURITY_PREFERRED_LANGUAGES: 'English' }, /^SECURITY_PREFERRED_LANGUAGES/],
      [{ SECURITY_POLICY_URL: 'https://example.com/policy' }, /need SECURITY_CONTACT/],
    ];
    for (const [env, message] of bad) {
      assert.throws(() => readSettings({ ...base, ...env }), (error: unknown) => error instanceof EnvError && message.test(error.message), JSON.stringify(env));
    }
  });

  it('refuses a BREACHED_PASSWORDS_URL the prefix cannot be appended to, and passes a good one to the SDK', () => {
    for (const url of ['api.pwnedpasswords.com/range/', 'https://api.pwnedpasswords.com/range', 'ftp://example.com/range/']) {
      assert.throws(() => readSettings({ ...base, BREACHED_PASSWORDS_URL: url }), (error: unknown) => error instanceof EnvError && /^BREACHED_PASSWORDS_URL/.test(error.message), url);
    }
    const settings = readSettings({ ...base, BREACHED_PASSWORDS_URL: 'https://api.pwnedpasswords.com/range/' });
    assert.deepEqual(settings.latch.passwords?.breached, { url: 'https://api.pwnedpasswords.com/range/' });
    assert.equal(readSettings(base).latch.passwords?.breached, undefined);
  });

  it('stops `latch-server start` with one line on a bad contact', async () => {
    const result = await runCli(['start'], { ...base, PORT: '0', SECURITY_CONTACT: 'http://example.com/security' });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /^latch-server: SECURITY_CONTACT /);
  });
});
