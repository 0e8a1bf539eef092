import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';

/**
 * The behaviour every {@link Storage} must show, run against each database. Call it inside a
 * `describe` with a function that returns a migrated storage.
 * @example runStorageConformance(() => storage);
 */
export function runStorageConformance(getStorage: () => Storage): void {
  const now = () => new Date();
  const newUser = async (s: Storage, email = `${randomUUID()}@example.com`) => {
    const user = await s.users.createIfEmailFree({ email, emailNormalized: email.toLowerCase(), displayName: 'T', passwordHash: null, createdAt: now() });
    assert.ok(user);
    return user;
  };

  describe('users', () => {
    it('refuses a second account with the same normalized email, without error', async () => {
      const s = getStorage();
      const email = `${randomUUID()}@Example.com`;
      await newUser(s, email);
      const again = await s.users.createIfEmailFree({ email, emailNormalized: email.toLowerCase(), displayName: 'X', passwordHash: null, createdAt: now() });
      assert.equal(again, null);
    });

    it('changeEmail reports a taken address and keeps the outer transaction usable', async () => {
      const s = getStorage();
      const a = await newUser(s);
      const b = await newUser(s);
      await s.transaction(async (tx) => {
        assert.equal(await tx.users.changeEmail(a.id, b.email, b.emailNormalized, now()), false);
        assert.equal((await tx.users.findById(a.id))?.email, a.email);
      });
      assert.equal(await s.users.changeEmail(a.id, 'NEW-' + a.email, ('new-' + a.email).toLowerCase(), now()), true);
    });

    it('createManyIfEmailFree inserts the free addresses only, and concurrent lists create each once', async () => {
      const s = getStorage();
      const taken = await newUser(s);
      const fresh = Array.from({ length: 6 }, () => `${randomUUID()}@Example.com`);
      const row = (email: string) => ({ email, emailNormalized: email.toLowerCase(), displayName: 'Imported', passwordHash: '$2b$04$' + 'a'.repeat(53), roles: ['manager'], kind: 'customer', createdAt: now() });
      const first = await s.users.createManyIfEmailFree([row(taken.email), ...fresh.slice(0, 2).map(row)]);
      assert.deepEqual(first.map((u) => u.emailNormalized).sort(), fresh.slice(0, 2).map((e) => e.toLowerCase()).sort());
      assert.deepEqual([first[0]!.roles, first[0]!.kind, first[0]!.passwordHash?.slice(0, 7)], [['manager'], 'customer', '$2b$04$']);
      const [a, b] = await Promise.all([
        s.transaction((tx) => tx.users.createManyIfEmailFree(fresh.map(row))),
        s.transaction((tx) => tx.users.createManyIfEmailFree([...fresh].reverse().map(row))),
      ]);
      assert.equal(a.length + b.length, 4, 'each remaining address once, by one of the two');
      assert.deepEqual(await s.users.createManyIfEmailFree([]), []);
    });

    it('replacePasswordHash writes only over the expected hash', async () => {
      const s = getStorage();
      const user = await newUser(s);
      await s.users.setPasswordHash(user.id, 'old', now());
      assert.equal(await s.users.replacePasswordHash(user.id, 'stale', 'new', now()), false);
      assert.equal((await s.users.findById(user.id))?.passwordHash, 'old');
      assert.equal(await s.users.replacePasswordHash(user.id, 'old', 'new', now()), true);
      assert.equal((await s.users.findById(user.id))?.passwordHash, 'new');
    });

    it('rolls a whole transaction back on error', async () => {
      const s = getStorage();
      const email = `${randomUUID()}@example.com`;
      await assert.rejects(s.transaction(async (tx) => {
        await newUser(tx, email);
        throw new Error('boom');
      }));
      assert.equal(await s.users.findByEmail(email), null);
    });
  });

  describe('email tokens', () => {
    it('consumes a token exactly once under concurrency', async () => {
      const s = getStorage();
      const user = await newUser(s);
      const hash = randomUUID();
      await s.emailTokens.issue({ userId: user.id, purpose: 'reset_password', tokenHash: hash, createdAt: now(), expiresAt: new Date(Date.now() + 60_000) });
      const results = await Promise.all(Array.from({ length: 10 }, () => s.emailTokens.consume('reset_password', hash, now())));
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('voids older tokens of the same purpose, refuses expired ones and other purposes', async () => {
      const s = getStorage();
      const user = await newUser(s);
      const [first, second, expired] = [randomUUID(), randomUUID(), randomUUID()];
      await s.emailTokens.issue({ userId: user.id, purpose: 'reset_password', tokenHash: first, createdAt: now(), expiresAt: new Date(Date.now() + 60_000) });
      await s.emailTokens.issue({ userId: user.id, purpose: 'reset_password', tokenHash: second, createdAt: now(), expiresAt: new Date(Date.now() + 60_000) });
      assert.equal(await s.emailTokens.consume('reset_password', first, now()), null);
      assert.equal(await s.emailTokens.consume('verify_email', second, now()), null);
      assert.ok(await s.emailTokens.consume('reset_password', second, now()));
      await s.emailTokens.issue({ userId: user.id, purpose: 'verify_email', tokenHash: expired, createdAt: now(), expiresAt: new Date(Date.now() - 1) });
      assert.equal(await s.emailTokens.consume('verify_email', expired, now()), null);
    });
  });

  describe('sessions', () => {
    it('evicts the oldest sessions beyond the cap', async () => {
      const s = getStorage();
      const user = await newUser(s);
      const base = Date.now();
      for (let i = 0; i < 5; i++) {
        const at = new Date(base + i * 1000);
        await s.sessions.create({ userId: user.id, tokenHash: randomUUID(), createdAt: at, lastActiveAt: at, authenticatedAt: at, expiresAt: new Date(base + 86_400_000), ip: null, userAgent: null });
      }
      const evicted = await s.sessions.evictOldest(user.id, 3);
      assert.equal(evicted.length, 2);
      const live = await s.sessions.listLive(user.id, new Date(base + 10_000), 3600);
      assert.equal(live.length, 3);
      assert.ok(live.every((x) => x.createdAt.getTime() >= base + 2000));
    });

    it('deletes only the owner\'s session', async () => {
      const s = getStorage();
      const a = await newUser(s);
      const b = await newUser(s);
      const session = await s.sessions.create({ userId: a.id, tokenHash: randomUUID(), createdAt: now(), lastActiveAt: now(), authenticatedAt: now(), expiresAt: new Date(Date.now() + 60_000), ip: '127.0.0.1', userAgent: 'x' });
      assert.equal(await s.sessions.deleteForUser(b.id, session.id), false);
      assert.equal(await s.sessions.deleteForUser(a.id, session.id), true);
    });
  });

  describe('rate limits', () => {
    it('counts parallel hits atomically and restarts after the window', async () => {
      const s = getStorage();
      const key = randomUUID();
      const at = now();
      const results = await Promise.all(Array.from({ length: 10 }, () => s.rateLimits.hit(key, 60, at)));
      assert.deepEqual(results.map((r) => r.count).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const later = await s.rateLimits.hit(key, 60, new Date(at.getTime() + 61_000));
      assert.equal(later.count, 1);
    });
  });

  describe('outbox', () => {
    it('never hands one message to two concurrent claimers', async () => {
      const s = getStorage();
      for (let i = 0; i < 6; i++) await s.outbox.enqueue({ toAddress: 'a@example.com', template: 't', subject: 's', bodySealed: 'x', createdAt: new Date(Date.now() - 1000) });
      const [a, b] = await Promise.all([s.outbox.claimDue(now(), 100, 60), s.outbox.claimDue(now(), 100, 60)]);
      const ids = [...a, ...b].map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length);
      for (const id of ids) await s.outbox.markSent(id, now(), true);
      assert.equal(await s.outbox.countPending(), 0);
    });
  });

  describe('known devices', () => {
    it('records a device class once, moves its last-seen and alert times, and tells whether a user has any', async () => {
      const s = getStorage();
      const user = await newUser(s);
      const at = (days: number) => new Date(Date.UTC(2030, 0, 1) + days * 86_400_000);
      assert.equal(await s.knownDevices.hasAny(user.id), false);
      await s.knownDevices.recordSeen(user.id, 'class-a', at(0));
      await s.knownDevices.recordSeen(user.id, 'class-a', at(3), at(3));
      await s.knownDevices.recordSeen(user.id, 'class-a', at(5));
      assert.deepEqual(await s.knownDevices.find(user.id, 'class-a'), { userId: user.id, deviceHash: 'class-a', firstSeenAt: at(0), lastSeenAt: at(5), lastAlertedAt: at(3) });
      assert.equal(await s.knownDevices.hasAny(user.id), true);
      assert.equal(await s.knownDevices.find(user.id, 'class-b'), null);
    });

    it('forgets stale device classes but keeps each user\'s latest', async () => {
      const s = getStorage();
      const [a, b] = [await newUser(s), await newUser(s)];
      const at = (days: number) => new Date(Date.UTC(2031, 0, 1) + days * 86_400_000);
      await s.knownDevices.recordSeen(a.id, 'old', at(0));
      await s.knownDevices.recordSeen(a.id, 'older', at(-1));
      await s.knownDevices.recordSeen(a.id, 'recent', at(100));
      await s.knownDevices.recordSeen(b.id, 'only', at(0));
      await s.knownDevices.deleteStale(at(50));
      assert.equal(await s.knownDevices.find(a.id, 'old'), null);
      assert.equal(await s.knownDevices.find(a.id, 'older'), null);
      assert.ok(await s.knownDevices.find(a.id, 'recent'));
      assert.ok(await s.knownDevices.find(b.id, 'only'), 'a user\'s only device class stays, however old');
    });
  });

  describe('audit', () => {
    it('pages newest first with a cursor', async () => {
      const s = getStorage();
      const user = await newUser(s);
      for (let i = 0; i < 5; i++) await s.audit.append({ userId: user.id, actorId: user.id, type: 'sign_in.succeeded', at: now(), ip: null, userAgent: null, detail: { i } });
      const first = await s.audit.listForUser(user.id, { limit: 3 });
      assert.deepEqual(first.items.map((e) => e.detail.i), [4, 3, 2]);
      assert.ok(first.nextCursor);
      const second = await s.audit.listForUser(user.id, { limit: 3, cursor: first.nextCursor });
      assert.deepEqual(second.items.map((e) => e.detail.i), [1, 0]);
      assert.equal(second.nextCursor, null);
    });

    it('appends many events in the order given', async () => {
      const s = getStorage();
      const user = await newUser(s);
      await s.audit.appendMany(Array.from({ length: 3 }, (_, i) => ({ userId: user.id, actorId: null, type: 'admin.user_created', at: now(), ip: null, userAgent: null, detail: { i } })));
      await s.audit.appendMany([]);
      const page = await s.audit.listForUser(user.id, { limit: 10 });
      assert.deepEqual(page.items.map((e) => e.detail.i), [2, 1, 0]);
      assert.equal(page.items[0]!.actorId, null);
    });
  });
}
