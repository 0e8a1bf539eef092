import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { bearer, createApiKey, signedInWithRoles } from '../keys/helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`disabling an account on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('SE-14 AK-7: revokes the API keys for good: enabling the account again brings none back', async () => {
      const { client, userId, email, password } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read'] });
      assert.equal((await t.client().get('/me', bearer(secret))).status, 200, 'the key works');

      const admin = await signedInWithRoles(t, ['super_admin']);
      const disabled = await admin.client.patch(`/admin/users/${userId}`, { disabled: true });
      assert.equal(disabled.status, 200, disabled.text);
      assert.equal((await t.client().get('/me', bearer(secret))).status, 401, 'refused while disabled');
      assert.equal((await admin.client.patch(`/admin/users/${userId}`, { disabled: false })).status, 200);

      assert.equal((await t.client().get('/me', bearer(secret))).status, 401, 'still refused once enabled again');
      const again = t.client();
      assert.equal((await again.post('/sign-in', { email, password })).status, 200);
      assert.deepEqual((await again.get('/me/api-keys')).body.items, [], 'the key is gone, not paused');
      const audit = await admin.client.get(`/admin/audit?userId=${userId}&type=admin.user_updated`);
      assert.ok(audit.body.items.some((e: any) => e.detail?.apiKeysRevoked === 1), JSON.stringify(audit.body.items));
    });
  });
}
