import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveConfig, silentLogger } from '@latch/server-sdk';
import { createTestServer, testDatabaseKinds, type TestClient, type TestServer } from '@latch/server-sdk/testing';
import { RevocableCache } from '../../src/cache/revocable-cache.js';
import { createManualClock } from '../../src/clock.js';

const cacheOf = (maxEntries: number, ttlMs = 60_000) => {
  const clock = createManualClock(new Date('2026-01-01T00:00:00Z'));
  return { clock, cache: new RevocableCache<string>({ clock, maxEntries, ttlMs }) };
};
const held = (cache: RevocableCache<string>, keys: string[]) => keys.filter((k) => cache.get(k) !== undefined);

describe('RevocableCache', () => {
  it('drops the least recently used entry at capacity, one at a time', () => {
    const { cache } = cacheOf(3);
    for (const key of ['a', 'b', 'c']) cache.set(key, key.toUpperCase());
    cache.set('d', 'D');
    assert.equal(cache.size, 3);
    assert.equal(cache.get('a'), undefined, 'the oldest went');
    assert.deepEqual(held(cache, ['b', 'c', 'd']), ['b', 'c', 'd'], 'the others stay');
  });

  it('keeps an entry that was read: touching it makes it the most recently used', () => {
    const { cache } = cacheOf(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    assert.equal(cache.get('a'), 'A');
    cache.set('c', 'C');
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.equal(cache.get('a'), 'A');
    assert.equal(cache.get('c'), 'C');
  });

  it('replaces a key in place without pushing another entry out', () => {
    const { cache } = cacheOf(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    cache.set('a', 'A2');
    assert.equal(cache.size, 2);
    assert.deepEqual([cache.get('a'), cache.get('b')], ['A2', 'B']);
  });

  it('expires entries on the injected clock, counted from when they were stored', () => {
    const { clock, cache } = cacheOf(10, 30_000);
    cache.set('a', 'A');
    clock.advance(29_999);
    assert.equal(cache.get('a'), 'A', 'reading does not extend the TTL');
    clock.advance(1);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0, 'an expired entry is dropped when read');
    cache.set('a', 'A again');
    clock.advance(29_999);
    assert.equal(cache.get('a'), 'A again', 'storing again restarts the TTL');
  });

  it('deletes one key, and every entry of a user, session or API key', () => {
    const { cache } = cacheOf(10);
    cache.set('token-1', 'alice laptop', { userId: 'alice', sessionId: 's1' });
    cache.set('token-2', 'alice phone', { userId: 'alice', sessionId: 's2' });
    cache.set('key-1', 'alice key', { userId: 'alice', apiKeyId: 'k1' });
    cache.set('token-3', 'bob laptop', { userId: 'bob', sessionId: 's3' });
    assert.equal(cache.delete('token-3'), true);
    assert.equal(cache.delete('token-3'), false);
    assert.equal(cache.deleteOwnedBy('sessionId', 's1'), 1);
    assert.deepEqual(held(cache, ['token-1', 'token-2', 'key-1']), ['token-2', 'key-1']);
    assert.equal(cache.deleteOwnedBy('userId', 'alice'), 2);
    assert.equal(cache.size, 0);
    assert.equal(cache.deleteOwnedBy('userId', 'alice'), 0);
  });

  it('drops exactly what a revocation names', () => {
    const { cache } = cacheOf(10);
    cache.set('token-1', 'alice laptop', { userId: 'alice', sessionId: 's1' });
    cache.set('token-2', 'alice phone', { userId: 'alice', sessionId: 's2' });
    cache.set('key-1', 'alice key', { userId: 'alice', apiKeyId: 'k1' });
    cache.set('token-3', 'bob laptop', { userId: 'bob', sessionId: 's3' });
    cache.set('key-2', 'bob key', { userId: 'bob', apiKeyId: 'k2' });
    const all = ['token-1', 'token-2', 'key-1', 'token-3', 'key-2'];
    cache.revoke({ sessionIds: ['s2'] });
    assert.deepEqual(held(cache, all), ['token-1', 'key-1', 'token-3', 'key-2']);
    cache.revoke({ apiKeyIds: ['k2'] });
    assert.deepEqual(held(cache, all), ['token-1', 'key-1', 'token-3']);
    cache.revoke({ userId: 'alice', sessionIds: [] });
    assert.deepEqual(held(cache, all), ['token-3']);
    cache.revoke({});
    assert.deepEqual(held(cache, all), ['token-3'], 'a revocation naming nothing drops nothing');
  });

  it("clears everything on userId '*'", () => {
    const { cache } = cacheOf(10);
    cache.set('token-1', 'alice', { userId: 'alice', sessionId: 's1' });
    cache.set('anonymous', 'no owner');
    cache.revoke({ sessionIds: [], userId: '*' });
    assert.equal(cache.size, 0);
    cache.set('token-1', 'alice', { userId: 'alice' });
    assert.equal(cache.deleteOwnedBy('userId', 'alice'), 1, 'the owner index was cleared with the entries');
  });

  it('forgets the owners of entries it evicted or replaced', () => {
    const { cache } = cacheOf(1);
    cache.set('a', 'alice', { userId: 'alice' });
    cache.set('b', 'bob', { userId: 'bob' });
    assert.equal(cache.deleteOwnedBy('userId', 'alice'), 0);
    cache.set('b', 'now carol', { userId: 'carol' });
    cache.revoke({ userId: 'bob' });
    assert.equal(cache.get('b'), 'now carol', 'the previous owner no longer names the key');
  });

  it('refuses a size below one, here and in the configuration', () => {
    const clock = createManualClock();
    assert.throws(() => new RevocableCache({ clock, maxEntries: 0, ttlMs: 1000 }), RangeError);
    const secret = 'a-secret-that-is-long-enough-0123456789';
    assert.equal(resolveConfig({ logger: silentLogger, secret }).sessions.cacheMaxEntries, 50_000);
    assert.throws(() => resolveConfig({ logger: silentLogger, secret, sessions: { cacheMaxEntries: 0 } }), /cacheMaxEntries/);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`the session cache at capacity on ${kind}`, () => {
    const maxEntries = 3;
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind, config: { sessions: { cacheMaxEntries: maxEntries } } }); });
    after(() => t.close());

    /** Runs `request` and counts the session lookups by token it sent to the database. */
    async function sessionLookups(request: () => Promise<void>): Promise<number> {
      let lookups = 0;
      const onQuery = (q: { sql: string }) => { if (/"sessions"/.test(q.sql) && /token_hash/.test(q.sql)) lookups++; };
      t.latch.database.knex.on('query', onQuery);
      try {
        await request();
      } finally {
        t.latch.database.knex.off('query', onQuery);
      }
      return lookups;
    }
    const me = async (client: TestClient) => { assert.equal((await client.get('/me')).status, 200); };

    it('evicts only the least recently used session, not the whole cache', async () => {
      const clients: TestClient[] = [];
      for (let i = 0; i <= maxEntries; i++) clients.push((await t.signedInUser()).client);
      // Validating all four in order leaves the last three cached and the first one pushed out.
      for (const client of clients) await me(client);
      const [first, ...rest] = clients;
      assert.equal(await sessionLookups(async () => { for (const client of rest) await me(client); }), 0, 'the others are served from memory');
      assert.equal(await sessionLookups(() => me(first!)), 1, 'the first is looked up again');
      assert.equal(await sessionLookups(() => me(first!)), 0, 'and cached again');
    });
  });
}
