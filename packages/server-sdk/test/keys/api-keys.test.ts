import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { bearer, createApiKey, mintToken, signedInWithRoles } from './helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`API keys on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind, config: { apiKeys: { scopes: ['read', 'write', 'ssh:read', 'admin:users'] } } }); });
    after(() => t.close());

    it('shows the secret once, stores only its SHA-256 and mails a notice', async () => {
      const { client, email, userId } = await t.signedInUser();
      const created = await client.post('/me/api-keys', { name: 'deploy script', scopes: ['read'], expiresInDays: 30 });
      assert.equal(created.status, 201, created.text);
      const { secret, apiKey } = created.body;
      assert.match(secret, /^latch_[A-Za-z0-9_-]{43}$/, 'latch_ prefix and 256 random bits');
      assert.equal(Buffer.from(secret.slice(6), 'base64url').length, 32);
      assert.ok(secret.startsWith(apiKey.prefix) && apiKey.prefix.length < 16, 'the display prefix is a short start of the key');
      assert.deepEqual(apiKey.scopes, ['read']);
      assert.equal(apiKey.name, 'deploy script');
      assert.ok(apiKey.expiresAt);

      const listed = await client.get('/me/api-keys');
      assert.equal(listed.status, 200);
      assert.equal(listed.body.items.length, 1);
      assert.ok(!listed.text.includes(secret.slice(12)), 'the listing never carries the secret');
      assert.equal(listed.body.items[0].secret, undefined);

      const rows = await t.latch.database.knex('api_keys').where({ user_id: userId });
      assert.equal(rows.length, 1);
      assert.equal(rows[0].key_hash, createHash('sha256').update(secret).digest('base64url'));
      assert.ok(!JSON.stringify(rows).includes(secret.slice(12)), 'no plaintext key at rest');
      const audit = await t.latch.database.knex('audit_events').where({ user_id: userId, type: 'api_key.created' });
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(secret.slice(12)), 'no secret in the audit trail');

      const notice = await t.mail.waitFor(email, (m) => /API key/.test(m.subject));
      assert.match(notice.text, /deploy script/);
      assert.ok(!notice.text.includes(secret.slice(12)), 'the notice does not carry the secret');

      const me = await t.client().get('/me', bearer(secret));
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, email);
    });

    it('refuses unknown scopes and scopes above the user’s rights, and enforces scopes on routes', async () => {
      const { client } = await t.signedInUser();
      const unknown = await client.post('/me/api-keys', { name: 'x', scopes: ['read', 'root'] });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.code, 'invalid_scope');
      const above = await client.post('/me/api-keys', { name: 'x', scopes: ['admin:users'] });
      assert.equal(above.status, 422);
      assert.equal(above.body.code, 'invalid_scope');
      const admin = await signedInWithRoles(t, ['admin']);
      await createApiKey(admin.client, { scopes: ['admin:users'] });

      const writeOnly = await createApiKey(client, { scopes: ['write'] });
      const me = await t.client().get('/me', bearer(writeOnly.secret));
      assert.equal(me.status, 403, 'GET /me needs the read scope');
      assert.equal(me.body.code, 'forbidden');
      const token = await mintToken(client, ['write']);
      assert.equal((await t.client().get('/me', bearer(token))).status, 403, 'scopes bind access tokens too');
      assert.equal((await client.post('/token', { scopes: ['admin:users'] })).body.code, 'invalid_scope');
    });

    it('cannot manage credentials with an API key or an access token', async () => {
      const { client, password, userId } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read', 'write', 'ssh:read'] });
      const token = await mintToken(client);
      for (const credential of [secret, token]) {
        const api = t.client();
        const attempts = [
          await api.post('/me/api-keys', { name: 'more', scopes: ['read'], password }, bearer(credential)),
          await api.get('/me/api-keys', bearer(credential)),
          await api.delete(`/me/api-keys/${userId}`, bearer(credential)),
          await api.post('/me/ssh-keys', { name: 'k', publicKey: 'ssh-ed25519 AAAA' }, bearer(credential)),
          await api.post('/me/password', { currentPassword: password, newPassword: 'another-strong-passphrase-9' }, bearer(credential)),
          await api.post('/me/email', { newEmail: 'new@example.com', password }, bearer(credential)),
          await api.delete('/me/sessions', bearer(credential)),
          await api.post('/token', undefined, bearer(credential)),
        ];
        for (const res of attempts) {
          assert.equal(res.status, 403, `${res.status} ${res.text}`);
          assert.equal(res.body.code, 'forbidden');
        }
      }
      assert.equal((await t.latch.database.knex('api_keys').where({ user_id: userId })).length, 1);
    });

    it('ignores a userId in the body: a key always belongs to the caller', async () => {
      const a = await t.signedInUser();
      const b = await t.signedInUser();
      const res = await a.client.post('/me/api-keys', { name: 'x', scopes: ['read'], userId: b.userId });
      assert.equal(res.status, 201);
      const row = await t.latch.database.knex('api_keys').where({ id: res.body.apiKey.id }).first();
      assert.equal(row.user_id, a.userId);
      assert.equal((await t.client().post('/me/api-keys', { name: 'x', scopes: ['read'], userId: a.userId })).status, 401);
    });

    it('needs a recent sign-in or the password to create a key', async () => {
      const { client, password } = await t.signedInUser();
      t.clock.advance(6 * 60_000);
      try {
        const stale = await client.post('/me/api-keys', { name: 'x', scopes: ['read'] });
        assert.equal(stale.status, 403);
        assert.equal(stale.body.code, 'reauthentication_required');
        const wrong = await client.post('/me/api-keys', { name: 'x', scopes: ['read'], password: 'wrong-password-entirely' });
        assert.equal(wrong.body.code, 'reauthentication_required');
        assert.equal((await client.post('/me/api-keys', { name: 'x', scopes: ['read'], password })).status, 201);
      } finally {
        t.clock.advance(-6 * 60_000);
      }
    });

    it('allows exactly three keys when ten are created at once', async () => {
      const { client, userId } = await t.signedInUser();
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => client.post('/me/api-keys', { name: `k${i}`, scopes: ['read'] })));
      assert.equal(results.filter((r) => r.status === 201).length, 3, results.map((r) => r.status).join(','));
      const refused = results.filter((r) => r.status !== 201);
      assert.ok(refused.every((r) => r.status === 409 && r.body.code === 'limit_reached'));
      assert.equal((await t.latch.database.knex('api_keys').where({ user_id: userId })).length, 3);
    });

    it('revokes a key for the next request, and only its owner can', async () => {
      const a = await t.signedInUser();
      const b = await t.signedInUser();
      const { secret, id } = await createApiKey(a.client, { scopes: ['read'] });
      const api = t.client();
      assert.equal((await api.get('/me', bearer(secret))).status, 200);
      assert.equal((await b.client.delete(`/me/api-keys/${id}`)).status, 404, "another user's key is not found");
      assert.equal((await api.get('/me', bearer(secret))).status, 200);
      assert.equal((await a.client.delete(`/me/api-keys/${id}`)).status, 204);
      const after = await api.get('/me', bearer(secret));
      assert.equal(after.status, 401);
      assert.equal(after.body.code, 'unauthenticated');
      assert.equal((await a.client.delete(`/me/api-keys/${id}`)).status, 404);
    });

    it('stops accepting a key when it expires', async () => {
      const { client } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read'], expiresInDays: 1 });
      assert.equal((await t.client().get('/me', bearer(secret))).status, 200);
      t.clock.advance(86_400_000 + 1000);
      try {
        assert.equal((await t.client().get('/me', bearer(secret))).status, 401);
        const listed = await client.get('/me/api-keys');
        assert.equal(listed.body.items[0].expired, true, 'the owner sees it as expired');
      } finally {
        t.clock.advance(-(86_400_000 + 1000));
      }
    });

    it('records last use, address and count without a write per request', async () => {
      const { client, userId } = await t.signedInUser();
      const { secret, id } = await createApiKey(client, { scopes: ['read'] });
      const writes: string[] = [];
      const onQuery = (q: { sql: string }) => { if (/^\s*(update|insert|delete)/i.test(q.sql)) writes.push(q.sql); };
      t.latch.database.knex.on('query', onQuery);
      try {
        for (let i = 0; i < 5; i++) assert.equal((await t.client().get('/me', bearer(secret))).status, 200);
      } finally {
        t.latch.database.knex.off('query', onQuery);
      }
      assert.deepEqual(writes.filter((sql) => /api_keys/.test(sql)), [], 'no api_keys write while serving requests');
      const stored = await t.latch.database.knex('api_keys').where({ id }).first();
      assert.equal(Number(stored.use_count), 0, 'usage is buffered in memory');
      const listed = await client.get('/me/api-keys');
      assert.equal(listed.body.items[0].usageCount, 5, 'the owner sees buffered usage at once');
      assert.equal(listed.body.items[0].lastUsedIp, '127.0.0.1');
      await t.latch.keys.flushUsage();
      const flushed = await t.latch.database.knex('api_keys').where({ id, user_id: userId }).first();
      assert.equal(Number(flushed.use_count), 5);
      assert.equal(flushed.last_used_ip, '127.0.0.1');
      assert.ok(flushed.last_used_at);
    });

    it('accepts keys only in the Authorization header', async () => {
      const { client } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read'] });
      assert.equal((await t.client().get(`/me?api_key=${secret}`)).status, 401);
      assert.equal((await t.client().get('/me', { headers: { authorization: `Basic ${secret}` } })).status, 401);
    });
  });

  describe(`API key lookups are rate limited on ${kind}`, () => {
    let t: TestServer;
    const logged: string[] = [];
    const record = (fields: Record<string, unknown>, message?: string) => { logged.push(JSON.stringify({ ...fields, message })); };
    before(async () => {
      t = await createTestServer({
        database: kind,
        config: { rateLimit: { apiKeyFailuresPerIp: { limit: 5, windowSeconds: 300 } }, logger: { debug: record, info: record, warn: record, error: record } },
      });
    });
    after(() => t.close());

    it('answers 429 after the limit of failed lookups, and logs nothing of the keys', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await t.client().get('/me', bearer(`latch_${'A'.repeat(42)}${i}`));
        statuses.push(res.status);
        if (res.status === 429) assert.ok(Number(res.headers.get('retry-after')) > 0);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
      assert.ok(logged.some((line) => line.includes('api_key.rejected')), 'refused keys are logged');
      assert.ok(!logged.some((line) => line.includes('AAAAAAAA')), 'but never the key');
      const { client } = await t.signedInUser({ password: strongPassword });
      const { secret } = await createApiKey(client, { scopes: ['read'] });
      assert.equal((await t.client().get('/me', bearer(secret))).status, 429, 'the address is paused, even for a good key');
      t.clock.advance(301_000);
      assert.equal((await t.client().get('/me', bearer(secret))).status, 200);
    });
  });
}
