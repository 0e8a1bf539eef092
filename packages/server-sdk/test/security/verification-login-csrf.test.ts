import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const sessionCookie = 'latch_session';

for (const kind of testDatabaseKinds()) {
  describe(`verification links and the signed-in browser on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** Signs up a new account and returns the token of its verification link. */
    async function pendingVerification(): Promise<{ email: string; token: string }> {
      const email = uniqueEmail('other');
      assert.equal((await t.client().post('/sign-up', { email, password: strongPassword })).status, 201);
      return { email, token: tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email') };
    }

    it('SE-16: a verification link of another account verifies it but keeps the signed-in session', async () => {
      const victim = await t.signedInUser();
      const before = victim.client.cookies.get(sessionCookie);
      const { email, token } = await pendingVerification();

      const res = await victim.client.post('/verify-email', { token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.signedIn, false);
      assert.equal(res.body.user.email, email);
      assert.equal(res.body.session, undefined);
      assert.ok(!res.setCookies.some((c) => c.startsWith(`${sessionCookie}=`)), 'no session cookie is set');
      assert.equal(victim.client.cookies.get(sessionCookie), before);
      const me = await victim.client.get('/me');
      assert.equal(me.body.user.id, victim.userId, 'still signed in as the same person');

      // The other account is verified all the same.
      assert.equal((await t.client().post('/sign-in', { email, password: strongPassword })).status, 200);
    });

    it('SE-16: the same account\'s link keeps its session too; a browser with no session is signed in', async () => {
      const { email, token } = await pendingVerification();
      const fresh = t.client();
      const res = await fresh.post('/verify-email', { token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.user.email, email);
      assert.ok(res.body.session?.id);
      assert.ok(fresh.cookies.get(sessionCookie));
    });
  });
}
