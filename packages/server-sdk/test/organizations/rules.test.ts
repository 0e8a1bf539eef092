import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, resolveConfig, silentLogger } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, organization, person, signInAgain, type Person } from './helpers.js';

/** Older than the 5-minute reauthentication window. */
const staleSessionMs = 6 * 60_000;
const someId = '00000000-0000-4000-8000-000000000000';

for (const kind of testDatabaseKinds()) {
  describe(`organization roles and rules on ${kind}`, () => {
    let t: TestServer;
    let owner: Person;
    let admin: Person;
    let manager: Person;
    let viewer: Person;
    let steward: Person;
    let outsider: Person;
    let orgId: string;

    before(async () => {
      t = await createTestServer({
        database: kind,
        config: {
          organizations: {
            // A host role ranked above owner: the only way the last owner can be demoted or removed by someone else.
            roles: { steward: { rank: 50, permissions: ['organization:read', 'members:read', 'members:roles', 'members:remove'] }, billing: { rank: 15, permissions: ['organization:read', 'billing:write'] } },
          },
        },
      });
      owner = await person(t, 'Olive Owner');
      admin = await person(t, 'Adam Admin');
      manager = await person(t, 'Mona Manager');
      viewer = await person(t, 'Vera Viewer');
      steward = await person(t, 'Stan Steward');
      outsider = await person(t, 'Otto Outsider');
      orgId = await organization(t, owner, [[admin, 'admin'], [manager, 'manager'], [viewer, 'viewer']]);
    });
    after(() => t.close());

    it('makes the creator owner, derives a slug from the name (with -2 on collision) and refuses a taken slug given', async () => {
      const a = await owner.client.post('/orgs', { name: 'Café Müller & Söhne' });
      assert.equal(a.status, 201, a.text);
      assert.equal(a.body.organization.slug, 'cafe-muller-sohne');
      assert.equal((await owner.client.get(`/orgs/${a.body.organization.id}`)).body.role, 'owner');
      const b = await outsider.client.post('/orgs', { name: 'Cafe Muller Sohne' });
      assert.equal(b.status, 201, b.text);
      assert.equal(b.body.organization.slug, 'cafe-muller-sohne-2');
      assertProblem(await outsider.client.post('/orgs', { name: 'Another', slug: 'cafe-muller-sohne' }), 409, 'slug_taken');
      assertProblem(await outsider.client.post('/orgs', { name: 'Another', slug: 'Not A Slug' }), 422, 'validation_failed');
      assertProblem(await outsider.client.post('/orgs', { name: '   ' }), 422, 'validation_failed');
      assertProblem(await owner.client.patch(`/orgs/${a.body.organization.id}`, { slug: 'cafe-muller-sohne-2' }), 409, 'slug_taken');
      const renamed = await owner.client.patch(`/orgs/${a.body.organization.id}`, { name: 'Café Müller', slug: 'cafe-muller' });
      assert.equal(renamed.status, 200, renamed.text);
      assert.deepEqual([renamed.body.organization.name, renamed.body.organization.slug], ['Café Müller', 'cafe-muller']);
    });

    it('answers 404 not_found to a non-member on every /orgs/:id route, and never touches the organization', async () => {
      await signInAgain(outsider);
      const invitation = await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('pending'), role: 'viewer' });
      assert.equal(invitation.status, 201, invitation.text);
      const routes: Array<[string, string, unknown?]> = [
        ['GET', `/orgs/${orgId}`],
        ['PATCH', `/orgs/${orgId}`, { name: 'Taken over' }],
        ['DELETE', `/orgs/${orgId}`, { password: strongPassword }],
        ['GET', `/orgs/${orgId}/members`],
        ['PATCH', `/orgs/${orgId}/members/${viewer.id}`, { role: 'admin' }],
        ['DELETE', `/orgs/${orgId}/members/${viewer.id}`],
        ['POST', `/orgs/${orgId}/leave`],
        ['POST', `/orgs/${orgId}/invitations`, { email: uniqueEmail('x'), role: 'viewer' }],
        ['GET', `/orgs/${orgId}/invitations`],
        ['DELETE', `/orgs/${orgId}/invitations/${invitation.body.invitation.id}`],
        ['POST', `/orgs/${orgId}/invitations/${invitation.body.invitation.id}/resend`],
        ['GET', `/orgs/${orgId}/activity`],
      ];
      for (const [method, path, body] of routes) {
        assertProblem(await outsider.client.request(method, path, { body }), 404, 'not_found');
        // The same answer as for an organization that does not exist, or an id that is not one.
        assertProblem(await outsider.client.request(method, path.replace(orgId, someId), { body }), 404, 'not_found');
        assertProblem(await outsider.client.request(method, path.replace(orgId, 'not-an-id'), { body }), 404, 'not_found');
      }
      assertProblem(await outsider.client.post('/me/active-organization', { organizationId: orgId }), 404, 'not_found');
      const still = await owner.client.get(`/orgs/${orgId}`);
      assert.equal(still.body.organization.name, 'Acme Labs');
      assert.equal((await owner.client.get(`/orgs/${orgId}/invitations`)).body.items.length, 1, 'the invitation was not revoked');
      assert.equal((await owner.client.get(`/orgs/${orgId}/members`)).body.items.length, 4);
    });

    it('lets a viewer read (organization, members, invitations, activity) and refuses every change with 403 forbidden', async () => {
      for (const path of [`/orgs/${orgId}`, `/orgs/${orgId}/members`, `/orgs/${orgId}/invitations`, `/orgs/${orgId}/activity`]) {
        const r = await viewer.client.get(path);
        assert.equal(r.status, 200, `${path}: ${r.text}`);
      }
      await signInAgain(viewer);
      const writes: Array<[string, string, unknown?]> = [
        ['PATCH', `/orgs/${orgId}`, { name: 'Renamed' }],
        ['DELETE', `/orgs/${orgId}`, { password: strongPassword }],
        ['PATCH', `/orgs/${orgId}/members/${manager.id}`, { kind: 'employee' }],
        ['PATCH', `/orgs/${orgId}/members/${manager.id}`, { role: 'viewer' }],
        ['DELETE', `/orgs/${orgId}/members/${manager.id}`],
        ['POST', `/orgs/${orgId}/invitations`, { email: uniqueEmail('v'), role: 'viewer' }],
      ];
      for (const [method, path, body] of writes) assertProblem(await viewer.client.request(method, path, { body }), 403, 'forbidden');
      const members = await t.latch.organizations.members(orgId);
      assert.equal(members.items.find((m) => m.user.id === manager.id)?.role, 'manager', 'nothing changed');
    });

    it('checks each permission: a manager changes kinds but not roles, removes nobody and invites nobody', async () => {
      const changed = await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { kind: 'contractor' });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.member.kind, 'contractor');
      assertProblem(await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'manager' }), 403, 'forbidden');
      assertProblem(await manager.client.delete(`/orgs/${orgId}/members/${viewer.id}`), 403, 'forbidden');
      assertProblem(await manager.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('m'), role: 'viewer' }), 403, 'forbidden');
      assertProblem(await manager.client.patch(`/orgs/${orgId}`, { name: 'Renamed' }), 403, 'forbidden');
      assertProblem(await admin.client.patch(`/orgs/${orgId}`, { name: 'Renamed' }), 403, 'forbidden');
    });

    it('lets nobody give a role ranked above their own', async () => {
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'owner' }), 403, 'forbidden');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('o'), role: 'owner' }), 403, 'forbidden');
      const raised = await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'admin' });
      assert.equal(raised.status, 200, 'up to one\'s own rank is fine');
      assert.equal((await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'viewer' })).status, 200);
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'nonsense' }), 422, 'validation_failed');
      assert.equal((await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'billing' })).status, 200, 'a configured role ranked below');
      assert.equal((await admin.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { role: 'viewer' })).status, 200);
    });

    it('lets nobody change their own role, owners included', async () => {
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${admin.id}`, { role: 'viewer' }), 403, 'forbidden');
      assertProblem(await owner.client.patch(`/orgs/${orgId}/members/${owner.id}`, { role: 'admin' }), 403, 'forbidden');
      assert.equal((await owner.client.get(`/orgs/${orgId}`)).body.role, 'owner');
    });

    it('lets members change and remove only members ranked at most as high as themselves; owners change owners', async () => {
      const second = await person(t, 'Second Owner');
      await t.latch.organizations.addMember(orgId, { userId: second.id, role: 'owner' });
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${second.id}`, { role: 'admin' }), 403, 'forbidden');
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${second.id}`, { kind: 'x' }), 403, 'forbidden');
      assertProblem(await admin.client.delete(`/orgs/${orgId}/members/${second.id}`), 403, 'forbidden');
      const peer = await person(t, 'Peer Admin');
      await t.latch.organizations.addMember(orgId, { userId: peer.id, role: 'admin' });
      assert.equal((await admin.client.patch(`/orgs/${orgId}/members/${peer.id}`, { role: 'manager' })).status, 200, 'an admin changes an admin');
      assert.equal((await admin.client.delete(`/orgs/${orgId}/members/${peer.id}`)).status, 204, 'and removes one ranked below');
      assert.equal((await owner.client.patch(`/orgs/${orgId}/members/${second.id}`, { role: 'admin' })).status, 200, 'an owner changes an owner');
      assert.equal((await owner.client.delete(`/orgs/${orgId}/members/${second.id}`)).status, 204);
    });

    it('keeps the last owner: 409 last_owner on leave, demotion and removal', async () => {
      await t.latch.organizations.addMember(orgId, { userId: steward.id, role: 'steward' });
      assertProblem(await owner.client.post(`/orgs/${orgId}/leave`), 409, 'last_owner');
      assertProblem(await owner.client.delete(`/orgs/${orgId}/members/${owner.id}`), 409, 'last_owner');
      assertProblem(await steward.client.patch(`/orgs/${orgId}/members/${owner.id}`, { role: 'admin' }), 409, 'last_owner');
      assertProblem(await steward.client.delete(`/orgs/${orgId}/members/${owner.id}`), 409, 'last_owner');
      await assert.rejects(t.latch.organizations.updateMember(orgId, owner.id, { role: 'admin' }), (e: { code?: string }) => e.code === 'last_owner');
      await assert.rejects(t.latch.organizations.removeMember(orgId, owner.id), (e: { code?: string }) => e.code === 'last_owner');
      assert.equal((await owner.client.get(`/orgs/${orgId}`)).body.role, 'owner');

      // With a second owner, the first may go.
      const heir = await person(t, 'Heir');
      await t.latch.organizations.addMember(orgId, { userId: heir.id, role: 'owner' });
      assert.equal((await steward.client.patch(`/orgs/${orgId}/members/${heir.id}`, { role: 'admin' })).status, 200);
      assertProblem(await steward.client.delete(`/orgs/${orgId}/members/${owner.id}`), 409, 'last_owner');
      await t.latch.organizations.updateMember(orgId, heir.id, { role: 'owner' });
      assert.equal((await owner.client.post(`/orgs/${orgId}/leave`)).status, 204);
      assertProblem(await owner.client.get(`/orgs/${orgId}`), 404, 'not_found');
      assertProblem(await heir.client.post(`/orgs/${orgId}/leave`), 409, 'last_owner');
      await t.latch.organizations.addMember(orgId, { userId: owner.id, role: 'owner' });
      await t.latch.organizations.removeMember(orgId, steward.id);
    });

    it('keeps one owner when two owners demote each other at the same time', async () => {
      const a = await person(t, 'Owner A');
      const b = await person(t, 'Owner B');
      const id = await organization(t, a, [[b, 'owner']], 'Race Inc');
      const [ra, rb] = await Promise.all([
        a.client.patch(`/orgs/${id}/members/${b.id}`, { role: 'admin' }),
        b.client.patch(`/orgs/${id}/members/${a.id}`, { role: 'admin' }),
      ]);
      const statuses = [ra.status, rb.status].sort();
      assert.ok(statuses[0] === 200 && (statuses[1] === 403 || statuses[1] === 409 || statuses[1] === 404), `${ra.text} ${rb.text}`);
      const owners = (await t.latch.organizations.members(id, { role: 'owner' })).items;
      assert.equal(owners.length, 1);
    });

    it('asks for reauthentication to delete an organization, then removes every member at once', async () => {
      const boss = await person(t, 'Boss');
      const member = await person(t, 'Member');
      const id = await organization(t, boss, [[member, 'admin']], 'Short Lived');
      assertProblem(await member.client.request('DELETE', `/orgs/${id}`, { body: { password: strongPassword } }), 403, 'forbidden');
      t.clock.advance(staleSessionMs);
      assertProblem(await boss.client.request('DELETE', `/orgs/${id}`), 403, 'reauthentication_required');
      assertProblem(await boss.client.request('DELETE', `/orgs/${id}`, { body: { password: 'wrong-password-1' } }), 403, 'reauthentication_required');
      assert.equal((await boss.client.get(`/orgs/${id}`)).status, 200, 'still there');
      assert.equal((await boss.client.request('DELETE', `/orgs/${id}`, { body: { password: strongPassword } })).status, 204);
      assertProblem(await member.client.get(`/orgs/${id}`), 404, 'not_found');
      assert.deepEqual((await member.client.get('/orgs')).body.items, []);
    });

    it('lists the caller\'s organizations with their role, a page at a time', async () => {
      const joiner = await person(t, 'Joiner');
      const ids = [];
      for (let i = 0; i < 3; i++) {
        const id = await organization(t, owner, [], `Paged ${i}`);
        await t.latch.organizations.addMember(id, { userId: joiner.id, role: i === 0 ? 'admin' : 'viewer' });
        t.clock.advance(1000);
        ids.push(id);
      }
      const first = await joiner.client.get('/orgs?limit=2');
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(first.body.items.map((o: { id: string }) => o.id), [ids[2], ids[1]]);
      const second = await joiner.client.get(`/orgs?limit=2&cursor=${first.body.nextCursor}`);
      assert.deepEqual(second.body.items.map((o: { id: string; role: string }) => [o.id, o.role]), [[ids[0], 'admin']]);
      assert.equal(second.body.nextCursor, null);
    });

    it('publishes who may create organizations and every role with its rank and permissions in GET /config', async () => {
      const config = (await t.client().get('/config')).body;
      assert.equal(config.organizations.creation, 'anyone');
      assert.deepEqual(config.organizations.roles.map((r: { name: string; rank: number }) => [r.name, r.rank]), [
        ['steward', 50], ['owner', 40], ['admin', 30], ['manager', 20], ['billing', 15], ['viewer', 10],
      ]);
      const viewerRole = config.organizations.roles.find((r: { name: string }) => r.name === 'viewer');
      assert.deepEqual(viewerRole.permissions, ['organization:read', 'members:read', 'invitations:read', 'activity:read']);
      assert.ok(config.features.includes('organizations'));
    });
  });
}

describe('organization settings', () => {
  const resolve = (organizations: unknown) => resolveConfig({ logger: silentLogger, secret: 'a-secret-that-is-long-enough-0123456789', organizations } as never);
  const refusal = (organizations: unknown, field: string) => {
    let error: unknown;
    try { resolve(organizations); } catch (e) { error = e; }
    assert.ok(error instanceof ConfigError, `${JSON.stringify(organizations)} is refused`);
    assert.ok(error.message.includes(field), `"${error.message}" names ${field}`);
  };

  it('has the documented defaults', () => {
    const { organizations } = resolve(undefined);
    assert.equal(organizations.creation, 'anyone');
    assert.equal(organizations.invitationTtlSeconds, 7 * 86_400);
    assert.equal(organizations.invitationsPerInviterPerHour, 20);
    assert.deepEqual(organizations.requireTwoFactorFor, []);
    assert.deepEqual(organizations.roleList.map((r) => r.name), ['owner', 'admin', 'manager', 'viewer']);
  });

  it('validates configured roles at start-up: names, ranks, permissions, no clash with a built-in', () => {
    assert.doesNotThrow(() => resolve({ roles: { billing: { rank: 15, permissions: ['billing:write'] } } }));
    refusal({ roles: { Billing: { rank: 15, permissions: [] } } }, 'organizations.roles');
    refusal({ roles: { admin: { rank: 15, permissions: [] } } }, 'organizations.roles');
    refusal({ roles: { billing: { rank: 30, permissions: [] } } }, 'organizations.roles.billing.rank');
    refusal({ roles: { billing: { rank: 0, permissions: [] } } }, 'organizations.roles.billing.rank');
    refusal({ roles: { billing: { rank: 100, permissions: [] } } }, 'organizations.roles.billing.rank');
    refusal({ roles: { billing: { rank: 15.5, permissions: [] } } }, 'organizations.roles.billing.rank');
    refusal({ roles: { billing: { rank: 15, permissions: ['billing'] } } }, 'organizations.roles.billing.permissions');
    refusal({ roles: { billing: { rank: 15, permissions: ['Billing:Write'] } } }, 'organizations.roles.billing.permissions');
    refusal({ requireTwoFactorFor: ['auditor'] }, 'organizations.requireTwoFactorFor');
    refusal({ creation: 'everyone' }, 'organizations.creation');
  });

  it('refuses POST /orgs to non-administrators when creation is "admins"', async () => {
    const t = await createTestServer({ database: 'pglite', config: { organizations: { creation: 'admins' } } });
    try {
      const plain = await person(t, 'Plain');
      assertProblem(await plain.client.post('/orgs', { name: 'Mine' }), 403, 'forbidden');
      const admin = await person(t, 'Platform Admin', ['admin']);
      assert.equal((await admin.client.post('/orgs', { name: 'Theirs' })).status, 201);
      const hosted = await t.latch.organizations.create({ name: 'By host code', ownerId: plain.id });
      assert.equal((await plain.client.get(`/orgs/${hosted.id}`)).body.role, 'owner', 'host code is not bound by the setting');
      assert.equal((await t.client().get('/config')).body.organizations.creation, 'admins');
    } finally {
      await t.close();
    }
  });

  it('leaves everything out when the feature is not installed', async () => {
    const { defaultFeatures } = await import('@latch/server-sdk');
    const t = await createTestServer({ database: 'pglite', config: { features: defaultFeatures().filter((f) => f.name !== 'organizations') } });
    try {
      const someone = await t.signedInUser();
      assertProblem(await someone.client.post('/orgs', { name: 'Nope' }), 404, 'not_found');
      const config = (await t.client().get('/config')).body;
      assert.equal(config.organizations, undefined);
      assert.equal((await someone.client.get('/me')).body.activeOrganization, null);
      assert.throws(() => t.latch.organizations.roles(), ConfigError);
      // The audit trail keeps working without the organization column.
      assert.equal((await someone.client.get('/me/activity')).status, 200);
    } finally {
      await t.close();
    }
  });
});
