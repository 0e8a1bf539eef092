import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';
import { raceTransactions, settledValues } from '../storage/transaction-race.js';
import type { UserRecord } from '../storage/types.js';
import { apiKeyStore, type ApiKeyRecord } from './repository.js';

const racers = 10;

async function newUser(storage: Storage): Promise<UserRecord> {
  const email = `${randomUUID()}@example.com`;
  const user = await storage.users.createIfEmailFree({ email, emailNormalized: email, displayName: 'T', passwordHash: null, createdAt: new Date() });
  assert.ok(user);
  return user;
}

function newKey(userId: string, createdAt: Date, expiresAt: Date | null = null): Omit<ApiKeyRecord, 'id' | 'lastUsedAt' | 'lastUsedIp' | 'useCount'> {
  return { userId, name: 'script', prefix: 'latch_ab', keyHash: randomUUID(), scopes: ['read'], createdAt, expiresAt };
}

/**
 * The behaviour the API-key store must show, run against each database: lookup by hash, the live
 * count behind the per-user cap (also under racing creations with the user row lock the service
 * takes), and revocation per user. Call it inside a `describe` with a migrated storage.
 * @example runApiKeyStoreConformance(() => storage);
 */
export function runApiKeyStoreConformance(getStorage: () => Storage): void {
  describe('API keys', () => {
    it('finds a key and its owner by hash', async () => {
      const storage = getStorage();
      const keys = storage.store(apiKeyStore);
      const user = await newUser(storage);
      const inserted = await keys.insert(newKey(user.id, new Date()));
      const found = await keys.findByHash(inserted.keyHash);
      assert.deepEqual(found?.key, inserted);
      assert.equal(found?.user.id, user.id);
      assert.equal(await keys.findByHash(randomUUID()), null);
    });

    it('counts a key live until the instant it expires', async () => {
      const storage = getStorage();
      const keys = storage.store(apiKeyStore);
      const user = await newUser(storage);
      const at = new Date();
      await keys.insert(newKey(user.id, at));
      await keys.insert(newKey(user.id, at, new Date(at.getTime() + 60_000)));
      await keys.insert(newKey(user.id, at, at));
      assert.equal(await keys.countLive(user.id, at), 2);
      assert.equal(await keys.countLive(user.id, new Date(at.getTime() + 59_999)), 2);
      assert.equal(await keys.countLive(user.id, new Date(at.getTime() + 60_000)), 1, 'keys without expiry stay live');
      assert.equal(await keys.countLive((await newUser(storage)).id, at), 0);
    });

    it(`holds a cap of 3 when ${racers} creations race under the user row lock`, async () => {
      const storage = getStorage();
      const user = await newUser(storage);
      const at = new Date();
      const created = settledValues(await raceTransactions(storage, racers, async (tx) => {
        await tx.users.lockForUpdate(user.id);
        const keys = tx.store(apiKeyStore);
        if (await keys.countLive(user.id, at) >= 3) return false;
        await keys.insert(newKey(user.id, at));
        return true;
      }));
      assert.equal(created.filter(Boolean).length, 3);
      assert.equal(await storage.store(apiKeyStore).countLive(user.id, at), 3);
    });

    it("deletes one user's keys only", async () => {
      const storage = getStorage();
      const keys = storage.store(apiKeyStore);
      const [user, other] = [await newUser(storage), await newUser(storage)];
      const at = new Date();
      const mine = [await keys.insert(newKey(user.id, at)), await keys.insert(newKey(user.id, at, at))];
      const theirs = await keys.insert(newKey(other.id, at));
      assert.equal(await keys.deleteForUser(user.id, theirs.id), false, 'not theirs to delete');
      assert.deepEqual((await keys.deleteAllForUser(user.id)).sort(), mine.map((k) => k.id).sort(), 'expired keys go too');
      assert.deepEqual(await keys.deleteAllForUser(user.id), []);
      assert.equal(await keys.findByHash(mine[0]!.keyHash), null);
      assert.deepEqual((await keys.listForUser(other.id)).map((k) => k.id), [theirs.id]);
      assert.equal(await keys.deleteForUser(other.id, theirs.id), true);
    });
  });
}
