import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../../../storage/storage.js';
import type { NewPasskey } from '../passkey-store.js';
import { twoFactorStores } from '../stores.js';
import { instant, newUser, plus, race, racers, winners, type StorageGetter } from './fixtures.js';

/** A passkey of `userId` to insert. */
function passkey(userId: string, at: Date, overrides: Partial<NewPasskey> = {}): NewPasskey {
  return {
    userId, credentialId: randomUUID(), publicKey: 'AAAA', counter: 0, transports: ['internal'], deviceType: 'multiDevice',
    backedUp: true, aaguid: null, name: 'Laptop', createdAt: at, ...overrides,
  };
}

async function users(storage: Storage, count: number) {
  return Promise.all(Array.from({ length: count }, () => newUser(storage)));
}

/** The passkey store: one account per credential id, compare-and-set counters, owner-only changes. */
export function passkeyStoreConformance(getStorage: StorageGetter): void {
  describe('passkeys', () => {
    it(`keeps a credential id to one account when ${racers} registrations race`, async () => {
      const storage = getStorage();
      const accounts = await users(storage, racers);
      const credentialId = randomUUID();
      const at = instant();
      const results = await race(storage, (s, i) => s.passkeys.insertPasskey(passkey(accounts[i]!.id, at, { credentialId })));
      assert.equal(winners(results), 1);
      const winner = results.find((r) => r !== null)!;
      assert.equal((await twoFactorStores(storage).passkeys.findPasskeyByCredentialId(credentialId))?.userId, winner.userId);
    });

    it('refuses a registered credential id without aborting the transaction', async () => {
      const storage = getStorage();
      const [user, other] = await users(storage, 2);
      const at = instant();
      const taken = await twoFactorStores(storage).passkeys.insertPasskey(passkey(user!.id, at));
      assert.ok(taken);
      const count = await storage.transaction(async (tx) => {
        const { passkeys } = twoFactorStores(tx);
        assert.equal(await passkeys.insertPasskey(passkey(other!.id, at, { credentialId: taken.credentialId })), null);
        return passkeys.countPasskeys(other!.id);
      });
      assert.equal(count, 0);
      assert.equal((await twoFactorStores(storage).passkeys.findPasskeyByCredentialId(taken.credentialId))?.userId, user!.id);
    });

    it(`advances the counter once per expected value when ${racers} uses race`, async () => {
      const storage = getStorage();
      const { passkeys } = twoFactorStores(storage);
      const [user] = await users(storage, 1);
      const at = instant();
      const key = (await passkeys.insertPasskey(passkey(user!.id, at)))!;
      assert.equal(key.lastUsedAt, null);
      assert.equal(winners(await race(storage, (s, i) => s.passkeys.advancePasskeyCounter(key.id, 0, i + 1, plus(at, 1000)))), 1);
      const [used] = await passkeys.listPasskeys(user!.id);
      assert.ok(used!.counter >= 1 && used!.counter <= racers);
      assert.equal(used!.lastUsedAt?.getTime(), plus(at, 1000).getTime());
      assert.equal(await passkeys.advancePasskeyCounter(key.id, 0, racers + 1, at), false, 'a stale counter');
      assert.equal(await passkeys.advancePasskeyCounter(key.id, used!.counter, racers + 1, at), true);
    });

    it('lists oldest first, and renames and deletes for the owner only', async () => {
      const storage = getStorage();
      const { passkeys } = twoFactorStores(storage);
      const [user, other] = await users(storage, 2);
      const at = instant();
      const older = (await passkeys.insertPasskey(passkey(user!.id, at, { name: 'Old' })))!;
      const newer = (await passkeys.insertPasskey(passkey(user!.id, plus(at, 1000), { name: 'New' })))!;
      assert.deepEqual((await passkeys.listPasskeys(user!.id)).map((p) => p.id), [older.id, newer.id]);
      assert.equal(await passkeys.countPasskeys(user!.id), 2);
      assert.equal(await passkeys.renamePasskey(other!.id, older.id, 'Mine'), null);
      assert.equal((await passkeys.renamePasskey(user!.id, older.id, 'Phone'))?.name, 'Phone');
      assert.equal(await passkeys.deletePasskey(other!.id, older.id), null);
      assert.equal((await passkeys.deletePasskey(user!.id, older.id))?.name, 'Phone');
      assert.equal(await passkeys.deletePasskey(user!.id, older.id), null, 'already gone');
      assert.deepEqual((await passkeys.listPasskeys(user!.id)).map((p) => p.id), [newer.id]);
      assert.equal(await passkeys.findPasskeyByCredentialId(older.credentialId), null);
    });
  });
}
