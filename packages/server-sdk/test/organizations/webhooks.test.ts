import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, startWebhookReceiver, testDatabaseKinds, type TestServer, type WebhookReceiver } from '@latch/server-sdk/testing';
import { organization, person } from './helpers.js';

const secret = 'webhook-secret-0123456789-abcdefghijklmnop';

for (const kind of testDatabaseKinds()) {
  describe(`organization events as webhooks on ${kind}`, () => {
    let hooks: WebhookReceiver;
    let t: TestServer;
    before(async () => {
      hooks = await startWebhookReceiver();
      t = await createTestServer({ database: kind, config: { webhooks: { url: hooks.url, secret } } });
    });
    after(async () => {
      await t.close();
      await hooks.close();
    });

    it('delivers organization.member_added and organization.member_removed, with the actor', async () => {
      const owner = await person(t, 'Olive Owner');
      const member = await person(t, 'Webhook Member');
      const orgId = await organization(t, owner);
      await t.latch.organizations.addMember(orgId, { userId: member.id, role: 'manager' });
      assert.equal((await owner.client.delete(`/orgs/${orgId}/members/${member.id}`)).status, 204);
      await t.latch.webhooks.deliverDue();
      const bodyOf = (type: string, userId: string) => hooks.waitFor((h) => h.headers['x-latch-event-type'] === type && JSON.parse(h.body).data.userId === userId)
        .then((h) => JSON.parse(h.body).data);
      assert.deepEqual(await bodyOf('organization.member_added', owner.id), { organizationId: orgId, userId: owner.id, role: 'owner', actorId: owner.id });
      assert.deepEqual(await bodyOf('organization.member_added', member.id), { organizationId: orgId, userId: member.id, role: 'manager', actorId: null });
      assert.deepEqual(await bodyOf('organization.member_removed', member.id), { organizationId: orgId, userId: member.id, actorId: owner.id });
    });
  });
}
