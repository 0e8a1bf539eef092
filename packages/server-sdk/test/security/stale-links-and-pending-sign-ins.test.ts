import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, enableTotp, mailAfter, otpauthCode, signInPending } from '../two-factor/helpers.js';
import { signedInWithRoles } from '../keys/helpers.js';

const newPassword = 'copper-lantern-meadow-77';
const resetMail = (m: { text: string }) => m.text.includes('/reset-password?token=');

for (const kind of testDatabaseKinds()) {
  describe(`stale links and pending sign-ins on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** Asks for a reset link and returns its token. */
    async function resetToken(email: string): Promise<string> {
      const mark = t.mail.messages.length;
      assert.equal((await t.client().post('/password/forgot', { email })).status, 202);
      return tokenIn(await mailAfter(t, email, mark, resetMail), '/reset-password');
    }
    const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

    it('RT-4 AU-6: a leftover invitation link stops working once the owner set a password by reset, and never replaces it', async () => {
      const email = uniqueEmail('invited');
      const { invitationUrl } = await t.latch.provisionUser({ email, displayName: 'Invited', sendInvitation: false });
      const invitation = tokenOf(invitationUrl!);
      assert.equal((await t.client().post('/password/reset', { token: await resetToken(email), newPassword })).status, 204);

      const replay = await t.client().post('/invitations/accept', { token: invitation, password: 'attacker-chosen-password-99' });
      assertProblem(replay, 400, 'invalid_token');
      assert.equal((await t.client().post('/sign-in', { email, password: 'attacker-chosen-password-99' })).status, 401);
      assert.equal((await t.client().post('/sign-in', { email, password: newPassword })).status, 200, 'the owner\'s password stands');
    });

    it('RT-4 AU-6: an invitation for an account that already has a password is refused with invalid_token', async () => {
      const email = uniqueEmail('invited');
      const { user, invitationUrl } = await t.latch.provisionUser({ email, displayName: 'Invited', sendInvitation: false });
      // The owner got a password some other way (here: set directly, as an import or a race would).
      await t.latch.storage.users.setPasswordHash(user.id, await t.latch.services.hasher.hash(strongPassword), t.clock.now());
      assertProblem(await t.client().post('/invitations/accept', { token: tokenOf(invitationUrl!), password: newPassword }), 400, 'invalid_token');
      assert.equal((await t.client().post('/sign-in', { email, password: strongPassword })).status, 200);
    });

    it('RT-4 AU-11: accepting an invitation voids other links, signs out other sessions and sends a notice', async () => {
      const email = uniqueEmail('invited');
      const { invitationUrl } = await t.latch.provisionUser({ email, displayName: 'Invited', sendInvitation: false });
      const reset = await resetToken(email);
      const mark = t.mail.messages.length;
      const accepted = await t.client().post('/invitations/accept', { token: tokenOf(invitationUrl!), password: newPassword });
      assert.equal(accepted.status, 200, accepted.text);
      const notice = await mailAfter(t, email, mark, (m) => /password was set/i.test(m.subject));
      assert.match(notice.text, /invitation/);
      assertProblem(await t.client().post('/password/reset', { token: reset, newPassword: 'attacker-chosen-password-99' }), 400, 'invalid_token');

      // A session opened before a second password set (by reset) is signed out.
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email, password: newPassword })).status, 200);
      assert.equal((await t.client().post('/password/reset', { token: await resetToken(email), newPassword: strongPassword })).status, 204);
      assert.equal((await other.get('/me')).status, 401);
    });

    it('RT-4: changing the password voids an outstanding reset link', async () => {
      const { client, email, password } = await t.signedInUser();
      const reset = await resetToken(email);
      assert.equal((await client.post('/me/password', { currentPassword: password, newPassword })).status, 204);
      assertProblem(await t.client().post('/password/reset', { token: reset, newPassword: 'attacker-chosen-password-99' }), 400, 'invalid_token');
    });

    /** A user with an authenticator app, and an intruder holding a pending sign-in made with the old password. */
    async function intruderHoldingChallenge() {
      const owner = await t.signedInUser();
      const { secret } = await enableTotp(t, owner.client, owner.password);
      const intruder = await signInPending(t, owner.email, owner.password);
      // The next time step: the step used to enable the app may not be used twice.
      t.clock.advance(30_000);
      return { ...owner, secret, intruder, code: () => otpauthCode(secret, t.clock.now()) };
    }

    it('AU-3: a password reset voids a pending second-factor sign-in', async () => {
      const { email, intruder, code } = await intruderHoldingChallenge();
      assert.equal((await t.client().post('/password/reset', { token: await resetToken(email), newPassword })).status, 204);
      assertProblem(await intruder.post('/sign-in/two-factor', { method: 'totp', code: code() }), 401, 'challenge_expired');
      // The owner still signs in with the new password and a code.
      const owner = await signInPending(t, email, newPassword);
      t.clock.advance(30_000);
      assert.equal((await owner.post('/sign-in/two-factor', { method: 'totp', code: code() })).status, 200);
    });

    it('AU-3: a password change voids a pending second-factor sign-in', async () => {
      const { client, password, intruder, code } = await intruderHoldingChallenge();
      assert.equal((await client.post('/me/password', { currentPassword: password, newPassword })).status, 204);
      assertProblem(await intruder.post('/sign-in/two-factor', { method: 'totp', code: code() }), 401, 'challenge_expired');
    });

    it('AU-3 AU-11: signing out all other sessions voids a pending second-factor sign-in', async () => {
      const { client, password, intruder, code } = await intruderHoldingChallenge();
      assert.equal((await client.delete('/me/sessions', { body: { password } })).status, 204);
      assertProblem(await intruder.post('/sign-in/two-factor', { method: 'totp', code: code() }), 401, 'challenge_expired');
    });

    it('AU-3 SE-14: disabling the account voids a pending second-factor sign-in', async () => {
      const { userId, intruder, code } = await intruderHoldingChallenge();
      const admin = await signedInWithRoles(t, ['super_admin']);
      assert.equal((await admin.client.patch(`/admin/users/${userId}`, { disabled: true })).status, 200);
      assert.equal((await admin.client.patch(`/admin/users/${userId}`, { disabled: false })).status, 200);
      assertProblem(await intruder.post('/sign-in/two-factor', { method: 'totp', code: code() }), 401, 'challenge_expired');
    });
  });
}
