import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, challengeCookie, codeIn, enableEmail, mailAfter, sessionCookie, signInPending } from './helpers.js';

const signInCodeMail = (m: { subject: string }) => /sign-in code/.test(m.subject);

for (const kind of testDatabaseKinds()) {
  describe(`pending sign-in and email codes on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** A user with email codes on; returns what a sign-in needs. */
    async function emailUser() {
      const user = await t.signedInUser();
      const backupCodes = await enableEmail(user.client, user.password);
      return { ...user, backupCodes: backupCodes! };
    }

    it('a pending sign-in authorizes nothing but the second step, and is used once', async () => {
      const { email, password, userId, backupCodes } = await emailUser();
      assert.equal(backupCodes.length, 10, 'the first factor comes with backup codes');
      const mark = t.mail.messages.length;
      const pending = await signInPending(t, email, password, ['email', 'backup_code']);
      const challenge = pending.cookies.get(challengeCookie)!;

      for (const [method, path] of [['GET', '/me'], ['GET', '/me/sessions'], ['GET', '/me/passkeys'], ['POST', '/me/two-factor/backup-codes'], ['POST', '/me/passkeys/options'], ['POST', '/token']] as const) {
        const res = await pending.request(method, path, method === 'POST' ? { body: {} } : {});
        assert.ok([401, 404].includes(res.status), `${method} ${path} answered ${res.status}`);
        if (res.status === 401) assert.equal(res.body.code, 'unauthenticated');
      }
      // The challenge token is no session token either.
      const forged = await t.client().get('/me', { headers: { cookie: `${sessionCookie}=${challenge}` } });
      assertProblem(forged, 401, 'unauthenticated');

      // Email is the only code factor: the code was sent at sign-in.
      const code = codeIn(await mailAfter(t, email, mark, signInCodeMail));
      const done = await pending.post('/sign-in/two-factor', { method: 'email', code });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.user.id, userId);
      assert.ok(pending.cookies.get(sessionCookie));
      assert.equal(pending.cookies.get(challengeCookie), undefined, 'the challenge cookie is cleared');
      assert.ok(done.setCookies.some((c) => c.startsWith(`${challengeCookie}=;`) && /Max-Age=0/.test(c)));
      assert.equal((await pending.get('/me')).status, 200);

      // Replaying the completed step with the old cookie fails: single use.
      const replay = await t.client().post('/sign-in/two-factor', { method: 'email', code }, { headers: { cookie: `${challengeCookie}=${challenge}` } });
      assertProblem(replay, 401, 'challenge_expired');
      const missing = await t.client().post('/sign-in/two-factor', { method: 'email', code });
      assertProblem(missing, 401, 'challenge_expired');
    });

    it('sets a short-lived HttpOnly challenge cookie that expires within ten minutes', async () => {
      const { email, password } = await emailUser();
      const client = t.client();
      const res = await client.post('/sign-in', { email, password });
      const cookie = res.setCookies.find((c) => c.startsWith(`${challengeCookie}=`))!;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
      assert.ok(maxAge > 0 && maxAge <= 600, `Max-Age ${maxAge}`);
      assert.ok(client.cookies.get(challengeCookie)!.length >= 43, 'the token carries at least 256 bits');
    });

    it('expires after ten minutes', async () => {
      const { email, password } = await emailUser();
      const mark = t.mail.messages.length;
      const pending = await signInPending(t, email, password);
      const code = codeIn(await mailAfter(t, email, mark, signInCodeMail));
      t.clock.advance(10 * 60_000 + 1000);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code }), 401, 'challenge_expired');
      assertProblem(await pending.post('/sign-in/two-factor/email'), 401, 'challenge_expired');
    });

    it('binds an emailed code to its own sign-in', async () => {
      const { email, password } = await emailUser();
      let mark = t.mail.messages.length;
      const first = await signInPending(t, email, password);
      const firstCode = codeIn(await mailAfter(t, email, mark, signInCodeMail));
      mark = t.mail.messages.length;
      const second = await signInPending(t, email, password);
      const secondCode = codeIn(await mailAfter(t, email, mark, signInCodeMail));
      if (firstCode !== secondCode) assertProblem(await second.post('/sign-in/two-factor', { method: 'email', code: firstCode }), 400, 'invalid_code');
      assert.equal((await second.post('/sign-in/two-factor', { method: 'email', code: secondCode })).status, 200);
      assert.equal((await first.post('/sign-in/two-factor', { method: 'email', code: firstCode })).status, 200, 'the first sign-in is unaffected');
    });

    it('a resend voids the old code, is spaced 30 s, and does not reset the wrong-code budget', async () => {
      const { email, password } = await emailUser();
      let mark = t.mail.messages.length;
      const pending = await signInPending(t, email, password);
      const oldCode = codeIn(await mailAfter(t, email, mark, signInCodeMail));

      const tooSoon = await pending.post('/sign-in/two-factor/email');
      assertProblem(tooSoon, 429, 'rate_limited');
      const retryAfter = Number(tooSoon.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);

      const wrong = oldCode === '000000' ? '000001' : '000000';
      for (let i = 0; i < 3; i++) assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code: wrong }), 400, 'invalid_code');
      // A correct password followed by failed second steps: the owner is told.
      const notice = await mailAfter(t, email, mark, (m) => /entered your password/.test(m.subject));
      assert.doesNotMatch(notice.text, new RegExp(oldCode));

      t.clock.advance(31_000);
      mark = t.mail.messages.length;
      const resent = await pending.post('/sign-in/two-factor/email');
      assert.equal(resent.status, 202, resent.text);
      const newCode = codeIn(await mailAfter(t, email, mark, signInCodeMail));
      if (newCode !== oldCode) {
        assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code: oldCode }), 400, 'invalid_code');
      } else {
        assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code: wrong }), 400, 'invalid_code');
      }
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code: wrong }), 400, 'invalid_code');
      // Five attempts are spent; the new, correct code is refused too.
      const blocked = await pending.post('/sign-in/two-factor', { method: 'email', code: newCode });
      assertProblem(blocked, 429, 'rate_limited');
      assert.ok(Number(blocked.headers.get('retry-after')) >= 1);
      assert.equal(pending.cookies.get(sessionCookie), undefined);
    });

    it('sends at most five resends per sign-in', async () => {
      const { email, password } = await emailUser();
      const pending = await signInPending(t, email, password);
      for (let i = 0; i < 5; i++) {
        t.clock.advance(31_000);
        assert.equal((await pending.post('/sign-in/two-factor/email')).status, 202, `resend ${i + 1}`);
      }
      t.clock.advance(31_000);
      assertProblem(await pending.post('/sign-in/two-factor/email'), 429, 'rate_limited');
    });

    it('limits wrong codes per account across sign-ins, and a success is needed to reset it', async () => {
      const { email, password, backupCodes } = await emailUser();
      for (let round = 0; round < 2; round++) {
        const pending = await signInPending(t, email, password);
        for (let i = 0; i < 5; i++) assertProblem(await pending.post('/sign-in/two-factor', { method: 'backup_code', code: 'AAAA-AAAA-AAAA-AAAA' }), 400, 'invalid_code');
      }
      const third = await signInPending(t, email, password);
      const blocked = await third.post('/sign-in/two-factor', { method: 'backup_code', code: backupCodes[0]! });
      assertProblem(blocked, 429, 'rate_limited');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter > 60 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`);
      t.clock.advance(15 * 60_000 + 1000);
      const later = await signInPending(t, email, password);
      assert.equal((await later.post('/sign-in/two-factor', { method: 'backup_code', code: backupCodes[0]! })).status, 200);
    });

    it('refuses a method the user does not have', async () => {
      const { email, password } = await emailUser();
      const pending = await signInPending(t, email, password);
      const res = await pending.post('/sign-in/two-factor', { method: 'totp', code: '123456' });
      assertProblem(res, 422, 'validation_failed');
      assert.equal(res.body.errors[0].field, 'method');
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'sms', code: '123456' }), 422, 'validation_failed');
    });

    it('turns email codes off with an emailed confirmation code, and the backup codes go with the last factor', async () => {
      const { client, email, password } = await emailUser();
      assert.equal((await client.post('/me/two-factor/email/disable', { code: '123456' })).status, 400);
      const mark = t.mail.messages.length;
      assert.equal((await client.post('/me/two-factor/email/code')).status, 202);
      const mail = await mailAfter(t, email, mark, (m) => /confirmation code/.test(m.subject));
      const res = await client.post('/me/two-factor/email/disable', { code: codeIn(mail) });
      assert.equal(res.status, 204, res.text);
      await mailAfter(t, email, mark, (m) => /Sign-in codes by email turned off/.test(m.subject));
      assert.deepEqual((await client.get('/me')).body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
      const plain = await t.client().post('/sign-in', { email, password });
      assert.equal(plain.status, 200);
      assert.ok(plain.body.session, 'no second step any more');
      const audit = await t.latch.storage.audit.search({ userId: plain.body.user.id, limit: 50 });
      const types = audit.items.map((e) => e.type);
      assert.ok(types.includes('two_factor.enabled') && types.includes('two_factor.disabled'));
    });
  });
}
