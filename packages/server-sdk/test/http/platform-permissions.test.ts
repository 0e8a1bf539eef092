import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requireAuth } from '@latch/server-sdk/node';
import { createTestServer, testDatabaseKinds, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { cookieOf, createApiKey, mintToken, startGuardedHost, type GuardedHost } from '../keys/helpers.js';
import { organization, person } from '../organizations/helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`requireAuth({ permission }) with platform roles on ${kind}`, () => {
    let t: TestServer;

    let host: GuardedHost;
    const onHost = (path: string, credential: TestClient | string) => host.get(path, credential);

    before(async () => {
      t = await createTestServer({
        database: kind,
        config: { roles: { support: { label: 'Support', permissions: ['tickets:read'] }, billing: { permissions: ['invoices:read'] } } },
      });
      host = await startGuardedHost({
        '/tickets': requireAuth(t.latch, { permission: 'tickets:read' }),
        '/members': requireAuth(t.latch, { permission: 'members:read' }),
        '/org-viewer': requireAuth(t.latch, { orgRole: 'viewer' }),
      });
    });
    after(async () => {
      await host.close();
      await t.close();
    });

    it('passes a holder of a host role that grants the permission, without any organization', async () => {
      const agent = await person(t, 'Sam Support', ['support']);
      for (const credential of [agent.client, await mintToken(agent.client)]) {
        const passed = await onHost('/tickets', credential);
        assert.equal(passed.status, 200, JSON.stringify(passed.body));
        assert.equal(passed.body.user.id, agent.id);
        assert.equal(passed.body.organization, null);
      }
      // An API key acts for its user: the user's roles count, as they do for `roles`.
      const { secret } = await createApiKey(agent.client, { scopes: ['read'] });
      assert.equal((await onHost('/tickets', secret)).status, 200);
      // A host role is no organization role.
      const orgOnly = await onHost('/org-viewer', agent.client);
      assert.equal(orgOnly.status, 403);
      assert.equal(orgOnly.body.code, 'forbidden');
      assert.equal((await onHost('/members', agent.client)).status, 403);
    });

    it('answers 403 forbidden, naming the permission, to everyone whose roles do not grant it', async () => {
      const others = [
        await person(t, 'Bill Billing', ['billing']),
        await person(t, 'Nora Nobody'),
        await person(t, 'Ada Admin', ['admin']),
        await person(t, 'Root', ['super_admin']),
      ];
      for (const other of others) {
        const refused = await onHost('/tickets', other.client);
        assert.equal(refused.status, 403, JSON.stringify(refused.body));
        assert.equal(refused.body.code, 'forbidden');
        assert.match(refused.body.detail, /needs the permission tickets:read: none of your roles grant it, and no organization is active/);
      }
      const anonymous = await fetch(`${host.url}/tickets`);
      assert.equal(anonymous.status, 401);
    });

    it('keeps the organization grant: the active organization role passes, and either grant is enough', async () => {
      const owner = await person(t, 'Olive Owner');
      const orgId = await organization(t, owner);
      const member = await person(t, 'Mia Member');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'viewer' });
      await member.client.post('/me/active-organization', { organizationId: orgId });
      assert.equal((await onHost('/members', member.client)).status, 200, 'the organization role grants members:read');
      const refused = await onHost('/tickets', member.client);
      assert.equal(refused.status, 403);
      assert.match(refused.body.detail, /needs the permission tickets:read: neither your roles nor your role in this organization grant it/);

      const both = await person(t, 'Bea Both', ['support']);
      await t.latch.organizations.addMember(orgId, { userId: both.id, role: 'viewer' });
      await both.client.post('/me/active-organization', { organizationId: orgId });
      assert.equal((await onHost('/tickets', both.client)).status, 200, 'the platform role, with an organization active');
      assert.equal((await onHost('/members', both.client)).status, 200, 'the organization role, with a platform role held');
      assert.equal((await onHost('/org-viewer', both.client)).status, 200);
    });

    it('follows a role change on the next request', async () => {
      const agent = await person(t, 'Tim Temporary', ['support']);
      const admin = await person(t, 'Ann Admin', ['admin']);
      assert.equal((await onHost('/tickets', agent.client)).status, 200);
      assert.equal((await admin.client.patch(`/admin/users/${agent.id}`, { roles: [] })).status, 200);
      assert.equal((await onHost('/tickets', agent.client)).status, 403);
    });
  });
}
