import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger, type AnyLatchEvent, type Logger } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

/** A logger that keeps error records (handler failures are logged there). */
function recordingLogger(): Logger & { errors: Array<Record<string, unknown>> } {
  const errors: Array<Record<string, unknown>> = [];
  return { ...silentLogger, errors, error: (fields) => { errors.push(fields); } };
}

for (const kind of testDatabaseKinds()) {
  describe(`account events on ${kind}`, () => {
    let t: TestServer;
    const logger = recordingLogger();
    const heard: AnyLatchEvent[] = [];
    /** Events heard since `mark`, by type. */
    const since = (mark: number) => heard.slice(mark);
    const ofType = <T extends AnyLatchEvent['type']>(events: AnyLatchEvent[], type: T) =>
      events.filter((e): e is Extract<AnyLatchEvent, { type: T }> => e.type === type);

    before(async () => {
      t = await createTestServer({ database: kind, config: { logger } });
      t.latch.events.on('*', (event) => { heard.push(event); });
    });
    after(() => t.close());

    it('announces each change of an account after it commits, with ids and no secret', async () => {
      let mark = heard.length;
      const newPassword = 'amber-cobalt-ferry-73';
      const { client, userId, email, password } = await t.signedInUser({ displayName: 'Events Person' });
      const created = ofType(since(mark), 'user.created');
      assert.equal(created.length, 1);
      assert.deepEqual(created[0]!.data, {
        userId, email, displayName: 'Events Person', roles: [], kind: 'user', emailVerified: false, source: 'sign_up', actorId: userId,
      });
      assert.match(created[0]!.id, /^[0-9a-f-]{36}$/);
      assert.ok(!Number.isNaN(Date.parse(created[0]!.occurredAt)));
      assert.deepEqual(ofType(since(mark), 'user.updated').map((e) => e.data), [{ userId, fields: ['emailVerified'], changes: { emailVerified: true }, actorId: userId }]);
      const firstSession = ofType(since(mark), 'session.created');
      assert.equal(firstSession.length, 1);
      assert.equal(firstSession[0]!.data.method, 'email_link');
      assert.equal(firstSession[0]!.data.ip, '127.0.0.1');

      mark = heard.length;
      assert.equal((await client.patch('/me', { displayName: 'Renamed Person' })).status, 200);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['user.updated', { userId, fields: ['displayName'], changes: { displayName: 'Renamed Person' }, actorId: userId }]]);

      // A second browser signs in, and the first revokes it.
      mark = heard.length;
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email, password })).status, 200);
      const otherSession = ofType(since(mark), 'session.created')[0]!;
      assert.equal(otherSession.data.method, 'password');
      mark = heard.length;
      assert.equal((await client.delete(`/me/sessions/${otherSession.data.sessionId}`)).status, 204);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['session.revoked', { userId, sessionId: otherSession.data.sessionId, reason: 'revoked' }]]);

      mark = heard.length;
      // Read from another connection inside the handler: it sees the key, so the change was committed.
      let visible: Promise<unknown> | undefined;
      const off = t.latch.events.on('api_key.created', (e) => { visible = t.latch.database.knex('api_keys').where({ id: e.data.apiKeyId }).first(); });
      const key = await client.post('/me/api-keys', { name: 'ci', scopes: ['read'], password });
      off();
      assert.ok(await visible, 'the handler ran after the commit');
      assert.equal(key.status, 201, key.text);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['api_key.created', {
        userId, apiKeyId: key.body.apiKey.id, name: 'ci', prefix: key.body.apiKey.prefix, scopes: ['read'], expiresAt: null,
      }]]);
      mark = heard.length;
      assert.equal((await client.delete(`/me/api-keys/${key.body.apiKey.id}`)).status, 204);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['api_key.revoked', { userId, apiKeyId: key.body.apiKey.id, reason: 'revoked' }]]);

      mark = heard.length;
      const enabled = await client.post('/me/two-factor/email/enable', { password });
      assert.equal(enabled.status, 200, enabled.text);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['two_factor.changed', { userId, method: 'email', change: 'enabled' }]]);

      mark = heard.length;
      assert.equal((await client.post('/me/password', { currentPassword: password, newPassword })).status, 204);
      assert.deepEqual(ofType(since(mark), 'password.changed').map((e) => e.data), [{ userId, how: 'changed' }]);

      mark = heard.length;
      const current = firstSession[0]!.data.sessionId;
      assert.equal((await client.post('/sign-out')).status, 204);
      assert.deepEqual(since(mark).map((e) => [e.type, e.data]), [['session.revoked', { userId, sessionId: current, reason: 'signed_out' }]]);

      // Nothing secret in any event: no password, no session cookie, no API key.
      const all = JSON.stringify(heard);
      for (const secret of [password, newPassword, key.body.secret, ...client.cookies.values(), ...other.cookies.values()]) {
        assert.ok(!all.includes(secret), 'an event carries a secret');
      }
      const ids = heard.map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, 'every event has its own id');
    });

    it('announces an administrator creating and disabling an account, with what the disabling revoked', async () => {
      const adminEmail = uniqueEmail('events-admin');
      let mark = heard.length;
      const { user: admin } = await t.latch.provisionUser({ email: adminEmail, password: strongPassword, roles: ['admin'], displayName: 'Ada' });
      assert.deepEqual(ofType(since(mark), 'user.created').map((e) => e.data.source), ['provisioned']);
      const adminClient = t.client();
      assert.equal((await adminClient.post('/sign-in', { email: adminEmail, password: strongPassword })).status, 200);

      const { client, userId, password } = await t.signedInUser();
      const key = await client.post('/me/api-keys', { name: 'deploy', scopes: ['read'], password });
      mark = heard.length;
      const patched = await adminClient.patch(`/admin/users/${userId}`, { disabled: true, displayName: 'Gone Person' });
      assert.equal(patched.status, 200, patched.text);
      const events = since(mark);
      assert.deepEqual(ofType(events, 'user.updated').map((e) => e.data), [{
        userId, fields: ['displayName', 'disabled'], changes: { displayName: 'Gone Person', disabled: true }, actorId: admin.id,
      }]);
      assert.deepEqual(ofType(events, 'user.disabled').map((e) => e.data), [{ userId, actorId: admin.id }]);
      assert.equal(ofType(events, 'session.revoked').length, 1, 'the user\'s one session');
      assert.deepEqual(ofType(events, 'api_key.revoked').map((e) => e.data), [{ userId, apiKeyId: key.body.apiKey.id, reason: 'account_disabled' }]);
    });

    it('announces nothing for a change that rolls back', async () => {
      const { client, userId } = await t.signedInUser();
      const mark = heard.length;
      // A multi-step write whose later step fails: the revocations it made are undone, and unheard.
      await assert.rejects(t.latch.storage.transaction(async (tx) => {
        assert.equal(await t.latch.services.sessions.revokeAll(tx, userId), 1);
        throw new Error('a later step failed');
      }), /a later step failed/);
      assert.deepEqual(since(mark), []);
      assert.equal((await client.get('/me')).status, 200, 'the session was never revoked');
      // The same revocation committed is heard.
      await t.latch.storage.transaction((tx) => t.latch.services.sessions.revokeAll(tx, userId));
      assert.deepEqual(since(mark).map((e) => e.type), ['session.revoked']);
    });

    it('keeps the request and the other handlers going when a handler throws or rejects', async () => {
      const good: AnyLatchEvent[] = [];
      const offs = [
        t.latch.events.on('user.updated', () => { throw new Error('handler bug'); }),
        t.latch.events.on('user.updated', async () => { throw new Error('async handler bug'); }),
        t.latch.events.on('user.updated', (event) => { good.push(event); }),
      ];
      const errorsBefore = logger.errors.length;
      try {
        const { client, userId } = await t.signedInUser();
        good.length = 0;
        const r = await client.patch('/me', { displayName: 'Still Works' });
        assert.equal(r.status, 200);
        assert.equal(r.body.user.displayName, 'Still Works');
        assert.deepEqual(good.map((e) => e.data.userId), [userId]);
        await new Promise((resolve) => setImmediate(resolve));
        const failures = logger.errors.slice(errorsBefore).filter((f) => f.event === 'event.handler_failed');
        assert.ok(failures.length >= 4, 'both failures logged for each of the two user.updated events (verification, rename)');
        assert.ok(failures.every((f) => f.eventType === 'user.updated' && typeof f.eventId === 'string'));
      } finally {
        for (const off of offs) off();
      }
      // Unsubscribed handlers hear nothing more.
      good.length = 0;
      const { client } = await t.signedInUser();
      await client.patch('/me', { displayName: 'After Off' });
      assert.deepEqual(good, []);
    });

    it('refuses a subscription to an unknown event type', () => {
      assert.throws(() => t.latch.events.on('session.create' as never, () => {}), /unknown event type "session.create"/);
    });
  });
}
