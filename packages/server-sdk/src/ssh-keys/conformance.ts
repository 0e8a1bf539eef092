import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';
import { raceTransactions } from '../storage/transaction-race.js';
import type { UserRecord } from '../storage/types.js';
import { sshKeyStore, type SshKeyRecord } from './repository.js';

const racers = 10;

async function newUser(storage: Storage): Promise<UserRecord> {
  const email = `${randomUUID()}@example.com`;
  const user = await storage.users.createIfEmailFree({ email, emailNormalized: email, displayName: 'T', passwordHash: null, createdAt: new Date() });
  assert.ok(user);
  return user;
}

function newKey(userId: string, fingerprint: string, createdAt: Date): Omit<SshKeyRecord, 'id'> {
  return { userId, name: 'laptop', type: 'ssh-ed25519', publicKey: `ssh-ed25519 ${fingerprint}`, fingerprint, bits: 256, comment: null, createdAt };
}

/**
 * The behaviour the SSH-key store must show, run against each database: a fingerprint belongs
 * to one account even when several add it at once (the unique index decides), and keys change
 * for their owner only. Call it inside a `describe` with a migrated storage.
 * @example runSshKeyStoreConformance(() => storage);
 */
export function runSshKeyStoreConformance(getStorage: () => Storage): void {
  describe('SSH keys', () => {
    it(`keeps a fingerprint to one account when ${racers} accounts add it at once`, async () => {
      const storage = getStorage();
      const accounts = await Promise.all(Array.from({ length: racers }, () => newUser(storage)));
      const fingerprint = `SHA256:${randomUUID()}`;
      const at = new Date();
      // What the service does: lock the own row, look for an owner, insert.
      const ends = await raceTransactions(storage, racers, async (tx, i) => {
        const user = (await tx.users.lockForUpdate(accounts[i]!.id))!;
        const keys = tx.store(sshKeyStore);
        if (await keys.ownerOf(fingerprint)) return null;
        return keys.insert(newKey(user.id, fingerprint, at));
      });
      const added = ends.flatMap((e) => (e.status === 'fulfilled' && e.value ? [e.value] : []));
      assert.equal(added.length, 1);
      for (const e of ends) {
        if (e.status === 'rejected') assert.equal((e.reason as { code?: string }).code, '23505', 'losers fail on the unique fingerprint');
      }
      const keys = storage.store(sshKeyStore);
      assert.equal(await keys.ownerOf(fingerprint), added[0]!.userId);
      const counts = await Promise.all(accounts.map((a) => keys.countForUser(a.id)));
      assert.equal(counts.reduce((sum, n) => sum + n, 0), 1);
    });

    it('lists oldest first and deletes for the owner only', async () => {
      const storage = getStorage();
      const keys = storage.store(sshKeyStore);
      const [user, other] = [await newUser(storage), await newUser(storage)];
      const at = new Date();
      const older = await keys.insert(newKey(user.id, `SHA256:${randomUUID()}`, at));
      const newer = await keys.insert(newKey(user.id, `SHA256:${randomUUID()}`, new Date(at.getTime() + 1000)));
      assert.deepEqual((await keys.listForUser(user.id)).map((k) => k.id), [older.id, newer.id]);
      assert.equal(await keys.deleteForUser(other.id, older.id), null);
      assert.equal((await keys.deleteForUser(user.id, older.id))?.fingerprint, older.fingerprint);
      assert.equal(await keys.deleteForUser(user.id, older.id), null, 'already gone');
      assert.equal(await keys.countForUser(user.id), 1);
      assert.equal(await keys.ownerOf(older.fingerprint), null, 'a deleted key can be added again');
    });
  });
}
