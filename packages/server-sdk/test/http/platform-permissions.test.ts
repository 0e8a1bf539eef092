import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { requireAuth } from '@latch/server-sdk/node';
import { createTestServer, testDatabaseKinds, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { createApiKey, mintToken } from '../keys/helpers.js';
import { organization, person } from '../organizations/helpers.js';

const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

for (const kind of testDatabaseKinds()) {
  describe(`requireAuth({ permission }) with platform roles on ${kind}`, () => {
    let t: TestServer;
    let host: Server;
    let hostUrl: string;

    /** A host app whose routes demand a permission or an organization role. */
    function hostApp(): Server {
      const guards = {
        '/tickets': requireAuth(t.latch, { permission: 'tickets:read' }),
        '/members': requireAuth(t.latch, { permission: 'members:read' }),
        '/org-viewer': requireAuth(t.latch, { orgRole: 'viewer' }),
      } as const;
      return createServer((req, res) => {
        const guard = guards[req.url as keyof typeof guards];
        if (!guard) { res.statusCode = 404; res.end(); return; }
        void guard((_req, out, auth) => {
          out.setHeader('content-type', 'application/json');
          out.end(JSON.stringify(auth));
        })(req, res);
      });
    }

    async function onHost(path: string, credential: TestClient | string): Promise<{ status: number; body: any }> {
      const headers: Record<string, string> = typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : { cookie: cookieOf(credential) };
      const res = await fetch(`${hostUrl}${path}`, { headers });
      return { status: res.status, body: await res.json() };
    }

    before(async () => {
      t = await createTestServer({
        database: kind,
        config: { roles: { support: { label: 'Support', permissions: ['tickets:read'] }, billing: { permissions: ['invoices:read'] } } },
      });
      host = hostApp();
      await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
      hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    });
    after(async () => {
      host.closeAllConnections();
      host.close();
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
      const anonymous = await fetch(`${hostUrl}/tickets`);
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
