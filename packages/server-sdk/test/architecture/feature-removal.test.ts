import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultFeatures } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const sshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@latch';

for (const kind of testDatabaseKinds()) {
  describe(`Latch without the SSH-keys feature on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await createTestServer({ database: kind, config: { features: defaultFeatures().filter((f) => f.name !== 'ssh-keys') } });
    });
    after(() => t.close());

    it('answers 404 on its routes, for a signed-in user too', async () => {
      const { client, userId } = await t.signedInUser();
      for (const [method, path] of [['GET', '/me/ssh-keys'], ['POST', '/me/ssh-keys'], ['DELETE', '/me/ssh-keys/00000000-0000-4000-8000-000000000000'], ['GET', `/users/${userId}/authorized_keys`]] as const) {
        const res = await client.request(method, path, method === 'POST' ? { body: { name: 'laptop', publicKey: sshPublicKey } } : {});
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.body.code, 'not_found');
      }
      // The rest of the keys stay: API keys still work.
      const created = await client.post('/me/api-keys', { name: 'script', scopes: ['read'] });
      assert.equal(created.status, 201, created.text);
    });

    it('leaves its paths out of the OpenAPI document and says so in GET /config', async () => {
      const paths = Object.keys((await t.client().get('/openapi.json')).body.paths);
      assert.ok(paths.includes('/me/api-keys'), 'the document is the real one');
      assert.deepEqual(paths.filter((p) => p.includes('ssh-keys') || p.includes('authorized_keys')), []);
      const config = (await t.client().get('/config')).body;
      assert.ok(Array.isArray(config.features) && config.features.includes('api-keys'), JSON.stringify(config.features));
      assert.ok(!config.features.includes('ssh-keys'));
    });

    it('does not create its table', async () => {
      assert.equal(await t.latch.database.knex.schema.hasTable('ssh_keys'), false);
      assert.equal(await t.latch.database.knex.schema.hasTable('api_keys'), true, 'the check can see tables');
    });

    it('says clearly that the feature is not installed when host code asks for it', async () => {
      assert.throws(() => t.latch.keys.sshKeys, /ssh-keys feature is not installed/);
      await assert.rejects(t.latch.authorizedKeys('nobody@example.com'), /ssh-keys feature is not installed/);
    });
  });

  describe(`Latch without second factors on ${kind}`, () => {
    let t: TestServer;
    before(async () => {
      t = await createTestServer({ database: kind, config: { features: defaultFeatures().filter((f) => f.name !== 'two-factor') } });
    });
    after(() => t.close());

    it('signs in with the password alone, reports no factors and serves none of their routes', async () => {
      const email = uniqueEmail('plain');
      await t.latch.provisionUser({ email, password: strongPassword });
      const client = t.client();
      const signIn = await client.post('/sign-in', { email, password: strongPassword });
      assert.equal(signIn.status, 200, signIn.text);
      assert.ok(signIn.body.session?.id, 'a session, not a challenge');
      const me = await client.get('/me');
      assert.deepEqual(me.body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
      assert.equal((await client.post('/me/two-factor/totp/setup', { password: strongPassword })).status, 404);
      assert.deepEqual((await t.client().get('/config')).body.secondFactors, []);
      assert.equal(await t.latch.database.knex.schema.hasTable('two_factor_challenges'), false);
    });
  });
}
