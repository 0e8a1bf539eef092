import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnyLatchEvent } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, organization, person, signInAgain, type Person } from './helpers.js';

/** Older than the 5-minute reauthentication window. */
const staleSessionMs = 6 * 60_000;

for (const kind of testDatabaseKinds()) {
  describe(`organization members on ${kind}`, () => {
    let t: TestServer;
    let owner: Person;
    let admin: Person;
    let manager: Person;
    let viewer: Person;
    let orgId: string;
    const heard: AnyLatchEvent[] = [];

    before(async () => {
      t = await createTestServer({ database: kind, config: { kinds: { employee: { label: 'Employees' }, clinician: { label: 'Clinicians' } } } });
      t.latch.events.on('*', (event) => { heard.push(event); });
      owner = await person(t, 'Olive Owner');
      admin = await person(t, 'Adam Admin');
      manager = await person(t, 'Mona Manager');
      viewer = await person(t, 'Vera Viewer');
      orgId = await organization(t, owner);
      for (const [who, role, memberKind] of [[admin, 'admin', 'employee'], [manager, 'manager', 'clinician'], [viewer, 'viewer', 'clinician']] as const) {
        t.clock.advance(1000);
        await t.latch.organizations.addMember(orgId, { userId: who.id, role, kind: memberKind });
      }
    });
    after(() => t.close());

    it('lists members newest first with their account, role and kind, filtered by role, kind or text', async () => {
      const all = await viewer.client.get(`/orgs/${orgId}/members`);
      assert.equal(all.status, 200, all.text);
      assert.deepEqual(all.body.items.map((m: { user: { id: string } }) => m.user.id), [viewer.id, manager.id, admin.id, owner.id]);
      const first = all.body.items[0];
      assert.deepEqual(first, {
        user: { id: viewer.id, email: viewer.email, displayName: 'Vera Viewer', kind: 'user', phoneNumber: null },
        role: 'viewer', kind: 'clinician', joinedAt: first.joinedAt,
      });
      const ids = async (query: string) => (await viewer.client.get(`/orgs/${orgId}/members?${query}`)).body.items.map((m: { user: { id: string } }) => m.user.id);
      assert.deepEqual(await ids('role=manager'), [manager.id]);
      assert.deepEqual(await ids('kind=clinician'), [viewer.id, manager.id]);
      assert.deepEqual(await ids('query=adam'), [admin.id]);
      assert.deepEqual(await ids(`query=${encodeURIComponent(owner.email.toUpperCase())}`), [owner.id]);
      assert.deepEqual(await ids('query=%25'), [], 'LIKE wildcards are matched literally');
    });

    it('pages the member list with its cursor and refuses a forged one', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: Array<{ user: { id: string } }>; nextCursor: string | null } } = await owner.client.get(`/orgs/${orgId}/members?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((m) => m.user.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [viewer.id, manager.id, admin.id, owner.id]);
      const forged = Buffer.from(`2026-01-01T00:00:00.000Z|' OR 1=1--`).toString('base64url');
      assertProblem(await owner.client.get(`/orgs/${orgId}/members?cursor=${forged}`), 422, 'validation_failed');
    });

    it('changes a member\'s kind within the configured kinds (members:write)', async () => {
      const changed = await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { kind: 'employee' });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.member.kind, 'employee');
      assert.equal(changed.body.member.user.kind, 'user', 'the account\'s own kind is another thing');
      assertProblem(await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { kind: 'contractor' }), 422, 'validation_failed');
      assert.equal((await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { kind: null })).body.member.kind, null);
      assert.equal((await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { kind: 'clinician' })).body.member.kind, 'clinician');
      assertProblem(await manager.client.patch(`/orgs/${orgId}/members/${admin.id}`, { kind: 'clinician' }), 403, 'forbidden');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: 'k@example.com', role: 'viewer', kind: 'contractor' }), 422, 'validation_failed');
    });

    it('changes a member\'s phone number with the actor\'s reauthentication, only for members ranked below (owners: anyone)', async () => {
      t.clock.advance(staleSessionMs);
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${manager.id}`, { phoneNumber: '+44 20 7946 0958' }), 403, 'reauthentication_required');
      const mark = t.mail.messages.length;
      const changed = await admin.client.patch(`/orgs/${orgId}/members/${manager.id}`, { phoneNumber: '+44 20 7946 0958', password: strongPassword });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.member.user.phoneNumber, '+442079460958');
      const notice = await t.mail.waitFor(manager.email, (m) => t.mail.messages.indexOf(m) >= mark);
      assert.match(notice.text, /ending in 58/);
      assert.match(notice.text, /Adam Admin/);
      assert.ok(heard.some((e) => e.type === 'user.phone_changed' && e.data.userId === manager.id && e.data.actorId === admin.id));
      const activity = (await owner.client.get(`/orgs/${orgId}/activity`)).body.items[0];
      assert.deepEqual([activity.type, activity.userId, activity.detail.fields], ['organization.member_updated', manager.id, ['phoneNumber']]);
      // The same number again is no change: no proof asked.
      t.clock.advance(staleSessionMs);
      assert.equal((await admin.client.patch(`/orgs/${orgId}/members/${manager.id}`, { phoneNumber: '+442079460958' })).status, 200);

      await Promise.all([admin, manager, viewer, owner].map(signInAgain));
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${admin.id}`, { phoneNumber: '+14155550123' }), 403, 'forbidden');
      const peer = await person(t, 'Peer Admin');
      await t.latch.organizations.addMember(orgId, { userId: peer.id, role: 'admin' });
      assertProblem(await admin.client.patch(`/orgs/${orgId}/members/${peer.id}`, { phoneNumber: '+14155550123' }), 403, 'forbidden');
      assertProblem(await manager.client.patch(`/orgs/${orgId}/members/${manager.id}`, { phoneNumber: '+14155550123' }), 403, 'forbidden');
      assertProblem(await viewer.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { phoneNumber: '+14155550123' }), 403, 'forbidden');
      assert.equal((await manager.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { phoneNumber: '+14155550123' })).status, 200);
      assert.equal((await owner.client.patch(`/orgs/${orgId}/members/${owner.id}`, { phoneNumber: '+14155550124' })).status, 200, 'an owner may change their own');
      assertProblem(await owner.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { phoneNumber: '12345' }), 422, 'validation_failed');
      assert.equal((await owner.client.patch(`/orgs/${orgId}/members/${viewer.id}`, { phoneNumber: null })).body.member.user.phoneNumber, null);
      await t.latch.organizations.removeMember(orgId, peer.id);
    });

    it('answers 404 for a target who is not a member of this organization', async () => {
      const stranger = await person(t, 'Stranger');
      assertProblem(await owner.client.patch(`/orgs/${orgId}/members/${stranger.id}`, { role: 'viewer' }), 404, 'not_found');
      assertProblem(await owner.client.delete(`/orgs/${orgId}/members/${stranger.id}`), 404, 'not_found');
      assertProblem(await owner.client.patch(`/orgs/${orgId}/members/not-an-id`, { kind: 'employee' }), 404, 'not_found');
    });

    it('offers host code the same operations with every invariant (latch.organizations)', async () => {
      const boss = await person(t, 'Host Boss');
      const org = await t.latch.organizations.create({ name: 'Host Made', ownerId: boss.id });
      assert.equal(org.slug, 'host-made');
      const added = await t.latch.organizations.addMember(org.id, { userId: viewer.id, role: 'viewer', kind: 'employee' });
      assert.deepEqual([added.role, added.kind], ['viewer', 'employee']);
      await assert.rejects(t.latch.organizations.addMember(org.id, { userId: viewer.id, role: 'viewer' }), (e: { code?: string }) => e.code === 'already_member');
      await assert.rejects(t.latch.organizations.addMember(org.id, { userId: admin.id, role: 'emperor' }), (e: { code?: string }) => e.code === 'validation_failed');
      await assert.rejects(t.latch.organizations.addMember(org.id, { userId: admin.id, role: 'viewer', kind: 'contractor' }), (e: { code?: string }) => e.code === 'validation_failed');
      assert.equal((await t.latch.organizations.updateMember(org.id, viewer.id, { role: 'admin' })).role, 'admin');
      assert.deepEqual(await t.latch.organizations.membership(viewer.id, org.id), {
        id: org.id, role: 'admin', rank: 30, permissions: ['organization:read', 'members:read', 'invitations:read', 'activity:read', 'members:write', 'members:roles', 'members:remove', 'invitations:write'],
      });
      assert.deepEqual((await t.latch.organizations.listForUser(boss.id)).map((o) => [o.id, o.role]), [[org.id, 'owner']]);
      await t.latch.organizations.removeMember(org.id, viewer.id);
      assert.equal(await t.latch.organizations.membership(viewer.id, org.id), null);
      const removed = heard.find((e) => e.type === 'organization.member_removed' && e.data.organizationId === org.id);
      assert.equal(removed?.type === 'organization.member_removed' && removed.data.actorId, null);
      await t.latch.organizations.delete(org.id);
      assert.equal(await t.latch.organizations.get(org.id), null);
      await assert.rejects(t.latch.organizations.delete(org.id), (e: { code?: string }) => e.code === 'not_found');
      assert.equal(await t.latch.organizations.get('not-an-id'), null);
    });
  });
}
