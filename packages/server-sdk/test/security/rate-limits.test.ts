import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestResponse, type TestServer } from '@latch/server-sdk/testing';

let lastOctet = 0;
/** A new client address (the server trusts X-Forwarded-For as behind a proxy). */
const newIp = () => { lastOctet++; return `10.${process.pid % 250}.${Math.floor(lastOctet / 250)}.${lastOctet % 250}`; };

function assertLimited(r: TestResponse, what: string) {
  assert.equal(r.status, 429, what);
  assert.equal(r.body.code, 'rate_limited');
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  const retryAfter = Number(r.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${r.headers.get('retry-after')}`);
}

for (const kind of testDatabaseKinds()) {
  describe(`rate limits on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await createTestServer({
        database: kind,
        config: {
          security: { trustProxy: true },
          rateLimit: {
            signInPerIp: { limit: 5, windowSeconds: 60 },
            signInFailuresPerEmail: { limit: 3, windowSeconds: 900 },
            signUpPerIp: { limit: 3, windowSeconds: 3600 },
            emailPerAddress: { limit: 3, windowSeconds: 3600 },
            emailPerIp: { limit: 6, windowSeconds: 3600 },
          },
        },
      });
    });
    after(() => t.close());

    /** A verified account made directly (sign-up from one address is limited here). */
    async function account() {
      const email = uniqueEmail('limited');
      await t.latch.provisionUser({ email, password: strongPassword });
      return email;
    }
    const post = (path: string, body: unknown, ip = newIp()) => t.client().post(path, body, { headers: { 'x-forwarded-for': ip } });

    it('limits sign-in attempts per client address, with Retry-After', async () => {
      const ip = newIp();
      for (let i = 0; i < 5; i++) assert.equal((await post('/sign-in', { email: uniqueEmail(), password: 'wrong-password' }, ip)).status, 401);
      assertLimited(await post('/sign-in', { email: uniqueEmail(), password: 'wrong-password' }, ip), 'sixth attempt');
      assert.equal((await post('/sign-in', { email: uniqueEmail(), password: 'wrong-password' })).status, 401, 'another address is not limited');
    });

    it('takes the client address from the proxy\'s entry, so spoofed X-Forwarded-For entries do not reset it', async () => {
      const ip = newIp();
      for (let i = 0; i < 5; i++) {
        await post('/sign-in', { email: uniqueEmail(), password: 'wrong-password' }, `203.0.113.${i}, ${ip}`);
      }
      assertLimited(await post('/sign-in', { email: uniqueEmail(), password: 'wrong-password' }, `198.51.100.7, ${ip}`), 'rotated spoofed entries');
    });

    it('limits failed sign-ins per email, known or unknown, with identical answers', async () => {
      const known = await account();
      const unknown = uniqueEmail('unknown');
      const answers: Record<string, TestResponse[]> = { known: [], unknown: [] };
      for (const [name, email] of [['known', known], ['unknown', unknown]] as const) {
        for (let i = 0; i < 4; i++) answers[name]!.push(await post('/sign-in', { email, password: `wrong-password-${i}` }));
      }
      for (const name of ['known', 'unknown']) {
        assert.deepEqual(answers[name]!.map((r) => r.status), [401, 401, 401, 429], name);
        assertLimited(answers[name]![3]!, name);
      }
      const strip = (r: TestResponse) => ({ ...r.body, instance: undefined, retryAfter: undefined });
      assert.deepEqual(strip(answers.known![3]!), strip(answers.unknown![3]!));
      assert.deepEqual(strip(answers.known![0]!), strip(answers.unknown![0]!));
    });

    it('holds the per-email limit under parallel guesses from many addresses', async () => {
      const email = await account();
      const guesses = await Promise.all(Array.from({ length: 20 }, (_v, i) => post('/sign-in', { email, password: `parallel-guess-${i}` })));
      const statuses = guesses.map((r) => r.status);
      assert.ok(statuses.every((s) => s === 401 || s === 429), statuses.join());
      assert.ok(statuses.filter((s) => s === 401).length <= 3, `${statuses.filter((s) => s === 401).length} passwords were checked: ${statuses.join()}`);
      assertLimited(await post('/sign-in', { email, password: strongPassword }), 'blocked afterwards');
    });

    it('refuses the correct password during the block', async () => {
      const email = await account();
      for (let i = 0; i < 3; i++) await post('/sign-in', { email, password: `wrong-password-${i}` });
      assertLimited(await post('/sign-in', { email, password: strongPassword }), 'correct password while blocked');
    });

    it('counts case and whitespace variants of one address together', async () => {
      const email = await account();
      const [local, domain] = email.split('@');
      for (const variant of [email.toUpperCase(), `  ${email}  `, `${local}@${domain!.toUpperCase()}`]) {
        assert.equal((await post('/sign-in', { email: variant, password: 'wrong-password-x' })).status, 401, variant);
      }
      assertLimited(await post('/sign-in', { email, password: strongPassword }), 'after three variants');
    });

    it('ends the block after the window without being extended by attempts during it', async () => {
      const email = await account();
      for (let i = 0; i < 3; i++) await post('/sign-in', { email, password: `wrong-password-${i}` });
      for (let i = 0; i < 5; i++) assert.equal((await post('/sign-in', { email, password: 'wrong-during-block' })).status, 429);
      t.clock.advance(15 * 60_000 + 1000);
      assert.equal((await post('/sign-in', { email, password: strongPassword })).status, 200);
    });

    it('clears the block with a password reset', async () => {
      const email = await account();
      for (let i = 0; i < 3; i++) await post('/sign-in', { email, password: `wrong-password-${i}` });
      assertLimited(await post('/sign-in', { email, password: strongPassword }), 'blocked');
      assert.equal((await post('/password/forgot', { email })).status, 202, 'forgot-password still works while blocked');
      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
      assert.equal((await post('/password/reset', { token, newPassword: 'cobalt-prairie-whistle-3' })).status, 204);
      assert.equal((await post('/sign-in', { email, password: 'cobalt-prairie-whistle-3' })).status, 200);
    });

    it('limits sign-ups per client address', async () => {
      const ip = newIp();
      for (let i = 0; i < 3; i++) assert.equal((await post('/sign-up', { email: uniqueEmail('burst'), password: strongPassword }, ip)).status, 201);
      assertLimited(await post('/sign-up', { email: uniqueEmail('burst'), password: strongPassword }, ip), 'fourth sign-up');
    });

    it('limits verification resends per address, the same for unknown addresses', async () => {
      const email = uniqueEmail('resend');
      assert.equal((await post('/sign-up', { email, password: strongPassword })).status, 201);
      const unknown = uniqueEmail('resend-unknown');
      // Sign-up sent the first of three verification emails.
      const knownStatuses = [];
      const unknownStatuses = [];
      for (let i = 0; i < 3; i++) {
        knownStatuses.push((await post('/verify-email/resend', { email })).status);
        unknownStatuses.push((await post('/verify-email/resend', { email: unknown })).status);
      }
      assert.deepEqual(knownStatuses, [202, 202, 429]);
      assert.deepEqual(unknownStatuses, [202, 202, 202], 'an unknown address has its own budget of three');
      assertLimited(await post('/verify-email/resend', { email: unknown }), 'fourth for the unknown one');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(t.mail.for(email).length <= 3, `${t.mail.for(email).length} verification mails`);
    });

    it('limits forgot-password per address and per client, with identical answers for unknown addresses', async () => {
      const known = await account();
      const unknown = uniqueEmail('forgot-unknown');
      const statuses: Record<string, number[]> = { known: [], unknown: [] };
      for (let i = 0; i < 4; i++) {
        statuses.known!.push((await post('/password/forgot', { email: known })).status);
        statuses.unknown!.push((await post('/password/forgot', { email: unknown })).status);
      }
      assert.deepEqual(statuses.known, [202, 202, 202, 429]);
      assert.deepEqual(statuses.unknown, [202, 202, 202, 429]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(t.mail.for(known).length <= 3);

      const ip = newIp();
      const perIp = [];
      for (let i = 0; i < 7; i++) perIp.push((await post('/password/forgot', { email: uniqueEmail('spray') }, ip)).status);
      assert.deepEqual(perIp, [202, 202, 202, 202, 202, 202, 429]);
    });
  });
}
