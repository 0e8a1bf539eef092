import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnyLatchEvent } from '@latch/server-sdk';
import { requireAuth } from '@latch/server-sdk/node';
import { createTestServer, testDatabaseKinds, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { cookieOf, createApiKey, mintToken, startGuardedHost, type GuardedHost } from '../keys/helpers.js';
import { assertProblem, organization, person, type Person } from './helpers.js';
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

for (const kind of testDatabaseKinds()) {
  describe(`the active organization on ${kind}`, () => {
    let t: TestServer;
    let owner: Person;
    let orgId: string;
    const heard: AnyLatchEvent[] = [];

    let host: GuardedHost;
    const onHost = (path: string, credential: TestClient | string) => host.get(path, credential);

    before(async () => {
      t = await createTestServer({ database: kind });
      t.latch.events.on('*', (event) => { heard.push(event); });
      host = await startGuardedHost({
        '/whoami': requireAuth(t.latch),
        '/members-write': requireAuth(t.latch, { permission: 'members:write' }),
        '/members-roles': requireAuth(t.latch, { permission: 'members:roles' }),
        '/org-manager': requireAuth(t.latch, { orgRole: 'manager' }),
        '/org-admin': requireAuth(t.latch, { orgRole: 'admin' }),
      });
      owner = await person(t, 'Olive Owner');
      orgId = await organization(t, owner);
    });
    after(async () => {
      await host.close();
      await t.close();
    });

    it('sets and clears the organization a session works in (POST /me/active-organization), as GET /me shows', async () => {
      const member = await person(t, 'Mia Member');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'manager' });
      assert.equal((await member.client.get('/me')).body.activeOrganization, null);
      const set = await member.client.post('/me/active-organization', { organizationId: orgId });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.body.role, 'manager');
      assert.equal(set.body.organization.id, orgId);
      assert.deepEqual((await member.client.get('/me')).body.activeOrganization, { id: orgId, name: 'Acme Labs', slug: 'acme-labs', role: 'manager' });
      const otherBrowser = t.client();
      await otherBrowser.post('/sign-in', { email: member.email, password: 'violet-harbor-engine-42' });
      assert.equal((await otherBrowser.get('/me')).body.activeOrganization, null, 'per session, not per account');
      const cleared = await member.client.post('/me/active-organization', { organizationId: null });
      assert.deepEqual(cleared.body, { organization: null, role: null });
      assert.equal((await member.client.get('/me')).body.activeOrganization, null);
      assertProblem(await member.client.post('/me/active-organization', { organizationId: '00000000-0000-4000-8000-000000000000' }), 404, 'not_found');
      const { secret } = await createApiKey(member.client, { scopes: ['read', 'write'] });
      assertProblem(await t.client().post('/me/active-organization', { organizationId: orgId }, { headers: { authorization: `Bearer ${secret}` } }), 403, 'forbidden');
    });

    it('puts org and org_role in access tokens minted from the session', async () => {
      const member = await person(t, 'Tom Token');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'admin' });
      assert.equal(claimsOf(await mintToken(member.client)).org, undefined, 'no active organization, no claim');
      await member.client.post('/me/active-organization', { organizationId: orgId });
      const claims = claimsOf(await mintToken(member.client));
      assert.equal(claims.org, orgId);
      assert.equal(claims.org_role, 'admin');
      const viaToken = await t.client().get('/me', { headers: { authorization: `Bearer ${await mintToken(member.client)}` } });
      assert.equal(viaToken.body.activeOrganization.role, 'admin');
    });

    it('lets requireAuth demand an organization permission or role, from a session cookie or an access token', async () => {
      const manager = await person(t, 'Manny Manager');
      await t.latch.organizations.addMember(orgId, { userId: manager.id, role: 'manager' });
      assert.equal((await onHost('/members-write', manager.client)).status, 403, 'no active organization yet');
      await manager.client.post('/me/active-organization', { organizationId: orgId });
      const token = await mintToken(manager.client);
      for (const credential of [manager.client, token]) {
        const who = await onHost('/whoami', credential);
        assert.deepEqual(who.body.organization, { id: orgId, role: 'manager' });
        assert.equal((await onHost('/members-write', credential)).status, 200);
        const refused = await onHost('/members-roles', credential);
        assert.equal(refused.status, 403);
        assert.equal(refused.body.code, 'forbidden');
        assert.equal((await onHost('/org-manager', credential)).status, 200);
        assert.equal((await onHost('/org-admin', credential)).status, 403);
      }
      const { secret } = await createApiKey(manager.client, { scopes: ['read'] });
      assert.equal((await onHost('/whoami', secret)).body.organization, null, 'an API key belongs to its user, not an organization');
      assert.equal((await onHost('/members-write', secret)).status, 403);
      // handler.identify is the same check.
      const auth = await t.latch.handler.identify({ method: 'GET', headers: { cookie: cookieOf(manager.client) }, remoteAddress: '127.0.0.1' }, { permission: 'members:read' });
      assert.equal(auth.organization?.role, 'manager');
    });

    it('takes a removal into account on the very next request: session cookie, access token, GET /me, requireAuth', async () => {
      const member = await person(t, 'Rita Removed');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'manager' });
      await member.client.post('/me/active-organization', { organizationId: orgId });
      const token = await mintToken(member.client);
      // Caches are warm: each credential was just checked.
      assert.equal((await onHost('/members-write', member.client)).status, 200);
      assert.equal((await onHost('/members-write', token)).status, 200);
      assert.equal((await member.client.get('/me')).body.activeOrganization.id, orgId);

      assert.equal((await owner.client.delete(`/orgs/${orgId}/members/${member.id}`)).status, 204);
      assert.equal((await member.client.get('/me')).body.activeOrganization, null);
      assert.equal((await onHost('/members-write', member.client)).status, 403);
      assert.equal((await onHost('/whoami', member.client)).body.organization, null);
      // The token still proves who the member is (a removal revokes no credential) but carries no organization.
      const viaToken = await onHost('/members-write', token);
      assert.equal(viaToken.status, 403);
      assert.equal(viaToken.body.code, 'forbidden');
      assert.equal((await onHost('/whoami', token)).body.organization, null);
      assert.equal(claimsOf(await mintToken(member.client)).org, undefined, 'new tokens carry none');
      assertProblem(await member.client.get(`/orgs/${orgId}`), 404, 'not_found');
      const [session] = await t.latch.database.knex('sessions').where({ user_id: member.id });
      assert.equal(session.active_organization_id, null, 'the session no longer points at it');
      const removed = heard.find((e) => e.type === 'organization.member_removed' && e.data.userId === member.id);
      assert.deepEqual(removed?.data, { organizationId: orgId, userId: member.id, actorId: owner.id });
    });

    it('takes a role change into account on the next request', async () => {
      const member = await person(t, 'Dora Demoted');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'manager' });
      await member.client.post('/me/active-organization', { organizationId: orgId });
      const token = await mintToken(member.client);
      assert.equal((await onHost('/members-write', member.client)).status, 200);
      assert.equal((await onHost('/members-write', token)).status, 200);
      assert.equal((await owner.client.patch(`/orgs/${orgId}/members/${member.id}`, { role: 'viewer' })).status, 200);
      assert.equal((await onHost('/members-write', member.client)).status, 403);
      assert.equal((await member.client.get('/me')).body.activeOrganization.role, 'viewer');
      // A token minted before the change keeps working, with the role as it is now (its org_role claim says manager).
      assert.equal(claimsOf(token).org_role, 'manager');
      assert.equal((await onHost('/members-write', token)).status, 403);
      assert.deepEqual((await onHost('/whoami', token)).body.organization, { id: orgId, role: 'viewer' });
    });

    it('lists the organization\'s activity: creation, members, roles, invitations, newest first', async () => {
      const id = await organization(t, owner, [], 'Busy Org');
      const member = await person(t, 'Active Member');
      await t.latch.organizations.addMember(id, { userId: member.id, role: 'viewer' });
      await owner.client.patch(`/orgs/${id}/members/${member.id}`, { role: 'manager' });
      const invited = await owner.client.post(`/orgs/${id}/invitations`, { email: 'someone@example.com', role: 'viewer' });
      await owner.client.post(`/orgs/${id}/invitations/${invited.body.invitation.id}/resend`);
      await owner.client.delete(`/orgs/${id}/invitations/${invited.body.invitation.id}`);
      await owner.client.patch(`/orgs/${id}`, { name: 'Busier Org' });
      await owner.client.delete(`/orgs/${id}/members/${member.id}`);
      const activity = await owner.client.get(`/orgs/${id}/activity`);
      assert.equal(activity.status, 200, activity.text);
      assert.deepEqual(activity.body.items.map((e: { type: string }) => e.type), [
        'organization.member_removed', 'organization.updated', 'organization.invitation_revoked', 'organization.invitation_resent',
        'organization.invitation_sent', 'organization.member_updated', 'organization.member_added', 'organization.member_added', 'organization.created',
      ]);
      const updated = activity.body.items.find((e: { type: string }) => e.type === 'organization.member_updated');
      assert.deepEqual([updated.userId, updated.actorId, updated.detail.role], [member.id, owner.id, { from: 'viewer', to: 'manager' }]);
      assert.equal(updated.detail.requestId, undefined);
      assert.ok(!('ip' in updated), 'no addresses in an organization\'s activity');
      const paged = await owner.client.get(`/orgs/${id}/activity?limit=4`);
      const rest = await owner.client.get(`/orgs/${id}/activity?limit=10&cursor=${paged.body.nextCursor}`);
      assert.deepEqual([...paged.body.items, ...rest.body.items], activity.body.items);
      // The other organization's trail holds none of these.
      const others = (await owner.client.get(`/orgs/${orgId}/activity?limit=100`)).body.items;
      assert.ok(others.every((e: { detail: { name?: string } }) => e.detail.name !== 'Busy Org'));
      // The member's own activity shows what was done to their membership.
      const own = (await member.client.get('/me/activity?limit=100')).body.items.map((e: { type: string }) => e.type);
      assert.ok(own.includes('organization.member_removed') && own.includes('organization.member_added'), own.join(', '));
      const rows = await t.latch.database.knex('audit_events').where({ organization_id: id });
      assert.equal(rows.length, 9, 'each one carries the organization id');
    });

    it('tells administrators an account\'s organizations (GET /admin/users/:id)', async () => {
      const admin = await person(t, 'Platform Admin', ['admin']);
      const member = await person(t, 'Many Orgs');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'viewer' });
      const detail = await admin.client.get(`/admin/users/${member.id}`);
      assert.equal(detail.status, 200, detail.text);
      assert.deepEqual(detail.body.organizations, [{ id: orgId, name: 'Acme Labs', slug: 'acme-labs', role: 'viewer' }]);
    });
  });
}
