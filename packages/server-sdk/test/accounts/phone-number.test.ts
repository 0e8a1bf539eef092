import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AnyLatchEvent } from '@latch/server-sdk';
import {
  createTestServer, startWebhookReceiver, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer, type WebhookReceiver,
} from '@latch/server-sdk/testing';
import { maskPhoneNumber, normalizePhoneNumber } from '../../src/accounts/phone.js';
import { assertProblem, mailAfter } from '../two-factor/helpers.js';

/** Older than the 5-minute reauthentication window. */
const staleSessionMs = 6 * 60_000;

describe('phone number normalization', () => {
  it('stores E.164 from any international form and refuses numbers without a country or that do not exist', () => {
    assert.equal(normalizePhoneNumber('+44 20 7946 0958'), '+442079460958');
    assert.equal(normalizePhoneNumber(' +44 (0)20-7946-0958 '), '+442079460958');
    assert.equal(normalizePhoneNumber('+1 202.555.0143'), '+12025550143');
    assert.equal(normalizePhoneNumber(null), null);
    assert.equal(normalizePhoneNumber(''), null, 'an empty field removes the number');
    for (const bad of ['020 7946 0958', '+1-800-FLOWERS', '+12', '+999 123', 'call me', '+44 20 7946 0958 1234', '+44\n2079460958', `+44${'0'.repeat(60)}`]) {
      assert.throws(() => normalizePhoneNumber(bad), (error: { code?: string; errors?: Array<{ field: string }> }) => {
        assert.equal(error.code, 'validation_failed', bad);
        assert.equal(error.errors?.[0]?.field, 'phoneNumber');
        return true;
      }, bad);
    }
  });

  it('masks all but the last two digits', () => {
    assert.equal(maskPhoneNumber('+442079460958'), '+**********58');
    assert.equal(maskPhoneNumber(null), null);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`phone numbers on ${kind}`, () => {
    let t: TestServer;
    let hooks: WebhookReceiver;
    const heard: AnyLatchEvent[] = [];
    before(async () => {
      hooks = await startWebhookReceiver();
      t = await createTestServer({ database: kind, config: { webhooks: { url: hooks.url, secret: 'webhook-secret-0123456789-abcdefghijklmnop', pollIntervalMs: 60_000 } } });
      t.latch.events.on('*', (event) => { heard.push(event); });
    });
    after(async () => {
      await t.close();
      await hooks.close();
    });

    it('PATCH /me sets a phone number only with reauthentication, normalized, with a notice, an audit event and user.phone_changed', async () => {
      const { client, email, password, userId } = await t.signedInUser({ displayName: 'Pat Phone' });
      t.clock.advance(staleSessionMs);
      assertProblem(await client.patch('/me', { phoneNumber: '+44 20 7946 0958' }), 403, 'reauthentication_required');
      assertProblem(await client.patch('/me', { phoneNumber: '+44 20 7946 0958', password: 'not-the-password-1' }), 403, 'reauthentication_required');
      assert.equal((await client.get('/me')).body.user.phoneNumber, null, 'nothing changed without proof');

      const mark = t.mail.messages.length;
      const events = heard.length;
      const set = await client.patch('/me', { phoneNumber: '+44 20 7946 0958', password });
      assert.equal(set.status, 200, set.text);
      assert.equal(set.body.user.phoneNumber, '+442079460958');
      assert.equal((await client.get('/me')).body.user.phoneNumber, '+442079460958');

      const notice = await mailAfter(t, email, mark, (m) => /phone number of your account was changed/.test(m.subject));
      assert.match(notice.text, /ending in 58/);
      assert.doesNotMatch(notice.text, /2079460958/, 'the notice does not spell out the number');
      const activity = await client.get('/me/activity');
      const audit = activity.body.items.find((e: { type: string }) => e.type === 'user.phone_changed');
      assert.ok(audit, 'the change is in the owner\'s activity');
      assert.equal(audit.detail.actorId, userId);
      assert.equal(audit.detail.from, null);
      assert.equal(audit.detail.to, '+**********58');
      assert.doesNotMatch(JSON.stringify(activity.body), /2079460958/, 'the audit trail holds masked numbers only');
      assert.deepEqual(heard.slice(events).filter((e) => e.type === 'user.phone_changed').map((e) => e.data), [{ userId, actorId: userId }]);
      await t.latch.webhooks.deliverDue();
      const hook = hooks.received.find((h) => h.headers['x-latch-event-type'] === 'user.phone_changed' && JSON.parse(h.body).data.userId === userId);
      assert.ok(hook, 'user.phone_changed goes out as a webhook');
      assert.deepEqual(JSON.parse(hook.body).data, { userId, actorId: userId }, 'without the number');
    });

    it('asks no proof when the number does not change, and none for the display name', async () => {
      const { client, password, userId } = await t.signedInUser();
      assert.equal((await client.patch('/me', { phoneNumber: '+12025550143', password })).status, 200);
      t.clock.advance(staleSessionMs);
      const events = heard.length;
      const same = await client.patch('/me', { phoneNumber: '+1 (202) 555-0143', displayName: 'Renamed' });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.body.user.displayName, 'Renamed');
      assert.equal(same.body.user.phoneNumber, '+12025550143');
      assert.deepEqual(heard.slice(events).filter((e) => e.type === 'user.phone_changed'), [], 'no change, no event');
      assert.equal((await client.patch('/me', { displayName: 'Renamed Again' })).status, 200);

      assertProblem(await client.patch('/me', { phoneNumber: null }), 403, 'reauthentication_required');
      const removed = await client.patch('/me', { phoneNumber: null, password });
      assert.equal(removed.status, 200, removed.text);
      assert.equal(removed.body.user.phoneNumber, null);
      const audit = (await t.latch.storage.audit.search({ userId, type: 'user.phone_changed', limit: 1 })).items[0]!;
      assert.equal(audit.detail.from, '+*********43');
      assert.equal(audit.detail.to, null);
    });

    it('refuses an invalid number with 422 on the phoneNumber field, before asking for proof', async () => {
      const { client } = await t.signedInUser();
      t.clock.advance(staleSessionMs);
      for (const phoneNumber of ['020 7946 0958', 'not a number', '+1 555', 42]) {
        const r = await client.patch('/me', { phoneNumber });
        assertProblem(r, 422, 'validation_failed');
        assert.equal(r.body.errors[0].field, 'phoneNumber', JSON.stringify(phoneNumber));
      }
      assert.equal((await client.get('/me')).body.user.phoneNumber, null);
    });

    it('lets an admin change a phone number with the admin\'s reauthentication; the owner is told who did it', async () => {
      const adminEmail = uniqueEmail('phone-admin');
      const { user: adminUser } = await t.latch.provisionUser({ email: adminEmail, password: strongPassword, roles: ['admin'], displayName: 'Ada Admin' });
      const admin = t.client();
      assert.equal((await admin.post('/sign-in', { email: adminEmail, password: strongPassword })).status, 200);
      const member = await t.signedInUser();
      t.clock.advance(staleSessionMs);

      assertProblem(await admin.patch(`/admin/users/${member.userId}`, { phoneNumber: '+33 6 12 34 56 78' }), 403, 'reauthentication_required');
      assertProblem(await admin.patch(`/admin/users/${member.userId}`, { phoneNumber: '+33 6 12 34 56 78', password: member.password + 'x' }), 403, 'reauthentication_required');
      assert.equal((await admin.patch(`/admin/users/${member.userId}`, { displayName: 'No Proof Needed' })).status, 200, 'other fields need no proof');
      assertProblem(await admin.patch(`/admin/users/${member.userId}`, { phoneNumber: '0612345678', password: strongPassword }), 422, 'validation_failed');

      const mark = t.mail.messages.length;
      const events = heard.length;
      const changed = await admin.patch(`/admin/users/${member.userId}`, { phoneNumber: '+33 6 12 34 56 78', password: strongPassword });
      assert.equal(changed.status, 200, changed.text);
      assert.equal(changed.body.user.phoneNumber, '+33612345678');
      assert.equal((await admin.get(`/admin/users/${member.userId}`)).body.user.phoneNumber, '+33612345678');
      assert.equal((await member.client.get('/me')).body.user.phoneNumber, '+33612345678', 'the owner\'s cached account is dropped');
      const notice = await mailAfter(t, member.email, mark, (m) => /phone number/.test(m.subject));
      assert.match(notice.text, /made by Ada Admin/);
      assert.deepEqual(heard.slice(events).filter((e) => e.type === 'user.phone_changed').map((e) => e.data), [{ userId: member.userId, actorId: adminUser.id }]);
      const audit = await admin.get(`/admin/users/${member.userId}/activity?limit=5`);
      const event = audit.body.items.find((e: { type: string }) => e.type === 'user.phone_changed');
      assert.equal(event.actorId, adminUser.id);
      assert.equal(event.detail.actorId, adminUser.id);

      // An admin cannot change the number of an account it may not manage, proof or not.
      const otherAdmin = await t.latch.provisionUser({ email: uniqueEmail('other-admin'), password: strongPassword, roles: ['admin'] });
      assertProblem(await admin.patch(`/admin/users/${otherAdmin.user.id}`, { phoneNumber: '+33612345678', password: strongPassword }), 403, 'forbidden');
    });
  });
}
