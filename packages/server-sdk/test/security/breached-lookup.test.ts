import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createManualClock } from '../../src/clock.js';
import type { Logger } from '../../src/logger.js';
import { createBreachedPasswordLookup, type BreachedPasswordLookupOptions } from '../../src/passwords/breached.js';
import { sha1Hex, startRangeApi, type FakeRangeApi } from './range-api-fake.js';

/** A logger that keeps every line, to assert what was (and was not) written. */
function recordingLogger(): Logger & { lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> } {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message?: string }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message?: string) => { lines.push({ level, fields, message }); };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the breached-password lookup (Have I Been Pwned range API)', () => {
  let api: FakeRangeApi;
  const listed = 'amber-glacier-lantern-57';
  const paddedOnly = 'quiet-meadow-copper-83';
  before(async () => {
    api = await startRangeApi();
    api.breach(listed, 3861);
    api.padWith(paddedOnly);
  });
  after(() => api.close());

  const lookupWith = (options: Partial<BreachedPasswordLookupOptions> = {}) => {
    const clock = createManualClock();
    const logger = recordingLogger();
    // Generous, so a busy machine never turns an answer into a skipped check; the hang test sets its own.
    const lookup = createBreachedPasswordLookup({ url: api.url, timeoutMs: 10_000, cacheTtlSeconds: 600, cacheMaxEntries: 100, clock, logger, ...options });
    return { lookup, clock, logger };
  };

  it('sends only the five-character prefix of the upper-case SHA-1, with Add-Padding: true', async () => {
    const { lookup } = lookupWith();
    const before = api.requests.length;
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(api.requests.length, before + 1);
    const request = api.requests.at(-1)!;
    assert.equal(request.method, 'GET');
    assert.equal(request.path, `/range/${sha1Hex(listed).slice(0, 5)}`);
    assert.match(request.path, /^\/range\/[0-9A-F]{5}$/);
    assert.equal(request.headers['add-padding'], 'true');
    assert.ok(!request.path.includes(sha1Hex(listed).slice(5, 12)), 'no part of the suffix leaves');
  });

  it('knows a listed password, not an unlisted one, and ignores padding entries (count 0)', async () => {
    const { lookup } = lookupWith();
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(await lookup.isBreached('violet-harbor-engine-42'), false);
    assert.equal(await lookup.isBreached(paddedOnly), false, 'a padding entry is not a breach');
  });

  it('compares the password as Latch does (NFKC): full-width letters are their plain form', async () => {
    const { lookup } = lookupWith();
    const fullWidth = [...listed].map((c) => (/[a-z0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');
    assert.notEqual(fullWidth, listed);
    assert.equal(await lookup.isBreached(fullWidth), true);
  });

  it('asks once per prefix while the answer is cached, and again once it expires on the clock', async () => {
    const { lookup, clock } = lookupWith({ cacheTtlSeconds: 600 });
    const before = api.requests.length;
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(api.requests.length, before + 1, 'the second check is answered from the cache');
    clock.advance(599_000);
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(api.requests.length, before + 1, 'still cached just before the TTL');
    clock.advance(1_000);
    assert.equal(await lookup.isBreached(listed), true);
    assert.equal(api.requests.length, before + 2, 'asked again once expired');
  });

  it('holds at most cacheMaxEntries prefixes, dropping the least recently used', async () => {
    const { lookup } = lookupWith({ cacheMaxEntries: 2 });
    const [a, b, c] = [listed, 'violet-harbor-engine-42', paddedOnly];
    assert.equal(new Set([a, b, c].map((p) => sha1Hex(p).slice(0, 5))).size, 3, 'three prefixes');
    const asked = api.requests.length;
    const requestsFor = async (password: string) => { const before = api.requests.length; await lookup.isBreached(password); return api.requests.length - before; };
    assert.equal(await requestsFor(a), 1);
    assert.equal(await requestsFor(b), 1);
    assert.equal(await requestsFor(a), 0, 'cached, and now the most recently used');
    assert.equal(await requestsFor(c), 1, 'a third prefix pushes out the least recently used (b)');
    assert.equal(await requestsFor(a), 0, 'a stayed');
    assert.equal(await requestsFor(b), 1, 'b was dropped');
    assert.equal(api.requests.length, asked + 4);
  });

  it('shares one request between concurrent lookups of the same prefix', async () => {
    const { lookup } = lookupWith();
    const before = api.requests.length;
    api.mode = 'hold';
    try {
      const checks = [lookup.isBreached(listed), lookup.isBreached(listed), lookup.isBreached(listed)];
      await api.waitForRequests(before + 1);
      api.release();
      assert.deepEqual(await Promise.all(checks), [true, true, true]);
      assert.equal(api.requests.length, before + 1);
    } finally {
      api.mode = 'normal';
      api.release();
    }
  });

  const answers = { error: '503', garbled: 'an HTML page', empty: 'an empty 200', hang: 'nothing within the timeout' } as const;
  for (const mode of ['error', 'garbled', 'empty', 'hang'] as const) {
    it(`skips the check when the service answers ${answers[mode]}, warns, and caches nothing`, async () => {
      const { lookup, logger } = lookupWith({ timeoutMs: 200 });
      api.mode = mode;
      try {
        assert.equal(await lookup.isBreached(listed), undefined);
      } finally {
        api.mode = 'normal';
      }
      const warning = logger.lines.find((l) => l.level === 'warn');
      assert.ok(warning, 'a warning is logged');
      assert.equal(warning.fields.event, 'password.breach_check_skipped');
      assert.equal(warning.fields.reason, { error: 'status 503', garbled: 'malformed answer', empty: 'empty answer', hang: 'timeout' }[mode]);
      const written = JSON.stringify(logger.lines);
      for (const secret of [listed, sha1Hex(listed), sha1Hex(listed).slice(0, 5)]) assert.ok(!written.includes(secret), 'never the password, its hash or its prefix');
      const before = api.requests.length;
      await lookup.isBreached(listed);
      assert.equal(api.requests.length, before + 1, 'the failure was not cached: the next check asks again');
    });
  }

  it('skips the check when nothing listens at the URL', async () => {
    const port = await closedPort();
    const { lookup, logger } = lookupWith({ url: `http://127.0.0.1:${port}/range/` });
    assert.equal(await lookup.isBreached(listed), undefined);
    const warning = logger.lines.find((l) => l.level === 'warn');
    assert.equal(warning?.fields.event, 'password.breach_check_skipped');
    assert.match(String(warning?.fields.reason), /^unreachable/);
    assert.ok(!JSON.stringify(logger.lines).includes(sha1Hex(listed).slice(0, 5)));
  });
});
