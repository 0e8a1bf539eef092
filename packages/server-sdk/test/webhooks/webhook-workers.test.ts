import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createManualClock } from '@latch/server-sdk';
import { createTestServer, startWebhookReceiver, testDatabaseKinds, type TestServer, type WebhookReceiver } from '@latch/server-sdk/testing';
import { webhookDeliveryStore } from '../../src/webhooks/repository.js';

const secret = 'webhook-secret-0123456789-abcdefghijklmnop';

// Several server processes on one PostgreSQL database share the queue; PGlite has one process.
describe('webhook workers of two Latch instances on one PostgreSQL database', { skip: !testDatabaseKinds().includes('postgres') }, () => {
  let first: TestServer;
  let second: TestServer;
  let hooks: WebhookReceiver;

  before(async () => {
    hooks = await startWebhookReceiver();
    const clock = createManualClock();
    // The workers run only when told to, so both passes below contend for the same rows.
    const config = { webhooks: { url: hooks.url, secret, startWorker: false } };
    first = await createTestServer({ database: 'postgres', clock, config });
    second = await createTestServer({ database: 'postgres', clock, config, reuseDatabase: first.database });
  });
  after(async () => {
    await second?.close();
    await first?.close();
    await hooks.close();
  });

  it('never deliver one event twice, however their passes overlap', async () => {
    // Two instances share one mail outbox too, so no sign-up here: the events alone.
    const userId = randomUUID();
    const ids: string[] = [];
    await first.latch.storage.transaction(async (tx) => {
      for (let i = 0; i < 45; i++) ids.push((await first.latch.services.events.emit(tx, 'user.updated', { userId, fields: ['displayName'], changes: { displayName: `n${i}` }, actorId: userId })).id);
    });
    const handled = await Promise.all([
      first.latch.webhooks.deliverDue(), second.latch.webhooks.deliverDue(), first.latch.webhooks.deliverDue(), second.latch.webhooks.deliverDue(),
    ]);
    const pending = await first.latch.webhooks.stats();
    assert.equal(pending.pending, 0, 'everything delivered');
    for (const id of ids) assert.equal(hooks.received.filter((h) => h.eventId === id).length, 1, `event ${id} delivered once`);
    const all = hooks.received.map((h) => h.eventId);
    assert.equal(new Set(all).size, all.length, 'no event delivered twice');
    assert.equal(handled.reduce((a, b) => a + b, 0), all.length, 'each delivery attempted by exactly one worker');
    const [a, b] = await Promise.all([first.latch.webhooks.stats(), second.latch.webhooks.stats()]);
    assert.equal(a.delivered + b.delivered, all.length);
  });

  it('take over a delivery whose worker died mid-way once its lease ends, never before', async () => {
    const userId = randomUUID();
    const { id } = await first.latch.storage.transaction((tx) => first.latch.services.events.emit(tx, 'user.disabled', { userId, actorId: null }));
    // A worker claims the row and dies before any answer.
    const claimed = await first.latch.storage.store(webhookDeliveryStore).claimDue(first.clock.now(), 10, 15, randomUUID());
    assert.deepEqual(claimed.map((d) => d.eventId), [id]);
    assert.equal(await second.latch.webhooks.deliverDue(), 0, 'leased: another worker leaves it');
    first.clock.advance(14_000);
    assert.equal(await second.latch.webhooks.deliverDue(), 0);
    first.clock.advance(2000);
    assert.equal(await second.latch.webhooks.deliverDue(), 1, 'the lease ended: taken over');
    assert.equal(hooks.received.filter((h) => h.eventId === id).length, 1);
    assert.ok((await second.latch.webhooks.delivery(id))!.deliveredAt);
  });
});
