import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestClient, type TestServer,
} from '@latch/server-sdk/testing';

for (const kind of testDatabaseKinds()) {
  describe(`administration on ${kind}`, () => {
    let t: TestServer;
    let superAdmin: { client: TestClient; id: string; email: string };
    let admin: { client: TestClient; id: string; email: string };
    let manager: { client: TestClient; id: string; email: string };

    /** An account made by provisioning (as the CLI does), signed in through HTTP. */
    async function account(roles: string[], options: { kind?: string; displayName?: string } = {}) {
      const email = uniqueEmail(roles[0] ?? 'member');
      const { user } = await t.latch.provisionUser({ email, password: strongPassword, roles, kind: options.kind, displayName: options.displayName ?? 'Someone' });
      const client = t.client();
      const signIn = await client.post('/sign-in', { email, password: strongPassword });
      assert.equal(signIn.status, 200, signIn.text);
      return { client, id: user.id, email };
    }

    before(async () => {
      t = await createTestServer({ database: kind });
      superAdmin = await account(['super_admin'], { displayName: 'Root' });
      admin = await account(['admin'], { displayName: 'Ada Admin' });
      manager = await account(['manager']);
    });
    after(() => t.close());

    const someId = '00000000-0000-4000-8000-000000000000';
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/admin/users'],
      ['GET', `/admin/users/${someId}`],
      ['POST', '/admin/users', { email: 'x@example.com', displayName: 'X', roles: [] }],
      ['PATCH', `/admin/users/${someId}`, { displayName: 'X' }],
      ['POST', `/admin/users/${someId}/password-reset`, {}],
      ['DELETE', `/admin/users/${someId}/sessions`],
      ['GET', '/admin/audit'],
    ];

    it('answers anonymous callers with 401 on every admin route', async () => {
      for (const [method, path, body] of routes) {
        const r = await t.client().request(method, path, { body });
        assert.equal(r.status, 401, `${method} ${path}`);
        assert.equal(r.body.code, 'unauthenticated');
      }
    });

    it('answers a signed-in user without an admin role with 403 on every admin route', async () => {
      const { client } = await t.signedInUser();
      for (const [method, path, body] of routes) {
        const r = await client.request(method, path, { body });
        assert.equal(r.status, 403, `${method} ${path}`);
        assert.equal(r.body.code, 'forbidden');
        assert.equal(r.headers.get('content-type'), 'application/problem+json');
      }
    });

    it('lets a manager read users and the audit trail but change nothing', async () => {
      const target = await t.signedInUser();
      assert.equal((await manager.client.get('/admin/users')).status, 200);
      assert.equal((await manager.client.get(`/admin/users/${target.userId}`)).status, 200);
      assert.equal((await manager.client.get('/admin/audit')).status, 200);
      const writes: Array<[string, string, unknown?]> = [
        ['POST', '/admin/users', { email: uniqueEmail(), displayName: 'X', roles: [] }],
        ['PATCH', `/admin/users/${target.userId}`, { disabled: true }],
        ['POST', `/admin/users/${target.userId}/password-reset`, {}],
        ['DELETE', `/admin/users/${target.userId}/sessions`],
      ];
      for (const [method, path, body] of writes) {
        const r = await manager.client.request(method, path, { body });
        assert.equal(r.status, 403, `${method} ${path}`);
      }
      assert.equal((await target.client.get('/me')).status, 200, 'the target was not touched');
    });

    it('lists users with text, role and kind filters and a cursor', async () => {
      const tag = `zz${Date.now().toString(36)}`;
      const made = [];
      for (let i = 0; i < 3; i++) {
        made.push(await t.latch.provisionUser({ email: `${tag}.${i}@example.com`, displayName: `Clinician ${i}`, kind: 'clinician', roles: i === 0 ? ['manager'] : [] }));
      }
      const all = await admin.client.get(`/admin/users?query=${tag}`);
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.items.map((u: { email: string }) => u.email), made.map((m) => m.user.email));
      assert.equal(all.body.items[0].disabled, false, 'admins see the status');
      assert.ok(!('passwordHash' in all.body.items[0]));

      const first = await admin.client.get(`/admin/users?query=${tag}&limit=2`);
      assert.equal(first.body.items.length, 2);
      assert.ok(first.body.nextCursor);
      const second = await admin.client.get(`/admin/users?query=${tag}&limit=2&cursor=${first.body.nextCursor}`);
      assert.deepEqual(second.body.items.map((u: { email: string }) => u.email), [made[2]!.user.email]);
      assert.equal(second.body.nextCursor, null);

      const managers = await admin.client.get(`/admin/users?query=${tag}&role=manager`);
      assert.deepEqual(managers.body.items.map((u: { id: string }) => u.id), [made[0]!.user.id]);
      const clinicians = await admin.client.get(`/admin/users?kind=clinician&query=${tag}`);
      assert.equal(clinicians.body.items.length, 3);
      const none = await admin.client.get(`/admin/users?kind=employee&query=${tag}`);
      assert.equal(none.body.items.length, 0);
    });

    it('refuses malformed list queries with 422, never 500', async () => {
      for (const query of ['limit=0', 'limit=abc', 'limit=101', 'role=owner', 'cursor=%00', 'query=%00', 'kind=Bad%20Kind']) {
        const r = await admin.client.get(`/admin/users?${query}`);
        assert.equal(r.status, 422, query);
        assert.equal(r.body.code, 'validation_failed');
      }
      for (const query of ['userId=not-a-uuid', 'type=DROP%20TABLE', 'cursor=%2F%2F']) {
        assert.equal((await admin.client.get(`/admin/audit?${query}`)).status, 422, query);
      }
      const cursorNul = await admin.client.get('/admin/users?cursor=AA');
      assert.equal(cursorNul.status, 422, 'a cursor that decodes to a NUL byte is refused, not read as the first page');
    });

    it('creates an account with an invitation link that sets the password once', async () => {
      const email = uniqueEmail('invited');
      const created = await admin.client.post('/admin/users', { email, displayName: 'Invited Person', roles: ['manager'], kind: 'employee' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.user.email, email);
      assert.deepEqual(created.body.user.roles, ['manager']);
      assert.equal(created.body.user.kind, 'employee');
      assert.equal(created.body.user.emailVerified, true);

      const mail = await t.mail.waitFor(email, (m) => m.text.includes('/accept-invite?token='));
      assert.match(mail.text, /Ada Admin/);
      const link = new URL(mail.text.match(/https?:\/\/\S+accept-invite\S+/)![0]);
      assert.equal(link.origin, t.origin);
      const token = tokenIn(mail, '/accept-invite');

      const noPassword = await t.client().post('/sign-in', { email, password: strongPassword });
      assert.equal(noPassword.status, 401, 'no password works before the invitation is accepted');

      const invited = t.client();
      const accepted = await invited.post('/invitations/accept', { token, password: 'amber-lantern-river-77' });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal((await invited.get('/me')).body.user.email, email);
      const again = await t.client().post('/invitations/accept', { token, password: 'another-amber-lantern-9' });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'invalid_token');
      assert.equal((await t.client().post('/sign-in', { email, password: 'amber-lantern-river-77' })).status, 200);
    });

    it('refuses an address that is taken with email_taken', async () => {
      const { email } = await t.signedInUser();
      const r = await admin.client.post('/admin/users', { email: email.toUpperCase(), displayName: 'Dup', roles: [] });
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 'email_taken');
    });

    it('validates the new account: unknown roles, bad kind and bad email are 422', async () => {
      for (const body of [
        { email: uniqueEmail(), displayName: 'X', roles: ['owner'] },
        { email: uniqueEmail(), displayName: 'X', roles: [], kind: 'Not A Kind' },
        { email: 'not-an-email', displayName: 'X', roles: [] },
        { email: uniqueEmail(), displayName: 'X\r\nBcc: evil@example.com', roles: [] },
        { email: uniqueEmail(), roles: [] },
      ]) {
        const r = await admin.client.post('/admin/users', body);
        assert.equal(r.status, 422, JSON.stringify(body));
        assert.equal(r.body.code, 'validation_failed');
      }
    });

    it('refuses escalation: an admin cannot grant super_admin or admin, a super_admin can', async () => {
      for (const roles of [['super_admin'], ['admin'], ['manager', 'admin']]) {
        const r = await admin.client.post('/admin/users', { email: uniqueEmail(), displayName: 'X', roles });
        assert.equal(r.status, 403, roles.join());
        assert.equal(r.body.code, 'forbidden');
      }
      const member = await t.signedInUser();
      for (const roles of [['super_admin'], ['admin']]) {
        const r = await admin.client.patch(`/admin/users/${member.userId}`, { roles });
        assert.equal(r.status, 403, roles.join());
      }
      assert.deepEqual((await member.client.get('/me')).body.user.roles, []);
      const asManager = await admin.client.patch(`/admin/users/${member.userId}`, { roles: ['manager'] });
      assert.equal(asManager.status, 200);
      assert.deepEqual(asManager.body.user.roles, ['manager']);

      const promoted = await superAdmin.client.patch(`/admin/users/${member.userId}`, { roles: ['admin'] });
      assert.equal(promoted.status, 200);
      const created = await superAdmin.client.post('/admin/users', { email: uniqueEmail(), displayName: 'X', roles: ['super_admin'] });
      assert.equal(created.status, 201);
    });

    it('takes role changes into effect on existing sessions at once', async () => {
      const member = await t.signedInUser();
      assert.equal((await member.client.get('/admin/users')).status, 403);
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { roles: ['manager'] })).status, 200);
      assert.equal((await member.client.get('/admin/users')).status, 200, 'promotion applies without signing in again');
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { roles: [] })).status, 200);
      assert.equal((await member.client.get('/admin/users')).status, 403, 'demotion applies at once');
    });

    it('does not let an admin change their own roles', async () => {
      const self = await account(['admin']);
      const roles = await self.client.patch(`/admin/users/${self.id}`, { roles: ['admin', 'manager'] });
      assert.equal(roles.status, 403);
      const drop = await self.client.patch(`/admin/users/${self.id}`, { roles: [] });
      assert.equal(drop.status, 403);
      const name = await self.client.patch(`/admin/users/${self.id}`, { displayName: 'Renamed Admin' });
      assert.equal(name.status, 200, 'other own fields may change');
      const rootSelf = await superAdmin.client.patch(`/admin/users/${superAdmin.id}`, { roles: [] });
      assert.equal(rootSelf.status, 403);
    });

    it('does not let an admin change a super_admin or another admin', async () => {
      const otherAdmin = await account(['admin']);
      for (const target of [superAdmin.id, otherAdmin.id]) {
        for (const body of [{ disabled: true }, { roles: [] }, { displayName: 'Pwned' }]) {
          const r = await admin.client.patch(`/admin/users/${target}`, body);
          assert.equal(r.status, 403, `${target} ${JSON.stringify(body)}`);
        }
        assert.equal((await admin.client.post(`/admin/users/${target}/password-reset`, {})).status, 403);
        assert.equal((await admin.client.delete(`/admin/users/${target}/sessions`)).status, 403);
      }
      assert.equal((await otherAdmin.client.get('/me')).status, 200);
    });

    it('refuses to disable the last enabled super_admin with 409 conflict', async () => {
      const others = (await superAdmin.client.get('/admin/users?role=super_admin&limit=100')).body.items
        .filter((u: { id: string; disabled: boolean }) => u.id !== superAdmin.id && !u.disabled)
        .map((u: { id: string }) => u.id) as string[];
      for (const id of others) assert.equal((await superAdmin.client.patch(`/admin/users/${id}`, { disabled: true })).status, 200);
      try {
        const r = await superAdmin.client.patch(`/admin/users/${superAdmin.id}`, { disabled: true });
        assert.equal(r.status, 409);
        assert.equal(r.body.code, 'conflict');
        assert.equal((await superAdmin.client.get('/me')).status, 200, 'still enabled and signed in');
      } finally {
        for (const id of others) await superAdmin.client.patch(`/admin/users/${id}`, { disabled: false });
      }
      const spare = await account(['super_admin']);
      const selfDisable = await spare.client.patch(`/admin/users/${spare.id}`, { disabled: true });
      assert.equal(selfDisable.status, 200, 'a super_admin who is not the last may disable their own account');
      assert.equal((await spare.client.get('/me')).status, 401);
    });

    it('never removes the last super_admin, even when two demote each other at once', async () => {
      // A fresh pair of super admins on top of the shared one; the shared one is disabled meanwhile
      // by nobody, so the invariant is checked by the pair racing and then by the survivor alone.
      const one = await account(['super_admin']);
      const two = await account(['super_admin']);
      const [a, b] = await Promise.all([
        one.client.patch(`/admin/users/${two.id}`, { roles: [] }),
        two.client.patch(`/admin/users/${one.id}`, { roles: [] }),
      ]);
      const statuses = [a.status, b.status].sort();
      assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses ${statuses}`);
      assert.ok([403, 409].includes(statuses[1]!), `statuses ${statuses}`);
      const left = await superAdmin.client.get('/admin/users?role=super_admin&limit=100');
      const ids = left.body.items.map((u: { id: string }) => u.id);
      assert.equal([one.id, two.id].filter((id) => ids.includes(id)).length, 1, 'exactly one of the pair keeps the role');
    });

    it('disabling ends every session at once, voids pending links, and enabling lets the user back', async () => {
      const member = await t.signedInUser();
      const second = t.client();
      assert.equal((await second.post('/sign-in', { email: member.email, password: member.password })).status, 200);
      await t.client().post('/password/forgot', { email: member.email });
      const resetToken = tokenIn(await t.mail.waitFor(member.email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');

      const disabled = await admin.client.patch(`/admin/users/${member.userId}`, { disabled: true });
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.user.disabled, true);
      assert.equal((await member.client.get('/me')).status, 401);
      assert.equal((await second.get('/me')).status, 401);
      const signIn = await t.client().post('/sign-in', { email: member.email, password: member.password });
      assert.equal(signIn.status, 403);
      assert.equal(signIn.body.code, 'account_disabled');
      const reset = await t.client().post('/password/reset', { token: resetToken, newPassword: 'copper-meadow-tunnel-5' });
      assert.equal(reset.status, 400, 'a pending reset link dies with the account');

      const enabled = await admin.client.patch(`/admin/users/${member.userId}`, { disabled: false });
      assert.equal(enabled.body.user.disabled, false);
      assert.equal((await t.client().post('/sign-in', { email: member.email, password: member.password })).status, 200);
      assert.equal((await t.client().post('/password/reset', { token: resetToken, newPassword: 'copper-meadow-tunnel-5' })).status, 400, 'the voided link stays void');
    });

    it('disabling stops API key use at once, and admin routes refuse API keys', async () => {
      const member = await t.signedInUser();
      const created = await member.client.post('/me/api-keys', { name: 'ci', scopes: ['read'], password: member.password });
      assert.equal(created.status, 201, created.text);
      const bearer = { authorization: `Bearer ${created.body.secret}` };
      assert.equal((await t.client().get('/me', { headers: bearer })).status, 200, 'the key works and is now cached');
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { disabled: true })).status, 200);
      assert.equal((await t.client().get('/me', { headers: bearer })).status, 401, 'refused from the next request on');
      assert.equal((await admin.client.patch(`/admin/users/${member.userId}`, { disabled: false })).status, 200);

      const root = await superAdmin.client.post('/me/api-keys', { name: 'admin-key', scopes: ['read', 'write'], password: strongPassword });
      assert.equal(root.status, 201, root.text);
      const viaKey = await t.client().get('/admin/users', { headers: { authorization: `Bearer ${root.body.secret}` } });
      assert.equal(viaKey.status, 403, 'administration needs a signed-in browser session');
    });

    it('emails a reset link on request; the admin never sees or sets a password', async () => {
      const member = await t.signedInUser();
      const r = await admin.client.post(`/admin/users/${member.userId}/password-reset`, {});
      assert.equal(r.status, 202);
      assert.doesNotMatch(r.text, /token|password/i);
      const mail = await t.mail.waitFor(member.email, (m) => m.text.includes('/reset-password?token='));
      const token = tokenIn(mail, '/reset-password');
      assert.equal((await t.client().post('/password/reset', { token, newPassword: 'saffron-glacier-piano-8' })).status, 204);
      assert.equal((await member.client.get('/me')).status, 401, 'the reset signed every session out');

      const setPassword = await admin.client.patch(`/admin/users/${member.userId}`, { password: 'admin-chosen-password-1', passwordHash: 'x' });
      assert.equal(setPassword.status, 200, 'unknown fields are ignored');
      assert.equal((await t.client().post('/sign-in', { email: member.email, password: 'admin-chosen-password-1' })).status, 401);
      assert.equal((await t.client().post('/sign-in', { email: member.email, password: 'saffron-glacier-piano-8' })).status, 200);
    });

    it('ends every session of a user', async () => {
      const member = await t.signedInUser();
      const other = t.client();
      await other.post('/sign-in', { email: member.email, password: member.password });
      assert.equal((await admin.client.delete(`/admin/users/${member.userId}/sessions`)).status, 204);
      assert.equal((await member.client.get('/me')).status, 401);
      assert.equal((await other.get('/me')).status, 401);
      assert.equal((await admin.client.get('/me')).status, 200);
    });

    it('answers unknown and malformed ids with 404', async () => {
      for (const id of [someId, 'not-a-uuid', '1%27%20OR%201=1']) {
        assert.equal((await admin.client.get(`/admin/users/${id}`)).status, 404, id);
        assert.equal((await admin.client.patch(`/admin/users/${id}`, { displayName: 'X' })).status, 404, id);
        assert.equal((await admin.client.post(`/admin/users/${id}/password-reset`, {})).status, 404, id);
        assert.equal((await admin.client.delete(`/admin/users/${id}/sessions`)).status, 404, id);
      }
    });

    it('audits every admin action with actor and target', async () => {
      const email = uniqueEmail('audited');
      const created = await admin.client.post('/admin/users', { email, displayName: 'Audited', roles: [] });
      const id = created.body.user.id as string;
      await admin.client.patch(`/admin/users/${id}`, { roles: ['manager'], kind: 'employee' });
      await admin.client.post(`/admin/users/${id}/password-reset`, {});
      await admin.client.delete(`/admin/users/${id}/sessions`);
      await admin.client.patch(`/admin/users/${id}`, { disabled: true });

      const trail = await manager.client.get(`/admin/audit?userId=${id}&limit=100`);
      assert.equal(trail.status, 200);
      const types = trail.body.items.map((e: { type: string }) => e.type);
      assert.deepEqual(types, ['admin.user_updated', 'admin.sessions_revoked', 'admin.password_reset_sent', 'admin.user_updated', 'admin.user_created']);
      for (const event of trail.body.items) {
        assert.equal(event.actorId, admin.id, event.type);
        assert.equal(event.userId, id, event.type);
        assert.match(event.at, /Z$/);
      }
      assert.deepEqual(trail.body.items[3].detail.roles, { from: [], to: ['manager'] });
      assert.equal(trail.body.items[0].detail.disabled, true);

      const byType = await admin.client.get(`/admin/audit?type=admin.sessions_revoked&userId=${id}`);
      assert.deepEqual(byType.body.items.map((e: { type: string }) => e.type), ['admin.sessions_revoked']);
      const paged = await admin.client.get(`/admin/audit?userId=${id}&limit=2`);
      assert.equal(paged.body.items.length, 2);
      const rest = await admin.client.get(`/admin/audit?userId=${id}&limit=10&cursor=${paged.body.nextCursor}`);
      assert.equal(rest.body.items.length, 3);
    });

    it('shows admin actions in the target\'s GET /me/activity', async () => {
      const member = await t.signedInUser();
      await admin.client.patch(`/admin/users/${member.userId}`, { kind: 'employee' });
      const activity = await member.client.get('/me/activity');
      const event = activity.body.items.find((e: { type: string }) => e.type === 'admin.user_updated');
      assert.ok(event, 'the change is in the target\'s activity');
      assert.equal(event.detail.actorId, admin.id);
    });

    it('refuses cross-site admin writes', async () => {
      const member = await t.signedInUser();
      const cookie = [...admin.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const forged = await t.client().request('PATCH', `/admin/users/${member.userId}`, {
        body: { disabled: true }, headers: { origin: 'https://evil.example', cookie },
      });
      assert.equal(forged.status, 403);
      assert.equal(forged.body.code, 'csrf_rejected');
      assert.equal((await member.client.get('/me')).status, 200);
    });
  });
}
