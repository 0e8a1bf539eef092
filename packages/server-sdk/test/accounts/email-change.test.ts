import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const isConfirm = (m: { text: string }) => m.text.includes('/confirm-email?token=');

for (const kind of testDatabaseKinds()) {
  describe(`login-email change on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** A user whose sign-in is older than the reauthentication window. */
    async function staleUser() {
      const user = await t.signedInUser();
      t.clock.advance(5 * 60_000 + 1000);
      return user;
    }

    it('needs reauthentication: without a password after an old sign-in, or with a wrong one, 403', async () => {
      const { client } = await staleUser();
      const without = await client.post('/me/email', { newEmail: uniqueEmail('new') });
      assert.equal(without.status, 403);
      assert.equal(without.body.code, 'reauthentication_required');
      const wrong = await client.post('/me/email', { newEmail: uniqueEmail('new'), password: 'not-the-password-at-all' });
      assert.equal(wrong.status, 403);
      assert.equal(wrong.body.code, 'reauthentication_required');
    });

    it('accepts a sign-in younger than five minutes as proof of presence', async () => {
      const { client } = await t.signedInUser();
      t.clock.advance(4 * 60_000);
      const r = await client.post('/me/email', { newEmail: uniqueEmail('new') });
      assert.equal(r.status, 202);
    });

    it('mails a link to the new address and a notice to the old; nothing changes until confirmed', async () => {
      const { client, email, password } = await staleUser();
      const newEmail = uniqueEmail('moved');
      const r = await client.post('/me/email', { newEmail, password });
      assert.equal(r.status, 202);

      const confirm = await t.mail.waitFor(newEmail, isConfirm);
      const link = new URL(confirm.text.match(/https?:\/\/\S+confirm-email\S+/)![0]);
      assert.equal(link.origin, t.origin);
      const notice = await t.mail.waitFor(email, (m) => /change of your sign-in email/i.test(m.subject));
      assert.doesNotMatch(notice.text, /token=/, 'the old address gets no working link');
      assert.equal((await client.get('/me')).body.user.email, email, '/me is unchanged before confirmation');
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 200);

      const token = tokenIn(confirm, '/confirm-email');
      const confirmed = await t.client().post('/me/email/confirm', { token });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.user.email, newEmail);
      assert.equal((await client.get('/me')).body.user.email, newEmail);
      await t.mail.waitFor(email, (m) => /sign-in email was changed/i.test(m.subject));

      assert.equal((await t.client().post('/sign-in', { email, password })).status, 401, 'the old address no longer signs in');
      assert.equal((await t.client().post('/sign-in', { email: newEmail, password })).status, 200);
      const again = await t.client().post('/me/email/confirm', { token });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'invalid_token');
    });

    it('answers a taken address like a free one; its owner gets a neutral notice and no working link', async () => {
      const owner = await t.signedInUser();
      const { client, password } = await t.signedInUser();
      const taken = await client.post('/me/email', { newEmail: owner.email.toUpperCase(), password });
      const free = await client.post('/me/email', { newEmail: uniqueEmail('free'), password });
      assert.equal(taken.status, 202);
      assert.equal(taken.text, free.text);
      const notice = await t.mail.waitFor(owner.email, (m) => /tried to use your email/i.test(m.subject));
      assert.doesNotMatch(notice.text + notice.html, /token=/);
      assert.equal(t.mail.for(owner.email).filter(isConfirm).length, 0);
    });

    it('lets one of two accounts confirming the same address in parallel win; the other gets email_taken', async () => {
      const target = uniqueEmail('contested');
      const a = await t.signedInUser();
      const b = await t.signedInUser();
      assert.equal((await a.client.post('/me/email', { newEmail: target, password: a.password })).status, 202);
      assert.equal((await b.client.post('/me/email', { newEmail: target, password: b.password })).status, 202);
      await t.mail.waitFor(target, isConfirm);
      const links = await new Promise<string[]>((resolve, reject) => {
        const deadline = Date.now() + 10_000;
        const poll = () => {
          const tokens = t.mail.for(target).filter(isConfirm).map((m) => tokenIn(m, '/confirm-email'));
          if (tokens.length >= 2) resolve(tokens);
          else if (Date.now() > deadline) reject(new Error('second confirmation link did not arrive'));
          else setTimeout(poll, 20);
        };
        poll();
      });
      const results = await Promise.all(links.map((token) => t.client().post('/me/email/confirm', { token })));
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
      assert.equal(results.find((r) => r.status === 409)!.body.code, 'email_taken');
      const owners = [await a.client.get('/me'), await b.client.get('/me')].filter((me) => me.body.user.email === target);
      assert.equal(owners.length, 1, 'exactly one account owns the address');
    });

    it('refuses an invalid new address with 422 and the unchanged address too', async () => {
      const { client, email, password } = await t.signedInUser();
      for (const newEmail of ['not-an-email', '"e@attacker.test"@victim.test', 'a@x.test,b@y.test', 'a@x.test\r\nBcc: z@y.test']) {
        const r = await client.post('/me/email', { newEmail, password });
        assert.equal(r.status, 422, newEmail);
      }
      const same = await client.post('/me/email', { newEmail: email.toUpperCase(), password });
      assert.equal(same.status, 422);
    });

    it('voids a pending change when the password is reset or changed', async () => {
      for (const how of ['reset', 'change'] as const) {
        const { client, email, password } = await t.signedInUser();
        const newEmail = uniqueEmail(`hijack-${how}`);
        assert.equal((await client.post('/me/email', { newEmail, password })).status, 202);
        const token = tokenIn(await t.mail.waitFor(newEmail, isConfirm), '/confirm-email');
        if (how === 'reset') {
          await t.client().post('/password/forgot', { email });
          const resetToken = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
          assert.equal((await t.client().post('/password/reset', { token: resetToken, newPassword: 'recovered-account-willow-3' })).status, 204);
        } else {
          assert.equal((await client.post('/me/password', { currentPassword: password, newPassword: 'recovered-account-willow-3' })).status, 204);
        }
        const r = await t.client().post('/me/email/confirm', { token });
        assert.equal(r.status, 400, `after a password ${how}, the pending change is void`);
        assert.equal(r.body.code, 'invalid_token');
      }
    });

    it('expires the confirmation link', async () => {
      const { client, password } = await t.signedInUser();
      const newEmail = uniqueEmail('late');
      await client.post('/me/email', { newEmail, password });
      const token = tokenIn(await t.mail.waitFor(newEmail, isConfirm), '/confirm-email');
      t.clock.advance(24 * 3600_000 + 1000);
      const r = await t.client().post('/me/email/confirm', { token });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'invalid_token');
    });
  });
}
