import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem } from '../two-factor/helpers.js';

const roles = { support: { label: 'Support desk', permissions: ['tickets:read'] }, billing: { permissions: ['invoices:read'] } };

for (const kind of testDatabaseKinds()) {
  describe(`host platform roles in the administration API on ${kind}`, () => {
    let t: TestServer;
    let superAdmin: { client: TestClient; id: string };
    let admin: { client: TestClient; id: string };
    let manager: { client: TestClient; id: string };

    async function account(accountRoles: string[]) {
      const email = uniqueEmail(accountRoles[0] ?? 'member');
      const { user } = await t.latch.provisionUser({ email, password: strongPassword, roles: accountRoles, displayName: 'Someone' });
      const client = t.client();
      assert.equal((await client.post('/sign-in', { email, password: strongPassword })).status, 200);
      return { client, id: user.id };
    }

    before(async () => {
      t = await createTestServer({ database: kind, config: { roles } });
      superAdmin = await account(['super_admin']);
      admin = await account(['admin']);
      manager = await account(['manager']);
    });
    after(() => t.close());

    it('lets an admin grant a host role on creation and by a change, and remove it, with an audit trail', async () => {
      const created = await admin.client.post('/admin/users', { email: uniqueEmail('desk'), displayName: 'Desk', roles: ['support'] });
      assert.equal(created.status, 201, created.text);
      assert.deepEqual(created.body.user.roles, ['support']);
      const id = created.body.user.id as string;

      const listed = await admin.client.get('/admin/users?role=support&limit=100');
      assert.equal(listed.status, 200, listed.text);
      assert.ok(listed.body.items.some((u: { id: string }) => u.id === id), 'the role filter knows host roles');

      const both = await admin.client.patch(`/admin/users/${id}`, { roles: ['support', 'billing', 'viewer'] });
      assert.equal(both.status, 200, both.text);
      assert.deepEqual([...both.body.user.roles].sort(), ['billing', 'support', 'viewer']);
      const removed = await admin.client.patch(`/admin/users/${id}`, { roles: ['viewer'] });
      assert.equal(removed.status, 200, removed.text);
      assert.deepEqual(removed.body.user.roles, ['viewer']);

      const audit = await superAdmin.client.get(`/admin/audit?userId=${id}&type=admin.user_updated&limit=10`);
      const changes = audit.body.items.map((e: { actorId: string; detail: { roles: { from: string[]; to: string[] } } }) => [e.actorId, e.detail.roles.to.join()]);
      assert.deepEqual(changes, [[admin.id, 'viewer'], [admin.id, 'support,billing,viewer']]);
    });

    it('refuses an unknown role with 422 validation_failed: create, change, provisioning, and skips it in an import', async () => {
      assertProblem(await admin.client.post('/admin/users', { email: uniqueEmail(), displayName: 'X', roles: ['support', 'helpdesk'] }), 422, 'validation_failed');
      assertProblem(await admin.client.get('/admin/users?role=helpdesk'), 422, 'validation_failed');

      const target = await account([]);
      const refused = await admin.client.patch(`/admin/users/${target.id}`, { roles: ['helpdesk'] });
      assertProblem(refused, 422, 'validation_failed');
      assert.equal(refused.body.errors[0].field, 'roles');
      assert.match(refused.body.errors[0].message, /helpdesk.*super_admin, admin, manager, viewer, support, billing/);
      assertProblem(await admin.client.patch(`/admin/users/${target.id}`, { roles: ['Not A Role'] }), 422, 'validation_failed');
      assert.deepEqual((await admin.client.get(`/admin/users/${target.id}`)).body.user.roles, [], 'nothing changed');

      await assert.rejects(
        t.latch.provisionUser({ email: uniqueEmail(), password: strongPassword, roles: ['helpdesk'] }),
        (error: { code?: string }) => error.code === 'validation_failed',
      );
      const withHostRole = await t.latch.provisionUser({ email: uniqueEmail(), password: strongPassword, roles: ['billing'] });
      assert.deepEqual(withHostRole.user.roles, ['billing']);

      const ok = uniqueEmail('import-role');
      const off = uniqueEmail('import-role');
      const imported = await superAdmin.client.post('/admin/users/import', { users: [{ email: ok, roles: ['support'] }, { email: off, roles: ['helpdesk'] }] });
      assert.equal(imported.status, 200, imported.text);
      assert.equal(imported.body.created, 1);
      assert.deepEqual(imported.body.skipped.map((s: { email: string; reason: string }) => [s.email, s.reason]), [[off, 'invalid_roles']]);
      assert.match(imported.body.skipped[0].message, /support, billing/);
    });

    it('keeps a role no longer configured on an account, but never gives it anew', async () => {
      const target = await account([]);
      await t.latch.storage.users.updateAdministrative(target.id, { roles: ['retired'] }, new Date());
      const kept = await admin.client.patch(`/admin/users/${target.id}`, { roles: ['retired', 'support'] });
      assert.equal(kept.status, 200, kept.text);
      assert.deepEqual(kept.body.user.roles, ['retired', 'support']);
      const other = await account([]);
      assertProblem(await admin.client.patch(`/admin/users/${other.id}`, { roles: ['retired'] }), 422, 'validation_failed');
      const dropped = await admin.client.patch(`/admin/users/${target.id}`, { roles: [] });
      assert.deepEqual(dropped.body.user.roles, []);
    });

    it('gives a host role no access to the administration routes, and readers no way to grant one', async () => {
      const desk = await account(['support', 'billing']);
      const someId = admin.id;
      const routes: Array<[string, string, unknown?]> = [
        ['GET', '/admin/users'],
        ['GET', `/admin/users/${someId}`],
        ['GET', `/admin/users/${someId}/activity`],
        ['GET', '/admin/audit'],
        ['POST', '/admin/users', { email: uniqueEmail(), displayName: 'X', roles: [] }],
        ['PATCH', `/admin/users/${someId}`, { displayName: 'X' }],
        ['POST', `/admin/users/${someId}/password-reset`, {}],
        ['DELETE', `/admin/users/${someId}/sessions`],
        ['POST', '/admin/users/import', { users: [{ email: uniqueEmail() }] }],
      ];
      for (const [method, path, body] of routes) {
        const r = await desk.client.request(method, path, { body });
        assert.equal(r.status, 403, `${method} ${path}: ${r.text}`);
        assert.equal(r.body.code, 'forbidden');
      }

      const target = await account([]);
      assertProblem(await manager.client.patch(`/admin/users/${target.id}`, { roles: ['support'] }), 403, 'forbidden');
      assertProblem(await manager.client.post('/admin/users', { email: uniqueEmail(), displayName: 'X', roles: ['support'] }), 403, 'forbidden');
      // An admin manages an account holding host roles only, as any account below admin.
      assert.equal((await admin.client.patch(`/admin/users/${desk.id}`, { disabled: true })).status, 200);
    });
  });
}
