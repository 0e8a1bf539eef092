import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';

const newPassword = 'granite-orchid-sailboat-31';

for (const kind of testDatabaseKinds()) {
  describe(`password change on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('needs the current password', async () => {
      const { client } = await t.signedInUser();
      const r = await client.post('/me/password', { newPassword });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'validation_failed');
      assert.ok(r.body.errors.some((e: { field: string }) => e.field === 'currentPassword'));
    });

    it('refuses a wrong current password with invalid_credentials', async () => {
      const { client, email } = await t.signedInUser();
      const r = await client.post('/me/password', { currentPassword: 'not-my-password-at-all', newPassword });
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 'invalid_credentials');
      assert.equal((await client.get('/me')).status, 200, 'a wrong password does not sign the caller out');
      assert.equal((await t.client().post('/sign-in', { email, password: newPassword })).status, 401, 'nothing changed');
    });

    it('refuses the current password as the new one with password_reused', async () => {
      const { client, password } = await t.signedInUser();
      const r = await client.post('/me/password', { currentPassword: password, newPassword: password });
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'password_reused');
    });

    it('refuses a weak new password with weak_password and reasons', async () => {
      const { client, password, email } = await t.signedInUser();
      for (const weak of ['password1234', 'short', email]) {
        const r = await client.post('/me/password', { currentPassword: password, newPassword: weak });
        assert.equal(r.status, 422, weak);
        assert.equal(r.body.code, 'weak_password');
        assert.ok(r.body.reasons.length > 0);
      }
    });

    it('revokes every other session, keeps the current one and mails a notice', async () => {
      const { client, email, password } = await t.signedInUser();
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email, password })).status, 200);
      const before = t.mail.for(email).length;

      const r = await client.post('/me/password', { currentPassword: password, newPassword });
      assert.equal(r.status, 204);
      assert.equal((await client.get('/me')).status, 200, 'the current session stays');
      const revoked = await other.get('/me');
      assert.equal(revoked.status, 401, 'the other session is revoked');

      const notice = await t.mail.waitFor(email, (m) => /password was changed/i.test(m.subject));
      assert.ok(t.mail.for(email).length > before);
      assert.doesNotMatch(notice.text, new RegExp(newPassword));
      assert.doesNotMatch(notice.text, /token=/);

      assert.equal((await t.client().post('/sign-in', { email, password })).status, 401, 'the old password fails');
      assert.equal((await t.client().post('/sign-in', { email, password: newPassword })).status, 200, 'the new one works');
      const sessions = await client.get('/me/sessions');
      assert.equal(sessions.body.items.filter((s: { current: boolean }) => s.current).length, 1);
    });

    it('keeps parallel wrong current passwords within the per-email failure limit', async () => {
      const { client, password } = await t.signedInUser();
      const guesses = await Promise.all(Array.from({ length: 20 }, (_v, i) => client.post('/me/password', { currentPassword: `parallel-guess-${i}`, newPassword })));
      const statuses = guesses.map((r) => r.status);
      assert.ok(statuses.filter((s) => s === 401).length <= 10, statuses.join());
      assert.ok(statuses.every((s) => s === 401 || s === 429), statuses.join());
      const blocked = await client.post('/me/password', { currentPassword: password, newPassword });
      assert.equal(blocked.status, 429, 'even the right password waits');
      t.clock.advance(15 * 60_000 + 1000);
    });

    it('needs a signed-in session', async () => {
      const r = await t.client().post('/me/password', { currentPassword: 'x', newPassword });
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 'unauthenticated');
    });

    it('voids an outstanding reset link', async () => {
      const { client, email, password } = await t.signedInUser();
      await t.client().post('/password/forgot', { email });
      const mail = await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token='));
      const token = new URL(mail.text.match(/https?:\/\/\S+reset-password\S+/)![0]).searchParams.get('token');
      assert.equal((await client.post('/me/password', { currentPassword: password, newPassword })).status, 204);
      const reset = await t.client().post('/password/reset', { token, newPassword: 'lilac-voyage-summit-64' });
      assert.equal(reset.status, 400);
      assert.equal(reset.body.code, 'invalid_token');
    });
  });
}
