import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkPassword, resolveConfig, silentLogger } from '@latch/server-sdk';
import { createTestServer, testDatabaseKinds, uniqueEmail, type TestResponse, type TestServer } from '@latch/server-sdk/testing';
import { createStrengthPool } from '../../src/passwords/strength-pool.js';

/** Characters zxcvbn's l33t table reads as letters, several of them ambiguously. */
const l33tCharacters = '4@8({[<6|)3#9&1!|70()$5+%2';
const pathological: Record<string, string> = {
  'p@$$w0rd x13, first 100': 'p@$$w0rd'.repeat(13).slice(0, 100),
  '128 l33t characters': l33tCharacters.repeat(5).slice(0, 128),
  '1024 (maximum) l33t characters': l33tCharacters.repeat(40).slice(0, 1024),
  '1024 (maximum) unicode code points': '😀é'.repeat(512),
};
const slowInput = pathological['p@$$w0rd x13, first 100']!;
const policy = resolveConfig({ logger: silentLogger, secret: 'a-secret-that-is-long-enough-0123456789' }).passwords;

let lastOctet = 0;
/** A new client address (the servers trust X-Forwarded-For as behind a proxy). */
const newIp = () => { lastOctet++; return `10.${process.pid % 250}.${Math.floor(lastOctet / 250)}.${lastOctet % 250}`; };

/** Counts event-loop turns (timer ticks and answered GETs on the same server) until `work` settles. */
async function progressDuring<T>(t: TestServer, work: Promise<T>): Promise<{ result: T; ticks: number; answers: number }> {
  let settled = false;
  let ticks = 0;
  let answers = 0;
  const tick = () => { ticks++; if (!settled) setTimeout(tick, 0); };
  setTimeout(tick, 0);
  const probe = (async () => {
    while (!settled) {
      const r = await t.client().get('/config');
      if (!settled && r.status === 200) answers++;
    }
  })();
  const result = await work.finally(() => { settled = true; });
  await probe;
  return { result, ticks, answers };
}

for (const kind of testDatabaseKinds()) {
  describe(`password strength checks on ${kind}`, () => {
    let t: TestServer;
    let hurried: TestServer;
    before(async () => {
      t = await createTestServer({
        database: kind,
        config: {
          security: { trustProxy: true },
          // Generous, so every answer below carries zxcvbn's estimate even on a busy machine.
          passwords: { strengthCheckTimeoutMs: 60_000 },
          rateLimit: { passwordCheckPerIp: { limit: 3, windowSeconds: 60 } },
        },
      });
      hurried = await createTestServer({ database: kind, config: { passwords: { strengthCheckTimeoutMs: 1 } } });
    });
    after(async () => { await t.close(); await hurried.close(); });

    const check = (server: TestServer, body: Record<string, string>, ip = newIp()) =>
      server.client().post('/password/check', body, { headers: { 'x-forwarded-for': ip } });

    it('RL-14 PW-2: answers pathological passwords through POST /password/check while the event loop keeps turning', async () => {
      const names = Object.keys(pathological);
      const { result, ticks, answers } = await progressDuring(t, Promise.all(names.map((name) => check(t, { password: pathological[name]! }))));
      for (const [i, r] of result.entries()) {
        assert.equal(r.status, 200, names[i]);
        assert.equal(r.body.estimated, true, `${names[i]} was estimated`);
        assert.equal(typeof r.body.ok, 'boolean');
        assert.ok(Number.isInteger(r.body.score) && r.body.score >= 0 && r.body.score <= 4);
      }
      assert.equal(result[0]!.body.ok, false, 'p@$$w0rd repeated is still refused');
      // An estimate on the event loop would hold timers and other requests until each check
      // returned: a dozen ticks or so (before the first check starts) and hardly any answer.
      assert.ok(ticks >= 50, `${ticks} timer ticks while the checks were pending`);
      assert.ok(answers >= 10, `${answers} GET /config answers while the checks were pending`);
    });

    it('PW-7 RL-14: sign-up runs the same check off the event loop and refuses the l33t password', async () => {
      const { result, answers } = await progressDuring(t, t.client().post('/sign-up', { email: uniqueEmail('l33t'), password: slowInput }));
      assert.equal(result.status, 422);
      assert.equal(result.body.code, 'weak_password');
      assert.ok(!JSON.stringify(result.body).includes(slowInput), 'the password is not echoed');
      assert.ok(answers >= 5, `${answers} GET /config answers during the sign-up`);
    });

    it('RL-14 PW-9: past the deadline the password is judged on length, composition and the user\'s own words', async () => {
      const r = await check(hurried, { password: slowInput });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { ok: true, score: 3, reasons: [], messages: [], suggestions: [], estimated: false }, 'accepted at the lowest passing score');

      const mine = await check(hurried, { password: 'orbitfalcon2024', email: 'orbitfalcon@example.com' });
      assert.deepEqual(mine.body, { ok: false, score: 0, reasons: ['user_input'], messages: ['Do not build the password from your email address or name.'], suggestions: [], estimated: false });

      const short = await check(hurried, { password: 'p@$$w0r' });
      assert.deepEqual(short.body, { ok: false, score: 0, reasons: ['min_length'], messages: ['Use at least 8 characters.'], suggestions: [], estimated: false });

      const composed = await checkPassword(slowInput, { ...policy, requireComposition: true }, [], { timeoutMs: 1 });
      assert.deepEqual(composed, { ok: false, score: 0, reasons: ['needs_uppercase'], messages: ['Add an upper-case letter.'], suggestions: [], estimated: false });
    });

    it('RL-14: a worker that missed its deadline is replaced, so the next check is estimated again', async () => {
      const late = await checkPassword(slowInput, policy, [], { timeoutMs: 1 });
      assert.equal(late.estimated, false);
      const next = await checkPassword(slowInput, policy, [], { timeoutMs: 60_000 });
      assert.equal(next.estimated, true);
      assert.equal(next.ok, false);
    });

    it('RL-12 RL-6: POST /password/check is limited per client address, with Retry-After', async () => {
      const ip = newIp();
      for (let i = 0; i < 3; i++) assert.equal((await check(t, { password: `violet-harbor-engine-${i}` }, ip)).status, 200, `check ${i + 1}`);
      const limited: TestResponse = await check(t, { password: 'violet-harbor-engine-4' }, `203.0.113.9, ${ip}`);
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'rate_limited');
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${limited.headers.get('retry-after')}`);
      assert.equal((await check(t, { password: 'violet-harbor-engine-5' })).status, 200, 'another address is not limited');
    });
  });
}

describe('strength pool', () => {
  it('RL-14: closing fails pending estimates, and the pool starts again on its next use', async () => {
    const pool = createStrengthPool({ size: 1 });
    const pending = [pool.estimate(slowInput, [], 60_000), pool.estimate(slowInput, [], 60_000)]
      .map((estimate) => estimate.then(() => 'answered', (error: Error) => error.message));
    await pool.close();
    assert.deepEqual(await Promise.all(pending), ['the password strength pool was closed', 'the password strength pool was closed']);
    const again = await pool.estimate('violet-harbor-engine-42', [], 60_000);
    assert.ok(again && again.score >= 3, 'estimated after the restart');
    await pool.close();
  });
});
