import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const isVerify = (m: { text: string }) => m.text.includes('/verify-email?token=');

for (const kind of testDatabaseKinds()) {
  describe(`email verification on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    async function signUp() {
      const email = uniqueEmail('verify');
      assert.equal((await t.client().post('/sign-up', { email, password: strongPassword })).status, 201);
      return { email, token: tokenIn(await t.mail.waitFor(email, isVerify), '/verify-email') };
    }

    it('lets exactly one of 20 parallel uses of a link succeed', async () => {
      const { token } = await signUp();
      const results = await Promise.all(Array.from({ length: 20 }, () => t.client().post('/verify-email', { token })));
      assert.equal(results.filter((r) => r.status === 200).length, 1, results.map((r) => r.status).join());
      assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.code === 'invalid_token'));
    });

    it('expires the link after 24 hours', async () => {
      const { token } = await signUp();
      t.clock.advance(24 * 3600_000 + 1000);
      const r = await t.client().post('/verify-email', { token });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'invalid_token');
    });

    it('sends a new link on resend and voids the older one', async () => {
      const { email, token: older } = await signUp();
      assert.equal((await t.client().post('/verify-email/resend', { email })).status, 202);
      const newer = await new Promise<string>((resolve, reject) => {
        const deadline = Date.now() + 10_000;
        const poll = () => {
          const links = t.mail.for(email).filter(isVerify);
          if (links.length >= 2) resolve(tokenIn(links[1]!, '/verify-email'));
          else if (Date.now() > deadline) reject(new Error('no second link'));
          else setTimeout(poll, 20);
        };
        poll();
      });
      assert.equal((await t.client().post('/verify-email', { token: older })).status, 400);
      const client = t.client();
      assert.equal((await client.post('/verify-email', { token: newer })).status, 200);
      assert.equal((await client.get('/me')).body.user.emailVerified, true);
    });

    it('refuses sign-in until verified, with the right password only', async () => {
      const { email } = await signUp();
      const right = await t.client().post('/sign-in', { email, password: strongPassword });
      assert.equal(right.status, 403);
      assert.equal(right.body.code, 'email_not_verified');
      assert.equal(right.setCookies.filter((c) => !/Max-Age=0/.test(c)).length, 0);
    });
  });
}
