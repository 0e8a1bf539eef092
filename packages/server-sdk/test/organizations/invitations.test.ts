import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { AnyLatchEvent } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { enableTotp } from '../two-factor/helpers.js';
import { assertProblem, invitationToken, organization, person, type Person } from './helpers.js';

const day = 86_400_000;
const perInviterPerHour = 12;
const sha256 = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

for (const kind of testDatabaseKinds()) {
  describe(`organization invitations on ${kind}`, () => {
    let t: TestServer;
    let owner: Person;
    let admin: Person;
    let orgId: string;
    const heard: AnyLatchEvent[] = [];

    /** Invites `email` as `role` from `who`; returns the invitation and the emailed token. */
    async function invite(who: Person, email: string, role = 'viewer', extra: Record<string, unknown> = {}, id = orgId) {
      const mark = t.mail.messages.length;
      const res = await who.client.post(`/orgs/${id}/invitations`, { email, role, ...extra });
      assert.equal(res.status, 201, res.text);
      return { invitation: res.body.invitation, token: await invitationToken(t, email, mark) };
    }

    before(async () => {
      t = await createTestServer({
        database: kind,
        config: {
          organizations: {
            invitationsPerInviterPerHour: perInviterPerHour,
            roles: { auditor: { rank: 12, permissions: ['organization:read', 'activity:read'] } },
            requireTwoFactorFor: ['auditor'],
          },
        },
      });
      t.latch.events.on('*', (event) => { heard.push(event); });
      owner = await person(t, 'Olive Owner');
      admin = await person(t, 'Adam Admin');
      orgId = await organization(t, owner, [[admin, 'admin']]);
    });
    after(() => t.close());

    it('emails a 256-bit token that is stored only as its SHA-256', async () => {
      const email = uniqueEmail('hashed');
      const { invitation, token } = await invite(admin, email, 'manager', { kind: 'clinician' });
      assert.deepEqual([invitation.email, invitation.role, invitation.kind, invitation.expired], [email, 'manager', 'clinician', false]);
      assert.ok(Buffer.from(token, 'base64url').length >= 32, 'at least 256 bits');
      const rows = await t.latch.database.knex('organization_invitations').where({ id: invitation.id });
      assert.equal(rows.length, 1);
      assert.equal(rows[0].token_hash, sha256(token));
      assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is nowhere in the row');
      const mail = t.mail.messages.findLast((m) => m.to.includes(email.toLowerCase()))!;
      assert.match(mail.text, /Adam Admin invited you to join Acme Labs as manager/);
      assert.match(mail.text, /choose a password/);
    });

    it('creates a verified account for a new address, joins it and signs it in on the organization', async () => {
      const email = uniqueEmail('newcomer');
      const { token } = await invite(admin, email, 'manager', { kind: 'clinician' });
      const browser = t.client();
      assertProblem(await browser.post('/invitations/accept', { token }), 422, 'validation_failed');
      assertProblem(await browser.post('/invitations/accept', { token, password: 'password' }), 422, 'weak_password');
      const accepted = await browser.post('/invitations/accept', { token, password: strongPassword, displayName: 'Nina Newcomer' });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.body.user.email, email);
      assert.equal(accepted.body.user.emailVerified, true);
      assert.equal(accepted.body.user.kind, 'clinician');
      assert.equal(accepted.body.organization.id, orgId);
      assert.ok(browser.cookies.get('latch_session'), 'signed in');
      const me = (await browser.get('/me')).body;
      assert.deepEqual(me.activeOrganization, { id: orgId, name: 'Acme Labs', slug: 'acme-labs', role: 'manager' });
      const member = (await owner.client.get(`/orgs/${orgId}/members?query=${encodeURIComponent(email)}`)).body.items[0];
      assert.deepEqual([member.role, member.kind, member.user.displayName], ['manager', 'clinician', 'Nina Newcomer']);
      // Signing in later works with the password chosen.
      assert.equal((await t.client().post('/sign-in', { email, password: strongPassword })).status, 200);
      const created = heard.find((e) => e.type === 'user.created' && e.data.email === email);
      assert.equal(created?.type === 'user.created' && created.data.source, 'invitation');
      assert.ok(heard.some((e) => e.type === 'organization.member_added' && e.data.userId === accepted.body.user.id && e.data.role === 'manager' && e.data.organizationId === orgId));
    });

    it('works once: a used link is invalid_token', async () => {
      const { token } = await invite(admin, uniqueEmail('once'));
      assert.equal((await t.client().post('/invitations/accept', { token, password: strongPassword })).status, 200);
      assertProblem(await t.client().post('/invitations/accept', { token, password: strongPassword }), 400, 'invalid_token');
    });

    it('expires after organizations.invitationTtlSeconds (7 days), on the server clock', async () => {
      const email = uniqueEmail('late');
      const { invitation, token } = await invite(admin, email);
      assert.equal(new Date(invitation.expiresAt).getTime() - t.clock.now().getTime(), 7 * day);
      t.clock.advance(7 * day - 1000);
      const almost = await admin.client.get(`/orgs/${orgId}/invitations?limit=100`);
      assert.equal(almost.body.items.find((i: { id: string }) => i.id === invitation.id).expired, false);
      t.clock.advance(1000);
      assertProblem(await t.client().post('/invitations/accept', { token, password: strongPassword }), 400, 'invalid_token');
      const listed = await admin.client.get(`/orgs/${orgId}/invitations?limit=100`);
      assert.equal(listed.body.items.find((i: { id: string }) => i.id === invitation.id).expired, true, 'listed as expired until resent or revoked');
      // A resend makes a new link with a new period; the old one stays dead.
      const mark = t.mail.messages.length;
      const resent = await admin.client.post(`/orgs/${orgId}/invitations/${invitation.id}/resend`);
      assert.equal(resent.status, 202, resent.text);
      assert.equal(resent.body.invitation.expired, false);
      const fresh = await invitationToken(t, email, mark);
      assert.notEqual(fresh, token);
      assertProblem(await t.client().post('/invitations/accept', { token, password: strongPassword }), 400, 'invalid_token');
      assert.equal((await t.client().post('/invitations/accept', { token: fresh, password: strongPassword })).status, 200);
    });

    it('kills a revoked link and takes it off the list', async () => {
      const { invitation, token } = await invite(admin, uniqueEmail('revoked'));
      assert.equal((await admin.client.delete(`/orgs/${orgId}/invitations/${invitation.id}`)).status, 204);
      assertProblem(await t.client().post('/invitations/accept', { token, password: strongPassword }), 400, 'invalid_token');
      const listed = (await admin.client.get(`/orgs/${orgId}/invitations?limit=100`)).body.items.map((i: { id: string }) => i.id);
      assert.ok(!listed.includes(invitation.id));
      assertProblem(await admin.client.delete(`/orgs/${orgId}/invitations/${invitation.id}`), 404, 'not_found');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations/${invitation.id}/resend`), 404, 'not_found');
    });

    it('replaces the pending invitation of an address on a re-invite: the first link stops working', async () => {
      const email = uniqueEmail('again');
      const first = await invite(admin, email, 'viewer');
      const second = await invite(owner, email, 'manager');
      assertProblem(await t.client().post('/invitations/accept', { token: first.token, password: strongPassword }), 400, 'invalid_token');
      const pending = (await admin.client.get(`/orgs/${orgId}/invitations?limit=100`)).body.items.filter((i: { email: string }) => i.email === email);
      assert.deepEqual(pending.map((i: { id: string; role: string }) => [i.id, i.role]), [[second.invitation.id, 'manager']]);
      const accepted = await t.client().post('/invitations/accept', { token: second.token, password: strongPassword });
      assert.equal(accepted.status, 200, accepted.text);
    });

    it('keeps one pending invitation per address and organization under 10 parallel invites', async () => {
      const inviter = await person(t, 'Busy Inviter');
      await t.latch.organizations.addMember(orgId, { userId: inviter.id, role: 'admin' });
      const email = uniqueEmail('parallel');
      const mark = t.mail.messages.length;
      const answers = await Promise.all(Array.from({ length: 10 }, () => inviter.client.post(`/orgs/${orgId}/invitations`, { email, role: 'viewer' })));
      assert.deepEqual(answers.map((a) => a.status), Array(10).fill(201), answers.map((a) => a.text).join('\n'));
      const rows = await t.latch.database.knex('organization_invitations').where({ organization_id: orgId, email_normalized: email.toLowerCase() });
      assert.equal(rows.length, 10);
      assert.equal(rows.filter((r) => r.accepted_at === null && r.revoked_at === null).length, 1, 'exactly one pending');
      // Every one was emailed; only the pending one's link works.
      const deadline = Date.now() + 10_000;
      while (t.mail.messages.slice(mark).filter((m) => m.to.includes(email.toLowerCase())).length < 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const tokens = t.mail.messages.slice(mark).filter((m) => m.to.includes(email.toLowerCase()))
        .map((m) => /\/accept-invite\?token=([A-Za-z0-9_-]+)/.exec(m.text)![1]!);
      assert.equal(tokens.length, 10);
      const results = [];
      for (const token of tokens) results.push((await t.client().post('/invitations/accept', { token, password: strongPassword })).status);
      assert.deepEqual(results.sort(), [200, ...Array(9).fill(400)]);
    });

    it('limits invitations (and resends) per inviter per hour', async () => {
      const inviter = await person(t, 'Eager Inviter');
      await t.latch.organizations.addMember(orgId, { userId: inviter.id, role: 'admin' });
      let last;
      for (let i = 0; i < perInviterPerHour; i++) {
        last = await inviter.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('limited'), role: 'viewer' });
        assert.equal(last.status, 201, last.text);
      }
      assertProblem(await inviter.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('limited'), role: 'viewer' }), 429, 'rate_limited');
      assertProblem(await inviter.client.post(`/orgs/${orgId}/invitations/${last!.body.invitation.id}/resend`), 429, 'rate_limited');
      assert.equal((await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('other'), role: 'viewer' })).status, 201, 'another inviter is not limited');
      t.clock.advance(3600_000);
      assert.equal((await inviter.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('later'), role: 'viewer' })).status, 201, 'the next hour');
    });

    it('refuses to invite a member (409 already_member)', async () => {
      const member = await person(t, 'Already In');
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'viewer' });
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: member.email.toUpperCase(), role: 'manager' }), 409, 'already_member');
    });

    it('asks an existing account to sign in (401), refuses another account (403 invitation_mismatch), then joins on the session', async () => {
      const invitee = await person(t, 'Existing Invitee');
      const other = await person(t, 'Someone Else');
      const { token } = await invite(admin, invitee.email, 'manager');
      const mail = t.mail.messages.findLast((m) => m.to.includes(invitee.email.toLowerCase()))!;
      assert.match(mail.text, /sign in with it, then open the link/);

      const anonymous = await t.client().post('/invitations/accept', { token, password: strongPassword });
      assertProblem(anonymous, 401, 'unauthenticated');
      assert.equal(anonymous.body.detail, `Sign in as ${invitee.email} to accept`);
      assertProblem(await other.client.post('/invitations/accept', { token }), 403, 'invitation_mismatch');
      assertProblem(await other.client.get(`/orgs/${orgId}`), 404, 'not_found');

      const sessionBefore = (await invitee.client.get('/me')).body.session.id;
      const joined = await invitee.client.post('/invitations/accept', { token });
      assert.equal(joined.status, 200, joined.text);
      assert.equal(joined.body.session.id, sessionBefore, 'joined on the current session');
      assert.deepEqual(joined.body.organization, { id: orgId, name: 'Acme Labs', slug: 'acme-labs' });
      assert.equal((await invitee.client.get('/me')).body.activeOrganization.role, 'manager');
      assert.equal((await invitee.client.get(`/orgs/${orgId}`)).body.role, 'manager');
      assertProblem(await invitee.client.post('/invitations/accept', { token }), 400, 'invalid_token');
    });

    it('refuses a signed-in account an invitation to a new address (403 invitation_mismatch)', async () => {
      const other = await person(t, 'Signed In');
      const { token } = await invite(admin, uniqueEmail('fresh'));
      assertProblem(await other.client.post('/invitations/accept', { token, password: strongPassword }), 403, 'invitation_mismatch');
      assert.equal((await t.client().post('/invitations/accept', { token, password: strongPassword })).status, 200, 'the link still works for its address');
    });

    it('withholds a role that needs a second factor until the member sets one up', async () => {
      const email = uniqueEmail('auditor');
      const { token } = await invite(owner, email, 'auditor');
      const browser = t.client();
      const accepted = await browser.post('/invitations/accept', { token, password: strongPassword });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal(accepted.body.organization.id, orgId);
      // A member, but the membership grants nothing yet.
      assert.equal((await browser.get('/me')).body.activeOrganization, null);
      const refused = await browser.get(`/orgs/${orgId}`);
      assertProblem(refused, 403, 'forbidden');
      assert.equal(refused.body.twoFactorSetupRequired, true);
      assert.deepEqual((await browser.get('/orgs')).body.items.map((o: { id: string; twoFactorSetupRequired?: boolean }) => [o.id, o.twoFactorSetupRequired]), [[orgId, true]]);
      assert.equal((await t.latch.organizations.membership(accepted.body.user.id, orgId)), null);

      await enableTotp(t, browser, strongPassword);
      assert.equal((await browser.get(`/orgs/${orgId}`)).body.role, 'auditor');
      assert.equal((await browser.get('/me')).body.activeOrganization.role, 'auditor');
      assert.equal((await browser.get('/orgs')).body.items[0].twoFactorSetupRequired, undefined);
      assert.equal((await browser.get(`/orgs/${orgId}/activity`)).status, 200);
    });

    it('lets an existing account with a second factor join a role that needs one at once', async () => {
      const invitee = await person(t, 'Secured Invitee');
      await enableTotp(t, invitee.client, strongPassword);
      const { token } = await invite(owner, invitee.email, 'auditor');
      assert.equal((await invitee.client.post('/invitations/accept', { token })).status, 200);
      assert.equal((await invitee.client.get(`/orgs/${orgId}`)).body.role, 'auditor');
    });

    it('refuses an invitation for a role above the inviter\'s, a kind not allowed, or an invalid address', async () => {
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('x'), role: 'owner' }), 403, 'forbidden');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('x'), role: 'emperor' }), 422, 'validation_failed');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: uniqueEmail('x'), role: 'viewer', kind: 'Not A Kind' }), 422, 'validation_failed');
      assertProblem(await admin.client.post(`/orgs/${orgId}/invitations`, { email: 'not an address', role: 'viewer' }), 422, 'validation_failed');
    });
  });
}
