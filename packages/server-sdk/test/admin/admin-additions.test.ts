import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnyLatchEvent } from '@latch/server-sdk';
import {
  createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestClient, type TestServer,
} from '@latch/server-sdk/testing';
import { passkeyStoreKey } from '../../src/two-factor/storage/knex-passkey-store.js';
import { assertProblem, enableEmail, enableTotp, mailAfter, signInPending } from '../two-factor/helpers.js';

/** Older than the 5-minute reauthentication window. */
const staleSessionMs = 6 * 60_000;

for (const kind of testDatabaseKinds()) {
  describe(`administration additions on ${kind}`, () => {
    let t: TestServer;
    let superAdmin: { client: TestClient; id: string; email: string };
    let admin: { client: TestClient; id: string; email: string };
    let viewer: { client: TestClient; id: string; email: string };
    const heard: AnyLatchEvent[] = [];

    /** An account made by provisioning (as the CLI does), signed in through HTTP. */
    async function account(roles: string[], displayName = 'Someone') {
      const email = uniqueEmail(roles[0] ?? 'member');
      const { user } = await t.latch.provisionUser({ email, password: strongPassword, roles, displayName });
      const client = t.client();
      const signIn = await client.post('/sign-in', { email, password: strongPassword });
      assert.equal(signIn.status, 200, signIn.text);
      return { client, id: user.id, email };
    }

    /** Signs `who` in again so its session is fresh (the clock moves in some tests). */
    async function fresh(who: { client: TestClient; email: string }) {
      assert.equal((await who.client.post('/sign-in', { email: who.email, password: strongPassword })).status, 200);
    }

    before(async () => {
      t = await createTestServer({ database: kind });
      t.latch.events.on('*', (event) => { heard.push(event); });
      superAdmin = await account(['super_admin'], 'Root');
      admin = await account(['admin'], 'Ada Admin');
      viewer = await account(['viewer'], 'Vic Viewer');
    });
    after(() => t.close());

    it('lets a viewer read users, details, activity, audit and API keys, and refuses every write with 403', async () => {
      const target = await t.signedInUser();
      for (const path of ['/admin/users', `/admin/users/${target.userId}`, `/admin/users/${target.userId}/activity`, '/admin/audit', `/admin/users/${target.userId}/api-keys`]) {
        const r = await viewer.client.get(path);
        assert.equal(r.status, 200, `${path}: ${r.text}`);
      }
      const someKey = '00000000-0000-4000-8000-000000000000';
      const writes: Array<[string, string, unknown?]> = [
        ['POST', '/admin/users', { email: uniqueEmail(), displayName: 'X', roles: [] }],
        ['PATCH', `/admin/users/${target.userId}`, { disabled: true }],
        ['PATCH', `/admin/users/${target.userId}`, { phoneNumber: '+442079460958', password: strongPassword }],
        ['POST', `/admin/users/${target.userId}/password-reset`, {}],
        ['DELETE', `/admin/users/${target.userId}/sessions`],
        ['DELETE', `/admin/users/${target.userId}/two-factor`, { password: strongPassword }],
        ['DELETE', `/admin/users/${target.userId}/api-keys/${someKey}`],
        ['POST', '/admin/users/import', { users: [{ email: uniqueEmail() }] }],
      ];
      for (const [method, path, body] of writes) {
        const r = await viewer.client.request(method, path, { body });
        assertProblem(r, 403, 'forbidden');
      }
      const me = await target.client.get('/me');
      assert.equal(me.status, 200, 'the target was not touched');
      assert.equal(me.body.user.phoneNumber, null);
    });

    it('lets an admin grant only manager and viewer, and manage viewers; a super_admin grants every role', async () => {
      const created = await admin.client.post('/admin/users', { email: uniqueEmail('new-viewer'), displayName: 'New Viewer', roles: ['viewer'] });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual(created.body.user.roles, ['viewer']);
      const member = await t.signedInUser();
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { roles: ['viewer', 'manager'] })).status, 200);
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { roles: ['viewer'] })).status, 200);
      assertProblem(await admin.client.patch(`/admin/users/${member.userId}`, { roles: ['viewer', 'admin'] }), 403, 'forbidden');
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { displayName: 'Managed Viewer' })).status, 200, 'a viewer is below admin');
      assertProblem(await viewer.client.patch(`/admin/users/${member.userId}`, { roles: [] }), 403, 'forbidden');
      assert.equal((await superAdmin.client.patch(`/admin/users/${member.userId}`, { roles: ['admin'] })).status, 200);
      assert.equal((await member.client.get('/admin/users')).status, 200, 'the promoted viewer reads at once');
      assert.equal((await superAdmin.client.patch(`/admin/users/${member.userId}`, { roles: [] })).status, 200);
      assertProblem(await member.client.get('/admin/users'), 403, 'forbidden');
      assertProblem(await admin.client.get('/admin/users?role=owner'), 422, 'validation_failed');
      const viewers = await admin.client.get('/admin/users?role=viewer&limit=100');
      assert.ok(viewers.body.items.some((u: { id: string }) => u.id === viewer.id), 'the list filters by viewer');
    });

    it('answers GET /admin/users/:id with the user, second factors, session and key counts and organizations', async () => {
      const member = await t.signedInUser({ displayName: 'Detailed Person' });
      const second = t.client();
      assert.equal((await second.post('/sign-in', { email: member.email, password: member.password })).status, 200);
      assert.equal((await member.client.post('/me/api-keys', { name: 'ci', scopes: ['read'], password: member.password })).status, 201);
      await enableTotp(t, member.client, member.password);

      const detail = await viewer.client.get(`/admin/users/${member.userId}`);
      assert.equal(detail.status, 200, detail.text);
      assert.deepEqual(Object.keys(detail.body).sort(), ['apiKeys', 'organizations', 'sessions', 'twoFactor', 'user']);
      assert.equal(detail.body.user.id, member.userId);
      assert.equal(detail.body.user.email, member.email);
      assert.equal(detail.body.user.phoneNumber, null);
      assert.equal(detail.body.user.disabled, false);
      assert.deepEqual(detail.body.twoFactor, { totp: true, email: false, passkeys: 0, backupCodesRemaining: 10 });
      assert.equal(detail.body.sessions, 2);
      assert.equal(detail.body.apiKeys, 1);
      assert.ok(Array.isArray(detail.body.organizations));

      assert.equal((await admin.client.delete(`/admin/users/${member.userId}/sessions`)).status, 204);
      assert.equal((await viewer.client.get(`/admin/users/${member.userId}`)).body.sessions, 0, 'the count follows revocations');
      assertProblem(await viewer.client.get('/admin/users/00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    });

    it('lists one account\'s audit events, newest first, with a cursor', async () => {
      const member = await t.signedInUser();
      await admin.client.patch(`/admin/users/${member.userId}`, { kind: 'employee' });
      await admin.client.post(`/admin/users/${member.userId}/password-reset`, {});
      const other = await t.signedInUser();
      await admin.client.patch(`/admin/users/${other.userId}`, { kind: 'employee' });

      const all = await viewer.client.get(`/admin/users/${member.userId}/activity?limit=100`);
      assert.equal(all.status, 200, all.text);
      const types = all.body.items.map((e: { type: string }) => e.type);
      assert.deepEqual(types.slice(0, 2), ['admin.password_reset_sent', 'admin.user_updated']);
      assert.ok(types.includes('user.signed_up'));
      for (const event of all.body.items) assert.equal(event.userId, member.userId, 'only this account\'s events');
      assert.equal(all.body.items[0].actorId, admin.id);
      assert.deepEqual(Object.keys(all.body.items[0]).sort(), ['actorId', 'at', 'detail', 'id', 'ip', 'type', 'userAgent', 'userId']);

      const first = await viewer.client.get(`/admin/users/${member.userId}/activity?limit=1`);
      assert.equal(first.body.items.length, 1);
      assert.ok(first.body.nextCursor);
      const rest = await viewer.client.get(`/admin/users/${member.userId}/activity?limit=100&cursor=${first.body.nextCursor}`);
      assert.deepEqual([...first.body.items, ...rest.body.items].map((e: { id: string }) => e.id), all.body.items.map((e: { id: string }) => e.id));
      assertProblem(await viewer.client.get('/admin/users/00000000-0000-4000-8000-000000000000/activity'), 404, 'not_found');
      assertProblem(await viewer.client.get(`/admin/users/${member.userId}/activity?limit=0`), 422, 'validation_failed');
    });

    it('removes every second factor only with the administrator\'s reauthentication; sign-in then asks for none', async () => {
      const member = await t.signedInUser({ displayName: 'Locked Out' });
      await enableTotp(t, member.client, member.password);
      await enableEmail(member.client, member.password);
      await t.latch.storage.store(passkeyStoreKey).insertPasskey({
        userId: member.userId, credentialId: `cred-${member.userId}`, publicKey: 'pQECAyYgASFYIA', counter: 0, transports: ['internal'],
        deviceType: 'singleDevice', backedUp: false, aaguid: null, name: 'Lost phone', createdAt: t.clock.now(),
      });
      const before = (await admin.client.get(`/admin/users/${member.userId}`)).body.twoFactor;
      assert.deepEqual(before, { totp: true, email: true, passkeys: 1, backupCodesRemaining: 10 });
      await signInPending(t, member.email, member.password);

      t.clock.advance(staleSessionMs);
      assertProblem(await admin.client.delete(`/admin/users/${member.userId}/two-factor`), 403, 'reauthentication_required');
      assertProblem(await admin.client.delete(`/admin/users/${member.userId}/two-factor`, { body: { password: 'not-the-password-1' } }), 403, 'reauthentication_required');
      assert.deepEqual((await admin.client.get(`/admin/users/${member.userId}`)).body.twoFactor, before, 'nothing removed without proof');

      const mark = t.mail.messages.length;
      const events = heard.length;
      const removed = await admin.client.delete(`/admin/users/${member.userId}/two-factor`, { body: { password: strongPassword } });
      assert.equal(removed.status, 204, removed.text);
      assert.deepEqual((await admin.client.get(`/admin/users/${member.userId}`)).body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
      assert.deepEqual((await member.client.get('/me')).body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 }, 'the owner\'s cached summary is dropped');
      assert.deepEqual(await t.latch.storage.store(passkeyStoreKey).listPasskeys(member.userId), []);

      const signIn = await t.client().post('/sign-in', { email: member.email, password: member.password });
      assert.equal(signIn.status, 200, signIn.text);
      assert.equal(signIn.body.twoFactorRequired, undefined, 'no second step any more');
      assert.equal(signIn.body.user.id, member.userId);

      const notice = await mailAfter(t, member.email, mark, (m) => /Two-step verification was turned off/.test(m.subject));
      assert.match(notice.text, /Ada Admin removed every second factor/);
      const audit = await admin.client.get(`/admin/audit?userId=${member.userId}&type=admin.two_factor_removed`);
      assert.equal(audit.body.items.length, 1);
      assert.equal(audit.body.items[0].actorId, admin.id);
      const { requestId: _requestId, ...detail } = audit.body.items[0].detail;
      assert.deepEqual(detail, { actorId: admin.id, totp: true, email: true, passkeys: 1, backupCodes: 10 });
      const changed = heard.slice(events).filter((e) => e.type === 'two_factor.changed').map((e) => e.data);
      assert.deepEqual(changed, [
        { userId: member.userId, method: 'totp', change: 'disabled' },
        { userId: member.userId, method: 'email', change: 'disabled' },
        { userId: member.userId, method: 'passkey', change: 'removed' },
        { userId: member.userId, method: 'backup_codes', change: 'removed' },
      ]);
      // The administrator's proof renewed its window: the next removal (nothing left) needs none.
      assert.equal((await admin.client.delete(`/admin/users/${member.userId}/two-factor`)).status, 204);
    });

    it('refuses to remove the second factors of an account the admin may not manage', async () => {
      await fresh(admin);
      const other = await account(['admin']);
      await enableTotp(t, other.client, strongPassword);
      assertProblem(await admin.client.delete(`/admin/users/${other.id}/two-factor`, { body: { password: strongPassword } }), 403, 'forbidden');
      assertProblem(await admin.client.delete(`/admin/users/${superAdmin.id}/two-factor`, { body: { password: strongPassword } }), 403, 'forbidden');
      assert.equal((await superAdmin.client.get(`/admin/users/${other.id}`)).body.twoFactor.totp, true, 'left in place');
      assertProblem(await admin.client.delete('/admin/users/00000000-0000-4000-8000-000000000000/two-factor', { body: { password: strongPassword } }), 404, 'not_found');
    });

    it('lists an account\'s API keys without secrets, and a revoked key fails from the next request on', async () => {
      await fresh(admin);
      const member = await t.signedInUser();
      const created = await member.client.post('/me/api-keys', { name: 'deploy', scopes: ['read'], password: member.password });
      assert.equal(created.status, 201, created.text);
      const { secret, apiKey } = created.body;
      const bearer = { authorization: `Bearer ${secret}` };
      assert.equal((await t.client().get('/me', { headers: bearer })).status, 200, 'the key works (and is now cached)');

      const list = await viewer.client.get(`/admin/users/${member.userId}/api-keys`);
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(list.body.items.map((k: { id: string }) => k.id), [apiKey.id]);
      assert.ok(!list.text.includes(secret), 'the secret is never shown');
      assert.ok(!('secret' in list.body.items[0]) && !('keyHash' in list.body.items[0]));
      assert.equal(list.body.items[0].name, 'deploy');

      const events = heard.length;
      const mark = t.mail.messages.length;
      assertProblem(await admin.client.delete(`/admin/users/${admin.id}/api-keys/${apiKey.id}`), 404, 'not_found');
      assert.equal((await admin.client.delete(`/admin/users/${member.userId}/api-keys/${apiKey.id}`)).status, 204);
      assert.equal((await t.client().get('/me', { headers: bearer })).status, 401, 'refused at once, cache and all');
      assert.deepEqual((await viewer.client.get(`/admin/users/${member.userId}/api-keys`)).body.items, []);
      assertProblem(await admin.client.delete(`/admin/users/${member.userId}/api-keys/${apiKey.id}`), 404, 'not_found');

      const audit = await admin.client.get(`/admin/audit?userId=${member.userId}&type=admin.api_key_revoked`);
      assert.equal(audit.body.items.length, 1);
      assert.equal(audit.body.items[0].actorId, admin.id);
      assert.equal(audit.body.items[0].detail.apiKeyId, apiKey.id);
      assert.deepEqual(heard.slice(events).filter((e) => e.type === 'api_key.revoked').map((e) => e.data), [{ userId: member.userId, apiKeyId: apiKey.id, reason: 'revoked' }]);
      const notice = await mailAfter(t, member.email, mark, (m) => /API key was revoked/.test(m.subject));
      assert.match(notice.text, /Ada Admin revoked the API key named "deploy"/);
    });

    it('refuses to revoke the keys of an account the admin may not manage', async () => {
      const other = await account(['admin']);
      const created = await other.client.post('/me/api-keys', { name: 'mine', scopes: ['read'], password: strongPassword });
      assert.equal(created.status, 201, created.text);
      assertProblem(await admin.client.delete(`/admin/users/${other.id}/api-keys/${created.body.apiKey.id}`), 403, 'forbidden');
      assert.equal((await t.client().get('/me', { headers: { authorization: `Bearer ${created.body.secret}` } })).status, 200);
      assertProblem(await admin.client.get('/admin/users/00000000-0000-4000-8000-000000000000/api-keys'), 404, 'not_found');
    });
  });
}
