import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, tokenIn, uniqueEmail, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, enableTotp, mailAfter, otpauthCode, signInPending } from '../two-factor/helpers.js';
import { bearer, createApiKey } from '../keys/helpers.js';

const newPassword = 'juniper-quartz-lantern-58';
const securedMail = (m: { subject: string }) => /Your account was secured/.test(m.subject);

for (const kind of testDatabaseKinds()) {
  describe(`securing an account on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** Asks for a reset link for `email` and returns its token. */
    async function resetToken(email: string): Promise<string> {
      const mark = t.mail.messages.length;
      assert.equal((await t.client().post('/password/forgot', { email })).status, 202);
      return tokenIn(await mailAfter(t, email, mark, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
    }

    /** Asks for a login-email change and returns the token sent to the new address. */
    async function emailChangeToken(client: TestClient, password: string): Promise<string> {
      const newEmail = uniqueEmail('moved');
      assert.equal((await client.post('/me/email', { newEmail, password })).status, 202);
      return tokenIn(await t.mail.waitFor(newEmail, (m) => m.text.includes('/confirm-email?token=')), '/confirm-email');
    }

    /** An owner with a second session elsewhere, an API key, a reset link and an email-change link outstanding. */
    async function exposedAccount() {
      const owner = await t.signedInUser();
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email: owner.email, password: owner.password })).status, 200);
      const key = await createApiKey(owner.client, { scopes: ['read'] });
      assert.equal((await t.client().get('/me', bearer(key.secret))).status, 200, 'the key works before');
      const reset = await resetToken(owner.email);
      const emailChange = await emailChangeToken(owner.client, owner.password);
      return { ...owner, other, key, reset, emailChange };
    }

    /** How many "account secured" notices to `email` were queued (the outbox is written with the change). */
    async function securedNotices(email: string): Promise<number> {
      return (await t.latch.storage.outbox.listRecent(10_000)).filter((m) => m.toAddress === email && m.template === 'accountSecured').length;
    }

    const auditOf = async (userId: string, type: string) =>
      (await t.latch.storage.audit.search({ userId, type, limit: 50 })).items;

    it('signs out every other session, revokes every key, voids links, keeps the caller signed in, and says so once', async () => {
      const account = await exposedAccount();
      const res = await account.client.post('/me/secure-account', {});
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, {
        revokedSessions: 1, revokedApiKeys: 1, passwordChanged: false, passwordChangeRequired: true, twoFactorEnabled: false,
        next: ['change_password', 'set_up_two_factor'],
      });

      assert.equal((await account.other.get('/me')).status, 401, 'the other session stops at once');
      assert.equal((await account.client.get('/me')).status, 200, 'the caller stays signed in');
      assert.equal((await t.client().get('/me', bearer(account.key.secret))).status, 401, 'the API key is refused');
      assertProblem(await t.client().post('/password/reset', { token: account.reset, newPassword }), 400, 'invalid_token');
      assertProblem(await t.client().post('/me/email/confirm', { token: account.emailChange }), 400, 'invalid_token');

      const notice = await t.mail.waitFor(account.email, securedMail);
      assert.match(notice.text, /1 other session was signed out/);
      assert.match(notice.text, /1 API key was revoked/);
      assert.match(notice.text, /no longer signs in/);
      assert.match(notice.text, /two-step verification/);
      assert.equal(await securedNotices(account.email), 1, 'exactly one notice');

      const audit = await auditOf(account.userId, 'account.secured');
      assert.equal(audit.length, 1);
      assert.deepEqual({ ...audit[0]!.detail, requestId: undefined }, {
        revokedSessions: 1, revokedApiKeys: 1, passwordChanged: false, passwordChangeRequired: true, requestId: undefined,
      });
    });

    it('voids a pending second-factor sign-in and points at reviewing the second factors', async () => {
      const owner = await t.signedInUser();
      const { secret } = await enableTotp(t, owner.client, owner.password);
      const intruder = await signInPending(t, owner.email, owner.password);
      t.clock.advance(30_000);
      const res = await owner.client.post('/me/secure-account', { password: owner.password, newPassword });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.twoFactorEnabled, true);
      assert.deepEqual(res.body.next, ['review_second_factors']);
      assertProblem(await intruder.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(secret, t.clock.now()) }), 401, 'challenge_expired');
    });

    it('sets a new password when given one: the old one stops, the new one signs in', async () => {
      const owner = await t.signedInUser();
      const res = await owner.client.post('/me/secure-account', { newPassword });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.passwordChanged, true);
      assert.equal(res.body.passwordChangeRequired, false);
      assert.deepEqual(res.body.next, ['set_up_two_factor']);
      assertProblem(await t.client().post('/sign-in', { email: owner.email, password: owner.password }), 401, 'invalid_credentials');
      assert.equal((await t.client().post('/sign-in', { email: owner.email, password: newPassword })).status, 200);
      assert.match((await t.mail.waitFor(owner.email, securedMail)).text, /Your password was changed/);
    });

    it('needs a recent sign-in or the password (reauthentication)', async () => {
      const owner = await t.signedInUser();
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email: owner.email, password: owner.password })).status, 200);
      t.clock.advance(6 * 60_000);
      assertProblem(await owner.client.post('/me/secure-account', {}), 403, 'reauthentication_required');
      assertProblem(await owner.client.post('/me/secure-account', { password: 'not-the-password-at-all' }), 403, 'reauthentication_required');
      assert.equal((await other.get('/me')).status, 200, 'a refused request changes nothing');
      const res = await owner.client.post('/me/secure-account', { password: owner.password });
      assert.equal(res.status, 200, res.text);
      assert.equal((await other.get('/me')).status, 401);
    });

    it('refuses a weak or reused new password with nothing changed', async () => {
      const account = await exposedAccount();
      const outboxBefore = (await t.latch.storage.outbox.listRecent(500)).length;
      const weak = await account.client.post('/me/secure-account', { newPassword: 'password1' });
      assertProblem(weak, 422, 'weak_password');
      assertProblem(await account.client.post('/me/secure-account', { newPassword: account.password }), 422, 'password_reused');

      assert.equal((await account.other.get('/me')).status, 200, 'the other session still works');
      assert.equal((await t.client().get('/me', bearer(account.key.secret))).status, 200, 'the key still works');
      assert.equal((await t.client().post('/sign-in', { email: account.email, password: account.password })).status, 200, 'the password still signs in');
      assert.equal((await auditOf(account.userId, 'account.secured')).length, 0);
      assert.equal((await t.latch.storage.outbox.listRecent(500)).length, outboxBefore, 'no notice queued');
      assert.equal((await t.client().post('/password/reset', { token: account.reset, newPassword })).status, 204, 'the reset link still works');
    });

    it('makes the old password ask for a reset at the next sign-in, until a reset sets a new one', async () => {
      const owner = await t.signedInUser();
      assert.equal((await owner.client.post('/me/secure-account', {})).status, 200);
      const refused = await t.client().post('/sign-in', { email: owner.email, password: owner.password });
      assertProblem(refused, 403, 'password_reset_required');
      assertProblem(await t.client().post('/sign-in', { email: owner.email, password: 'a-wrong-password-123' }), 401, 'invalid_credentials');
      const failures = await auditOf(owner.userId, 'sign_in.failed');
      assert.ok(failures.some((e) => e.detail.reason === 'password_reset_required'), 'the attempt shows in the activity');

      assert.equal((await t.client().post('/password/reset', { token: await resetToken(owner.email), newPassword })).status, 204);
      assert.equal((await t.client().post('/sign-in', { email: owner.email, password: newPassword })).status, 200);
    });

    it('lets the caller choose the new password from the session they kept', async () => {
      const owner = await t.signedInUser();
      assert.equal((await owner.client.post('/me/secure-account', {})).status, 200);
      assert.equal((await owner.client.post('/me/password', { currentPassword: owner.password, newPassword })).status, 204);
      assert.equal((await t.client().post('/sign-in', { email: owner.email, password: newPassword })).status, 200);
    });
  });
}
