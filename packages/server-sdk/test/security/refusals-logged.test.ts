import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';

for (const kind of testDatabaseKinds()) {
  describe(`refused requests leave a trace on ${kind}`, () => {
    let t: TestServer;
    const lines: Array<Record<string, unknown>> = [];
    const record = (fields: Record<string, unknown>, message?: string) => { lines.push({ ...fields, message }); };
    before(async () => {
      t = await createTestServer({ database: kind, config: { logger: { debug: record, info: record, warn: record, error: record } } });
    });
    after(() => t.close());

    const refusals = (code: string) => lines.filter((l) => l.event === 'http.refused' && l.code === code);

    it('LG-5 SE-15: a CSRF refusal is logged and written to the user\'s activity as csrf.rejected', async () => {
      const { client } = await t.signedInUser();
      const res = await client.request('PATCH', '/me', { body: { displayName: 'Forged' }, headers: { origin: 'https://evil.example' } });
      assert.equal(res.status, 403);
      assert.equal(res.body.code, 'csrf_rejected');
      const logged = refusals('csrf_rejected').at(-1);
      assert.ok(logged, 'logged');
      assert.equal(logged.route, '/me');
      assert.equal(logged.method, 'PATCH');
      const activity = await client.get('/me/activity');
      const event = activity.body.items.find((e: any) => e.type === 'csrf.rejected');
      assert.ok(event, JSON.stringify(activity.body.items.map((e: any) => e.type)));
      assert.equal(event.detail.origin, 'https://evil.example');
      assert.equal((await client.get('/me')).body.user.displayName, 'Test User', 'nothing changed');
    });

    it('LG-5 AC-2: a 404 on another user\'s session id is logged; an unknown path is not', async () => {
      const a = await t.signedInUser();
      const b = await t.signedInUser();
      const bSession = (await b.client.get('/me/sessions')).body.items[0].id;
      assert.equal((await a.client.delete(`/me/sessions/${bSession}`)).status, 404);
      assert.ok(refusals('not_found').some((l) => l.route === '/me/sessions/:id' && String(l.path).includes(bSession)));
      const before = refusals('not_found').length;
      assert.equal((await a.client.get('/no-such-route')).status, 404);
      assert.equal(refusals('not_found').length, before);
      assert.equal((await b.client.get('/me/sessions')).body.items.length, 1, 'B\'s session is untouched');
    });

    it('LG-5: an invalid link token is logged without the token', async () => {
      const token = 'attacker-guess-' + 'x'.repeat(40);
      assert.equal((await t.client().post('/password/reset', { token, newPassword: 'copper-lantern-meadow-77' })).status, 400);
      const logged = refusals('invalid_token').at(-1);
      assert.ok(logged);
      assert.equal(logged.route, '/password/reset');
      assert.ok(!JSON.stringify(lines).includes(token), 'the token is in no log line');
    });
  });
}
