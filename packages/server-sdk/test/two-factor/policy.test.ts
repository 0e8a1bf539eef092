import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, enableTotp, otpauthCode, signInPending } from './helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`second-factor policy on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await createTestServer({ database: kind, config: { twoFactor: { requiredForRoles: ['admin'], emailEnabled: false } } });
    });
    after(() => t.close());

    it('tells members of a required role to set up a second factor, until they do', async () => {
      const plain = await t.signedInUser();
      assert.deepEqual((await plain.client.get('/me')).body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
      const { userId, email, password } = await t.signedInUser();
      await t.latch.storage.users.updateAdministrative(userId, { roles: ['admin'] }, t.clock.now());
      const admin = t.client();
      assert.equal((await admin.post('/sign-in', { email, password })).status, 200);
      const me = await admin.get('/me');
      assert.equal(me.body.twoFactor.setupRequired, true);
      await enableTotp(t, admin, password);
      assert.equal((await admin.get('/me')).body.twoFactor.setupRequired, undefined);
    });

    it('with email codes turned off: no email routes, and the email flag does not count', async () => {
      const { client, userId, email, password } = await t.signedInUser();
      assertProblem(await client.post('/me/two-factor/email/enable', { password }), 404, 'not_found');
      assertProblem(await client.post('/me/two-factor/email/code'), 404, 'not_found');
      await t.latch.storage.users.setEmailTwoFactor(userId, true, t.clock.now());
      const direct = await t.client().post('/sign-in', { email, password });
      assert.ok(direct.body.session, 'email alone is no second factor here');

      const { secret } = await enableTotp(t, client, password);
      const pending = await signInPending(t, email, password, ['totp', 'backup_code']);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'email', code: '123456' }), 422, 'validation_failed');
      assertProblem(await pending.post('/sign-in/two-factor/email'), 422, 'validation_failed');
      t.clock.advance(30_000);
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(secret, t.clock.now()) })).status, 200);
      assert.equal((await t.client().get('/config')).body.secondFactors.includes('email'), false);
    });
  });
}
