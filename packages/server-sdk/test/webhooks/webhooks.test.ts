import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { resolveConfig, signatureHeader, verifyWebhookSignature } from '@latch/server-sdk';
import {
  createTestServer, startWebhookReceiver, testDatabaseKinds, type ReceivedWebhook, type TestServer, type WebhookReceiver,
} from '@latch/server-sdk/testing';
import { webhookDeliveryStore } from '../../src/webhooks/repository.js';

const secret = 'webhook-secret-0123456789-abcdefghijklmnop';
const previous = 'previous-webhook-secret-0123456789-abcdef';
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The `t` and `v1` values of an `X-Latch-Signature` header. */
function parseSignature(header: string | string[] | undefined): { t: number; v1: string[] } {
  const parts = String(header).split(',').map((p) => p.split('='));
  return { t: Number(parts.find(([k]) => k === 't')![1]), v1: parts.filter(([k]) => k === 'v1').map(([, v]) => v!) };
}

describe('webhook settings', () => {
  it('need a secret of at least 32 bytes with a URL, and https in production', () => {
    assert.throws(() => resolveConfig({ webhooks: { url: 'https://hooks.example.com/latch' } }), /webhooks\.secret is required with webhooks\.url/);
    assert.throws(() => resolveConfig({ webhooks: { url: 'https://hooks.example.com/latch', secret: 'short' } }), /webhooks\.secret must be at least 32 bytes/);
    assert.throws(() => resolveConfig({ webhooks: { url: 'ftp://hooks.example.com', secret } }), /webhooks\.url must be an http\(s\) URL/);
    const production = { production: true, publicUrl: 'https://auth.example.com', secret, mail: { smtpUrl: 'smtp://mail.example.com:25' } };
    assert.throws(() => resolveConfig({ ...production, webhooks: { url: 'http://hooks.example.com/latch', secret } }), /webhooks\.url must be https in production/);
    assert.equal(resolveConfig({ ...production, webhooks: { url: 'https://hooks.example.com/latch', secret } }).webhooks.url, 'https://hooks.example.com/latch');
    assert.equal(resolveConfig({ ...production, webhooks: { url: 'http://127.0.0.1:9000/latch', secret } }).webhooks.timeoutMs, 10_000);
  });
});

describe('webhook signatures during a secret rotation', () => {
  it('carry one v1 per secret, the new one first, and verify under either', () => {
    const body = '{"id":"x"}';
    const now = new Date();
    const stamp = Math.floor(now.getTime() / 1000);
    const header = signatureHeader([secret, previous], stamp, body);
    const { v1 } = parseSignature(header);
    assert.deepEqual(v1, [secret, previous].map((key) => createHmac('sha256', key).update(`${stamp}.${body}`).digest('hex')));
    assert.equal(verifyWebhookSignature({ body, header, secret, now }), true);
    assert.equal(verifyWebhookSignature({ body, header, secret: previous, now }), true);
    assert.equal(verifyWebhookSignature({ body, header: signatureHeader([previous], stamp, body), secret, now }), false);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`webhooks on ${kind}`, () => {
    let t: TestServer;
    let hooks: WebhookReceiver;
    const deliveries = (eventId: string) => hooks.received.filter((h) => h.eventId === eventId);
    const row = async (eventId: string) => (await t.latch.webhooks.delivery(eventId))!;
    /** Renames a fresh user and returns the `user.updated` event id it queued. */
    async function renameSomeone(client?: Awaited<ReturnType<TestServer['signedInUser']>>['client']): Promise<string> {
      const c = client ?? (await t.signedInUser()).client;
      let eventId = '';
      const off = t.latch.events.on('user.updated', (e) => { eventId = e.id; });
      try {
        assert.equal((await c.patch('/me', { displayName: `Renamed ${Date.now()}` })).status, 200);
      } finally {
        off();
      }
      return eventId;
    }

    before(async () => {
      hooks = await startWebhookReceiver();
      t = await createTestServer({ database: kind, config: { webhooks: { url: hooks.url, secret, previousSecret: previous, pollIntervalMs: 5000 } } });
    });
    after(async () => {
      await t.close();
      await hooks.close();
    });

    it('POSTs each committed event as signed JSON that the documented recipe verifies', async () => {
      const { userId } = await t.signedInUser();
      await t.latch.webhooks.deliverDue();
      const created = hooks.received.find((h) => h.headers['x-latch-event-type'] === 'user.created' && JSON.parse(h.body).data.userId === userId);
      assert.ok(created, 'user.created was delivered');
      const event = JSON.parse(created.body);
      assert.deepEqual(Object.keys(event).sort(), ['data', 'id', 'occurredAt', 'type']);
      assert.equal(created.headers['content-type'], 'application/json');
      assert.match(String(created.headers['user-agent']), /^Latch-Webhooks\/\d/);
      assert.equal(created.headers['x-latch-event-id'], event.id);
      assert.equal(created.headers['x-latch-event-type'], 'user.created');
      assert.equal(created.answered, 204);

      // The recipe: HMAC-SHA256 of "<t>.<raw body>" under the secret, in hex.
      const { t: stamp, v1 } = parseSignature(created.headers['x-latch-signature']);
      assert.equal(stamp, Math.floor(t.clock.now().getTime() / 1000));
      // Signed under the current secret, then the retiring one (a rotation in progress).
      assert.deepEqual(v1, [secret, previous].map((key) => createHmac('sha256', key).update(`${stamp}.${created.body}`).digest('hex')));
      const header = String(created.headers['x-latch-signature']);
      assert.equal(verifyWebhookSignature({ body: created.body, header, secret, now: t.clock.now() }), true);
      assert.equal(verifyWebhookSignature({ body: created.body.replace(userId, '00000000-0000-4000-8000-000000000000'), header, secret, now: t.clock.now() }), false, 'a changed body fails');
      assert.equal(verifyWebhookSignature({ body: created.body, header, secret: secret.toUpperCase(), now: t.clock.now() }), false, 'another secret fails');
      assert.equal(verifyWebhookSignature({ body: created.body, header, secret: previous, now: t.clock.now() }), true, 'the retiring secret still verifies');
      assert.equal(verifyWebhookSignature({ body: created.body, header, secret, now: new Date(t.clock.now().getTime() + 6 * minute) }), false, 'a replay after 5 minutes fails');

      const stored = await row(event.id);
      assert.ok(stored.deliveredAt, 'marked delivered after the 2xx');
      assert.equal(stored.attempts, 1);
      assert.equal(deliveries(event.id).length, 1);
    });

    it('queues nothing for a change that rolls back', async () => {
      const { userId } = await t.signedInUser();
      let eventId = '';
      await assert.rejects(t.latch.storage.transaction(async (tx) => {
        eventId = (await t.latch.services.events.emit(tx, 'user.disabled', { userId, actorId: null })).id;
        assert.ok(await tx.store(webhookDeliveryStore).findByEventId(eventId), 'queued inside the transaction');
        throw new Error('a later step failed');
      }), /a later step failed/);
      assert.ok(eventId);
      await t.latch.webhooks.deliverDue();
      assert.equal(await t.latch.webhooks.delivery(eventId), null);
      assert.deepEqual(deliveries(eventId), []);
    });

    it('retries while the receiver is down and delivers once it is back, when the clock reaches the retry', async () => {
      await hooks.stop();
      let eventId: string;
      try {
        eventId = await renameSomeone();
        await t.latch.webhooks.deliverDue();
        const failed = await row(eventId);
        assert.equal(failed.attempts, 1);
        assert.equal(failed.deliveredAt, null);
        assert.match(failed.lastError!, /connection failed: ECONNREFUSED/);
        const wait = failed.nextAttemptAt.getTime() - t.clock.now().getTime();
        assert.ok(wait > 20_000 && wait <= 30_000, `first retry after about 30 s, not ${wait} ms`);
      } finally {
        await hooks.restart();
      }
      // Up again, but the retry is not due: nothing is sent early.
      t.clock.advance(10_000);
      await t.latch.webhooks.deliverDue();
      assert.deepEqual(deliveries(eventId), []);
      // The sweep, driven by the clock, sends it.
      t.clock.advance(25_000);
      await hooks.waitFor((h) => h.eventId === eventId && h.answered === 204);
      await t.latch.webhooks.deliverDue();
      assert.equal(deliveries(eventId).length, 1, 'delivered once');
      assert.equal((await row(eventId)).attempts, 2);
    });

    it('does not follow a redirect: it counts as a failed attempt', async () => {
      hooks.setMode(302);
      try {
        const eventId = await renameSomeone();
        await t.latch.webhooks.deliverDue();
        const stored = await row(eventId);
        assert.equal(stored.deliveredAt, null);
        assert.equal(stored.lastStatus, 302);
        assert.equal(stored.lastError, 'answered 302');
      } finally {
        hooks.setMode(204);
      }
    });

    it('backs off exponentially on 5xx with the same event id, gives up after 3 days, and can be sent again', async () => {
      hooks.setMode(500);
      const statsBefore = await t.latch.webhooks.stats();
      const eventId = await renameSomeone();
      const createdAt = (await row(eventId)).createdAt.getTime();
      const waits: number[] = [];
      for (let attempt = 1; attempt <= 9; attempt++) {
        await t.latch.webhooks.deliverDue();
        const stored = await row(eventId);
        assert.equal(stored.attempts, attempt);
        assert.equal(stored.lastStatus, 500);
        waits.push(stored.nextAttemptAt.getTime() - t.clock.now().getTime());
        // Not due yet: another pass sends nothing.
        await t.latch.webhooks.deliverDue();
        assert.equal(deliveries(eventId).length, attempt);
        t.clock.set(stored.nextAttemptAt);
      }
      for (const [i, wait] of waits.entries()) {
        const base = Math.min(3600_000, 30_000 * 2 ** i);
        assert.ok(wait >= base * 0.75 && wait <= base, `wait ${i + 1} is ${wait} ms, expected within [${base * 0.75}, ${base}]`);
        if (i > 0 && base < 3600_000) assert.ok(wait > waits[i - 1]!, 'each wait is longer than the one before');
      }
      const sent = deliveries(eventId);
      assert.ok(sent.every((h) => h.body === sent[0]!.body && JSON.parse(h.body).id === eventId), 'every attempt carries the same event and id');
      assert.equal(new Set(sent.map((h) => parseSignature(h.headers['x-latch-signature']).t)).size, sent.length, 'each attempt is signed at its own time');

      // Three days after the event, the last attempt fails and the delivery is given up.
      t.clock.set(new Date(createdAt + 3 * day));
      await t.latch.webhooks.deliverDue();
      const dead = await row(eventId);
      assert.ok(dead.failedAt, 'marked failed');
      assert.equal(dead.deliveredAt, null);
      const attempts = deliveries(eventId).length;
      t.clock.advance(2 * hour);
      await t.latch.webhooks.deliverDue();
      assert.equal(deliveries(eventId).length, attempts, 'no attempt after giving up');
      const stats = await t.latch.webhooks.stats();
      assert.ok(stats.failed - statsBefore.failed >= 1, 'counted as failed');
      assert.ok(stats.retried - statsBefore.retried >= 9);

      // An operator sends it again once the receiver is fixed.
      hooks.setMode(204);
      assert.equal(await t.latch.webhooks.redeliver(eventId), true);
      await t.latch.webhooks.deliverDue();
      assert.ok((await row(eventId)).deliveredAt);
      assert.equal(deliveries(eventId).filter((h: ReceivedWebhook) => h.answered === 204).length, 1);
      assert.equal(await t.latch.webhooks.redeliver(eventId), false, 'a delivered event is not sent again');
    });

    it('counts the backlog, and cleanup prunes delivered events after the retention period', async () => {
      hooks.setMode(503);
      const pendingId = await renameSomeone();
      await t.latch.webhooks.deliverDue();
      assert.ok((await t.latch.webhooks.stats()).pending >= 1);
      hooks.setMode(204);
      const deliveredId = await renameSomeone();
      await t.latch.webhooks.deliverDue();
      assert.ok((await row(deliveredId)).deliveredAt);
      t.clock.advance(8 * day);
      await t.latch.cleanup();
      assert.equal(await t.latch.webhooks.delivery(deliveredId), null, 'delivered a week ago: pruned');
      assert.ok(await t.latch.webhooks.delivery(pendingId), 'still to deliver (or failed recently): kept');
    });
  });
}
