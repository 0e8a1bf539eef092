import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestResponse, type TestServer } from '@latch/server-sdk/testing';

/** What a client can observe of an answer, minus what differs per request anyway. */
function observable(r: TestResponse) {
  const body = typeof r.body === 'object' && r.body ? { ...r.body, instance: undefined } : r.body;
  const headers = [...r.headers.keys()].filter((k) => !['date', 'x-request-id', 'content-length'].includes(k)).sort();
  return { status: r.status, body, headers, cookies: r.setCookies.length };
}


for (const kind of testDatabaseKinds()) {
  describe(`enumeration-proof answers on ${kind}`, () => {
    let t: TestServer;
    let verified: { email: string; password: string };
    let unverified: string;
    let disabled: string;
    before(async () => {
      t = await createTestServer({ database: kind });
      verified = await t.signedInUser();
      unverified = uniqueEmail('unverified');
      assert.equal((await t.client().post('/sign-up', { email: unverified, password: strongPassword })).status, 201);
      disabled = uniqueEmail('disabled');
      const { user } = await t.latch.provisionUser({ email: disabled, password: strongPassword });
      await t.latch.storage.users.updateAdministrative(user.id, { disabledAt: new Date() }, new Date());
    });
    after(() => t.close());

    it('answers a wrong password the same for unknown, verified, unverified and disabled accounts', async () => {
      const wrong = 'definitely-the-wrong-password';
      const answers = [];
      for (const email of [uniqueEmail('nobody'), verified.email, unverified, disabled]) {
        answers.push(observable(await t.client().post('/sign-in', { email, password: wrong })));
      }
      for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);
      assert.equal(answers[0]!.status, 401);
    });

    it('spends password-hashing time on unknown emails too', async () => {
      // Counted, not timed: each sign-in runs exactly one argon2 computation, known email or not.
      const hasher = t.latch.services.hasher;
      const { verify, burn } = hasher;
      const work: string[] = [];
      hasher.verify = async (...args) => { work.push('verify'); return verify.apply(hasher, args); };
      hasher.burn = async (...args) => { work.push('burn'); return burn.apply(hasher, args); };
      try {
        await t.client().post('/sign-in', { email: verified.email, password: 'timing-wrong-password-1' });
        assert.deepEqual(work.splice(0), ['verify'], 'a known email verifies the stored hash');
        await t.client().post('/sign-in', { email: uniqueEmail('ghost'), password: 'timing-wrong-password-1' });
        assert.deepEqual(work.splice(0), ['burn'], 'an unknown email costs one hash of the same parameters');
      } finally {
        hasher.verify = verify;
        hasher.burn = burn;
      }
    });

    it('answers sign-up the same for a new, a registered, an unverified and a differently cased address', async () => {
      const answers = [];
      for (const email of [uniqueEmail('fresh'), verified.email, unverified, verified.email.toUpperCase(), disabled]) {
        const r = await t.client().post('/sign-up', { email, password: strongPassword, displayName: 'Same' });
        answers.push({ status: r.status, keys: Object.keys(r.body.user).sort(), verified: r.body.user.emailVerified, roles: r.body.user.roles, cookies: r.setCookies.length });
      }
      for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);
      const rows = await t.latch.database.knex('users').where({ email_normalized: verified.email.toLowerCase() });
      assert.equal(rows.length, 1, 'no second account');
    });

    it('answers forgot-password the same for unknown, verified, unverified and disabled accounts', async () => {
      const answers = [];
      for (const email of [uniqueEmail('nobody'), verified.email, unverified, disabled]) {
        answers.push(observable(await t.client().post('/password/forgot', { email })));
      }
      for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);
      assert.equal(answers[0]!.status, 202);
    });

    it('answers verification resend the same for every address', async () => {
      const answers = [];
      for (const email of [uniqueEmail('nobody'), verified.email, unverified, disabled]) {
        answers.push(observable(await t.client().post('/verify-email/resend', { email })));
      }
      for (const answer of answers.slice(1)) assert.deepEqual(answer, answers[0]);
      assert.equal(answers[0]!.status, 202);
    });

    it('answers malformed addresses with 422 whether or not anyone is registered', async () => {
      for (const email of ['"e@attacker.test"@victim.test', 'a@x.test,b@y.test', 'a@x.test\r\nBcc: z@y.test', 'a@x.test (comment)', 'no-at-sign']) {
        for (const path of ['/sign-in', '/password/forgot', '/sign-up', '/verify-email/resend']) {
          const r = await t.client().post(path, { email, password: strongPassword });
          assert.equal(r.status, 422, `${path} ${JSON.stringify(email)}`);
        }
      }
      assert.equal(t.mail.messages.filter((m) => m.to.some((a) => /attacker\.test|y\.test|x\.test/.test(a))).length, 0);
    });
  });
}
