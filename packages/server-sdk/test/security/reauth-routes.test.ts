import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { generateKeyPairSync } from 'node:crypto';
import { assertProblem } from '../two-factor/helpers.js';

/** A fresh Ed25519 public key line in OpenSSH format. */
function sshPublicKey(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const part = (b: Buffer) => { const n = Buffer.alloc(4); n.writeUInt32BE(b.length); return Buffer.concat([n, b]); };
  return `ssh-ed25519 ${Buffer.concat([part(Buffer.from('ssh-ed25519')), part(raw)]).toString('base64')} test@latch`;
}

const staleSessionMs = 6 * 60_000;

for (const kind of testDatabaseKinds()) {
  describe(`re-authentication of sensitive routes on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('AU-9: adding an SSH key needs a fresh sign-in or the password', async () => {
      const { client, password } = await t.signedInUser();
      t.clock.advance(staleSessionMs);
      const key = sshPublicKey();
      assertProblem(await client.post('/me/ssh-keys', { name: 'laptop', publicKey: key }), 403, 'reauthentication_required');
      assertProblem(await client.post('/me/ssh-keys', { name: 'laptop', publicKey: key, password: 'not-the-password-1' }), 403, 'reauthentication_required');
      assert.deepEqual((await client.get('/me/ssh-keys')).body.items, [], 'nothing stored without proof');
      const added = await client.post('/me/ssh-keys', { name: 'laptop', publicKey: key, password });
      assert.equal(added.status, 201, added.text);
      // The proof renews the window: the next key needs none.
      assert.equal((await client.post('/me/ssh-keys', { name: 'desktop', publicKey: sshPublicKey() })).status, 201);
    });

    it('AU-9: signing out every other session needs a fresh sign-in or the password', async () => {
      const { client, email, password } = await t.signedInUser();
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email, password })).status, 200);
      t.clock.advance(staleSessionMs);
      assertProblem(await client.delete('/me/sessions'), 403, 'reauthentication_required');
      assert.equal((await other.get('/me')).status, 200, 'the other session is untouched');
      assert.equal((await client.delete('/me/sessions', { body: { password } })).status, 204);
      assert.equal((await other.get('/me')).status, 401);
      assert.equal((await client.get('/me')).status, 200, 'the current session stays');
    });

    it('AU-9: every state-changing route has its reauth decision in docs/security.md, and "yes" exactly where the route demands it', () => {
      const doc = readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');
      const table = new Map<string, string>();
      for (const match of doc.matchAll(/^\| ((?:POST|PATCH|PUT|DELETE) \/\S*) \| ([^|]+) \|/gm)) table.set(match[1]!, match[2]!.trim());
      const writes = t.latch.handler.routes.filter((r) => r.method !== 'GET');
      const routes = writes.map((r) => `${r.method} ${r.path}`);
      // The route definitions decide: the table says "yes" for each route with `reauth: true` and
      // for no other, so a new sensitive route cannot go undocumented or be documented wrongly.
      const demanded = writes.filter((r) => r.reauth === true).map((r) => `${r.method} ${r.path}`);
      const documented = [...table].filter(([, decision]) => /^\*\*yes\*\*/.test(decision)).map(([route]) => route);
      assert.deepEqual({
        'routes without a row': routes.filter((r) => !table.has(r)),
        'rows for routes that do not exist': [...table.keys()].filter((r) => !routes.includes(r)),
        'reauth routes not marked **yes**': demanded.filter((r) => table.has(r) && !documented.includes(r)),
        'rows marked **yes** for routes without reauth': documented.filter((r) => routes.includes(r) && !demanded.includes(r)),
      }, {
        'routes without a row': [],
        'rows for routes that do not exist': [],
        'reauth routes not marked **yes**': [],
        'rows marked **yes** for routes without reauth': [],
      });

      for (const route of ['POST /me/ssh-keys', 'DELETE /me/sessions', 'POST /me/api-keys', 'POST /me/email', 'POST /me/secure-account']) {
        assert.ok(demanded.includes(route), `${route} demands reauthentication`);
      }
      assert.ok(!demanded.includes('POST /admin/users/import'), 'the import is guarded by the super_admin role, not by reauthentication');
    });
  });
}
