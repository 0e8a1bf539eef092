import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';

for (const kind of testDatabaseKinds()) {
  describe(`profile on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('changes the display name', async () => {
      const { client } = await t.signedInUser();
      const r = await client.patch('/me', { displayName: '  Zoë Example  ' });
      assert.equal(r.status, 200);
      assert.equal(r.body.user.displayName, 'Zoë Example');
      assert.equal((await client.get('/me')).body.user.displayName, 'Zoë Example');
    });

    it('ignores privileged fields in PATCH /me', async () => {
      const { client, email } = await t.signedInUser();
      const before = (await client.get('/me')).body.user;
      const raw = JSON.stringify({
        displayName: 'Still Me',
        roles: ['super_admin'], role: 'admin', email: 'taken-over@example.com', emailVerified: false,
        disabled: true, kind: 'employee', id: '00000000-0000-4000-8000-000000000000', passwordHash: 'x',
        constructor: { prototype: { isAdmin: true } },
      }).replace(/}$/, ',"__proto__":{"roles":["super_admin"],"isAdmin":true}}');
      const r = await client.request('PATCH', '/me', { raw, contentType: 'application/json' });
      assert.equal(r.status, 200);
      const after = (await client.get('/me')).body.user;
      assert.equal(after.displayName, 'Still Me');
      assert.deepEqual({ ...after, displayName: before.displayName }, before, 'nothing but the name changed');
      assert.equal(after.email, email);
      assert.deepEqual(after.roles, []);
      assert.equal((await client.get('/admin/users')).status, 403, 'no admin rights were gained');
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined, 'no prototype pollution');
      assert.equal((await t.client().get('/config')).status, 200, 'the server is healthy');
    });

    it('refuses control characters and angle brackets in the display name', async () => {
      const { client } = await t.signedInUser();
      for (const displayName of ['Bob\r\nBcc: x@y.test', '<a href=https://evil>click</a>', 'a'.repeat(101)]) {
        const r = await client.patch('/me', { displayName });
        assert.equal(r.status, 422, JSON.stringify(displayName));
        assert.equal(r.body.code, 'validation_failed');
      }
    });

    it('needs a signed-in session', async () => {
      const r = await t.client().patch('/me', { displayName: 'X' });
      assert.equal(r.status, 401);
    });

    it('lists the user\'s own security events, newest first, without request ids', async () => {
      const { client, email } = await t.signedInUser();
      await t.client().post('/sign-in', { email, password: 'wrong-password-activity' });
      await client.patch('/me', { displayName: 'Active Person' });
      const r = await client.get('/me/activity');
      assert.equal(r.status, 200);
      const types = r.body.items.map((e: { type: string }) => e.type);
      assert.deepEqual(types.slice(0, 2), ['profile.updated', 'sign_in.failed']);
      assert.ok(types.includes('sign_in.succeeded') && types.includes('user.signed_up'));
      for (const e of r.body.items) {
        assert.match(e.at, /Z$/);
        assert.ok(!('requestId' in e.detail));
      }
      const other = await t.signedInUser();
      const theirs = (await other.client.get('/me/activity')).body.items;
      assert.ok(theirs.every((e: { id: string }) => !r.body.items.some((mine: { id: string }) => mine.id === e.id)), 'no one else\'s events');
    });
  });
}
