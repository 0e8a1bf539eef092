import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { testDatabaseKinds } from '@latch/server-sdk/testing';

for (const kind of testDatabaseKinds()) {
  describe(`sign-up, verification and sign-in on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('signs up, verifies through the emailed link and reads /me', async () => {
      const client = t.client();
      const email = uniqueEmail('alice');
      const signUp = await client.post('/sign-up', { email, password: strongPassword, displayName: 'Alice' });
      assert.equal(signUp.status, 201);
      assert.equal(signUp.body.user.email, email);
      assert.equal(signUp.body.user.emailVerified, false);
      assert.equal(signUp.setCookies.length, 0, 'no session before verification');

      const early = await client.post('/sign-in', { email, password: strongPassword });
      assert.equal(early.status, 403);
      assert.equal(early.body.code, 'email_not_verified');

      const mail = await t.mail.waitFor(email);
      assert.match(mail.subject, /Verify/);
      const link = new URL(mail.text.match(/https?:\/\/\S+verify-email\S+/)![0]);
      assert.equal(link.origin, t.origin, 'links use the configured public URL');
      const verified = await client.post('/verify-email', { token: link.searchParams.get('token') });
      assert.equal(verified.status, 200);
      assert.equal(verified.body.user.emailVerified, true);
      assert.ok(client.cookies.get('latch_session'));

      const me = await client.get('/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.displayName, 'Alice');
      assert.equal(me.headers.get('cache-control'), 'no-store');
      assert.deepEqual(me.body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
    });

    it('a verification token works once', async () => {
      const email = uniqueEmail();
      await t.client().post('/sign-up', { email, password: strongPassword });
      const token = tokenIn(await t.mail.waitFor(email), '/verify-email');
      assert.equal((await t.client().post('/verify-email', { token })).status, 200);
      const again = await t.client().post('/verify-email', { token });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'invalid_token');
    });

    it('answers a taken address exactly like a new one and mails the owner a notice', async () => {
      const { email } = await t.signedInUser();
      const fresh = uniqueEmail();
      const taken = await t.client().post('/sign-up', { email, password: strongPassword, displayName: 'X' });
      const brandNew = await t.client().post('/sign-up', { email: fresh, password: strongPassword, displayName: 'X' });
      assert.equal(taken.status, 201);
      assert.equal(brandNew.status, 201);
      assert.deepEqual(Object.keys(taken.body.user).sort(), Object.keys(brandNew.body.user).sort());
      assert.equal(taken.body.user.emailVerified, false);
      const notice = await t.mail.waitFor(email, (m) => /tried to sign up/.test(m.subject));
      assert.doesNotMatch(notice.text, /token=/);
    });

    it('gives unknown emails and wrong passwords the same answer', async () => {
      const { email } = await t.signedInUser();
      const wrong = await t.client().post('/sign-in', { email, password: 'not-the-password-at-all' });
      const unknown = await t.client().post('/sign-in', { email: uniqueEmail('nobody'), password: 'not-the-password-at-all' });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
      assert.deepEqual(strip(wrong.body), strip(unknown.body));
      assert.equal(wrong.body.code, 'invalid_credentials');
    });

    it('issues a new session token at every sign-in', async () => {
      const { email, password, client } = await t.signedInUser();
      const first = client.cookies.get('latch_session');
      const again = await client.post('/sign-in', { email: email.toUpperCase(), password });
      assert.equal(again.status, 200);
      assert.notEqual(client.cookies.get('latch_session'), first);
      const cookie = again.setCookies.find((c) => c.startsWith('latch_session='))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.match(cookie, /Path=\//);
    });

    it('refuses weak passwords with reasons', async () => {
      const email = uniqueEmail('weak');
      for (const password of ['password1234', 'qwertyuiop123', '1q2w3e4r5t6y', 'short', email]) {
        const r = await t.client().post('/sign-up', { email, password });
        assert.equal(r.status, 422, password);
        assert.equal(r.body.code, 'weak_password');
        assert.ok(r.body.reasons.length > 0);
        assert.ok(!JSON.stringify(r.body).includes(password), 'the password is not echoed');
      }
    });

    it('signs out and the old cookie stops working', async () => {
      const { client } = await t.signedInUser();
      const token = client.cookies.get('latch_session')!;
      assert.equal((await client.post('/sign-out')).status, 204);
      const replay = await t.client().get('/me', { headers: { cookie: `latch_session=${token}` } });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.code, 'unauthenticated');
    });
  });
}
