import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestClient, type TestServer } from '@latch/server-sdk/testing';

const firefoxOnWindows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const chromeOnMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const day = 86_400_000;

for (const kind of testDatabaseKinds()) {
  describe(`sessions on ${kind}`, () => {
    let t: TestServer;
    // Every sign-in attempt counts against the per-email limit while its password is checked; the
    // cap tests sign one account in 60 times at once, so that limit is raised here.
    before(async () => { t = await createTestServer({ database: kind, config: { rateLimit: { signInFailuresPerEmail: { limit: 100, windowSeconds: 900 } } } }); });
    after(() => t.close());

    async function signIn(email: string, password: string, userAgent?: string): Promise<TestClient> {
      const client = t.client();
      const r = await client.post('/sign-in', { email, password }, { headers: userAgent ? { 'user-agent': userAgent } : {} });
      assert.equal(r.status, 200, r.text);
      return client;
    }

    it('lists live sessions with browser and OS parsed and the current one marked', async () => {
      const { email, password, client: first } = await t.signedInUser();
      const firefox = await signIn(email, password, firefoxOnWindows);
      await signIn(email, password, chromeOnMac);
      const list = await firefox.get('/me/sessions', { headers: { 'user-agent': firefoxOnWindows } });
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 3);
      const current = list.body.items.filter((s: { current: boolean }) => s.current);
      assert.equal(current.length, 1);
      assert.equal(current[0].browser, 'Firefox 128');
      assert.equal(current[0].os, 'Windows 10');
      assert.equal(current[0].userAgent, firefoxOnWindows);
      assert.equal(current[0].ip, '127.0.0.1');
      const chrome = list.body.items.find((s: { browser: string | null }) => s.browser?.startsWith('Chrome'));
      assert.equal(chrome.browser, 'Chrome 126');
      assert.match(chrome.os, /^Mac OS/);
      for (const s of list.body.items) {
        for (const field of ['createdAt', 'lastActiveAt', 'expiresAt']) assert.match(s[field], /^\d{4}-\d\d-\d\dT.*Z$/, field);
        assert.ok(!('tokenHash' in s) && !('token' in s));
      }
      assert.equal((await first.get('/me/sessions')).body.items.filter((s: { current: boolean }) => s.current).length, 1);
    });

    it('revokes one session; the revoked cookie fails at once', async () => {
      const { email, password, client } = await t.signedInUser();
      const other = await signIn(email, password);
      const otherId = (await other.get('/me')).body.session.id;
      assert.equal((await client.delete(`/me/sessions/${otherId}`)).status, 204);
      assert.equal((await other.get('/me')).status, 401);
      assert.equal((await client.get('/me')).status, 200);
      assert.equal((await client.delete(`/me/sessions/${otherId}`)).status, 404, 'already gone');
    });

    it('revokes every other session and keeps the current one', async () => {
      const { email, password, client } = await t.signedInUser();
      const others = [await signIn(email, password), await signIn(email, password)];
      assert.equal((await client.delete('/me/sessions')).status, 204);
      for (const other of others) assert.equal((await other.get('/me')).status, 401);
      const list = await client.get('/me/sessions');
      assert.equal(list.body.items.length, 1);
      assert.equal(list.body.items[0].current, true);
    });

    it('answers another user\'s session id with 404 and leaves it alone', async () => {
      const alice = await t.signedInUser();
      const bob = await t.signedInUser();
      const aliceSession = (await alice.client.get('/me')).body.session.id;
      const r = await bob.client.delete(`/me/sessions/${aliceSession}`);
      assert.equal(r.status, 404);
      assert.equal(r.body.code, 'not_found');
      assert.equal((await alice.client.get('/me')).status, 200);
      assert.equal((await bob.client.delete('/me/sessions/not-a-uuid')).status, 404);
    });

    it('records the socket address, not a spoofed X-Forwarded-For, without a trusted proxy', async () => {
      const { email, password } = await t.signedInUser();
      const client = t.client();
      await client.post('/sign-in', { email, password }, { headers: { 'x-forwarded-for': '6.6.6.6' } });
      const current = (await client.get('/me/sessions')).body.items.find((s: { current: boolean }) => s.current);
      assert.equal(current.ip, '127.0.0.1');
    });

    it('does not accept a listed session id as a cookie', async () => {
      const { client } = await t.signedInUser();
      const id = (await client.get('/me')).body.session.id;
      const r = await t.client().get('/me', { headers: { cookie: `latch_session=${id}` } });
      assert.equal(r.status, 401);
    });

    it('expires after 14 idle days even without the cleanup job; use on day 13 keeps it alive on day 20', async () => {
      const idle = await t.signedInUser();
      const active = await t.signedInUser();
      t.clock.advance(13 * day);
      assert.equal((await active.client.get('/me')).status, 200);
      t.clock.advance(day + 60_000);
      assert.equal((await idle.client.get('/me')).status, 401, 'idle for 14 days and a minute');
      t.clock.advance(6 * day);
      assert.equal((await active.client.get('/me')).status, 200, 'day 20, last used on day 13');
    });

    it('expires 30 days after sign-in however active', async () => {
      const { client } = await t.signedInUser();
      for (let i = 0; i < 3; i++) {
        t.clock.advance(9 * day);
        assert.equal((await client.get('/me')).status, 200, `day ${(i + 1) * 9}`);
      }
      t.clock.advance(3 * day - 60_000);
      assert.equal((await client.get('/me')).status, 200, 'a minute before day 30');
      t.clock.advance(2 * 60_000);
      const r = await client.get('/me');
      assert.equal(r.status, 401, 'a minute after day 30');
    });

    it('writes last-active at most once a minute', async () => {
      const { client, userId } = await t.signedInUser();
      const lastActive = async () => {
        const row = await t.latch.database.knex('sessions').where({ user_id: userId }).first();
        return new Date(row.last_active_at).getTime();
      };
      const start = await lastActive();
      t.clock.advance(40_000);
      await client.get('/me');
      assert.equal(await lastActive(), start, 'not written after 40 s');
      t.clock.advance(25_000);
      await client.get('/me');
      assert.equal(await lastActive(), t.clock.now().getTime(), 'written after 65 s');
      const written = await lastActive();
      t.clock.advance(10_000);
      await client.get('/me');
      assert.equal(await lastActive(), written);
      const listed = (await client.get('/me/sessions')).body.items[0];
      assert.equal(new Date(listed.lastActiveAt).getTime(), written);
    });

    it('keeps at most 50 sessions and evicts the oldest', async () => {
      const { email, password, client: first } = await t.signedInUser();
      const clients: TestClient[] = [first];
      for (let i = 0; i < 51; i++) {
        t.clock.advance(1000);
        clients.push(await signIn(email, password));
      }
      const newest = clients[clients.length - 1]!;
      const list = await newest.get('/me/sessions');
      assert.equal(list.body.items.length, 50);
      assert.equal((await clients[0]!.get('/me')).status, 401, 'the oldest is evicted');
      assert.equal((await clients[1]!.get('/me')).status, 401, 'the second oldest is evicted');
      assert.equal((await clients[2]!.get('/me')).status, 200);
      assert.equal((await newest.get('/me')).status, 200);
      const activity = await newest.get('/me/activity?limit=100');
      assert.ok(activity.body.items.some((e: { type: string }) => e.type === 'session.evicted'));
    });

    it('holds the cap under 60 parallel sign-ins, and every surviving session works', async () => {
      const { email, password, client: first } = await t.signedInUser();
      const clients = [first, ...Array.from({ length: 60 }, () => t.client())];
      const results = await Promise.all(clients.slice(1).map((c) => c.post('/sign-in', { email, password })));
      assert.ok(results.every((r) => r.status === 200), results.map((r) => r.status).join());
      const me = await Promise.all(clients.map((c) => c.get('/me')));
      const working = clients.filter((_c, i) => me[i]!.status === 200);
      assert.ok(working.length > 0 && working.length <= 50, `${working.length} sessions work`);
      const list = await working[0]!.get('/me/sessions');
      assert.equal(list.body.items.length, working.length, 'every live session works, every working session is listed');
      const workingIds = me.filter((r) => r.status === 200).map((r) => r.body.session.id).sort();
      assert.deepEqual(list.body.items.map((s: { id: string }) => s.id).sort(), workingIds);
    });
  });

  describe(`a small session cap on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind, config: { sessions: { maxPerUser: 2 } } }); });
    after(() => t.close());

    it('never evicts the session a sign-in just made, even when sign-ins share a timestamp', async () => {
      const { email, password } = await t.signedInUser();
      // The clock stands still: every session of this user has the same creation time.
      for (let i = 0; i < 25; i++) {
        const client = t.client();
        assert.equal((await client.post('/sign-in', { email, password })).status, 200);
        assert.equal((await client.get('/me')).status, 200, `sign-in ${i + 2} answered 200 with a working session`);
      }
    });
  });
}
