import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { twoFactorStores } from '../stores.js';
import { instant, newUser, race, racers, winners, type StorageGetter } from './fixtures.js';

/** The backup-code store: whole-set replacement, single use under races, deletion per user. */
export function backupCodeStoreConformance(getStorage: StorageGetter): void {
  describe('backup codes', () => {
    it('replaces the whole set, voiding the earlier codes', async () => {
      const storage = getStorage();
      const { backupCodes } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      await backupCodes.replaceBackupCodes(user.id, ['a', 'b', 'c'], at);
      const first = await backupCodes.listUnusedBackupCodes(user.id);
      assert.deepEqual(first.map((c) => c.codeHash).sort(), ['a', 'b', 'c']);
      await backupCodes.replaceBackupCodes(user.id, ['d', 'e'], at);
      assert.deepEqual((await backupCodes.listUnusedBackupCodes(user.id)).map((c) => c.codeHash).sort(), ['d', 'e']);
      assert.equal(await backupCodes.countUnusedBackupCodes(user.id), 2);
      assert.equal(await backupCodes.consumeBackupCode(first[0]!.id, at), false, 'a code of the earlier set');
      await backupCodes.replaceBackupCodes(user.id, [], at);
      assert.equal(await backupCodes.countUnusedBackupCodes(user.id), 0);
    });

    it(`uses one code once when ${racers} transactions race, and distinct codes independently`, async () => {
      const storage = getStorage();
      const { backupCodes } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const hashes = Array.from({ length: racers + 1 }, (_, i) => `code-${i}`);
      await backupCodes.replaceBackupCodes(user.id, hashes, at);
      const codes = await backupCodes.listUnusedBackupCodes(user.id);
      const [contested, ...rest] = codes;
      assert.equal(winners(await race(storage, (s) => s.backupCodes.consumeBackupCode(contested!.id, at))), 1);
      assert.equal(await backupCodes.countUnusedBackupCodes(user.id), racers);
      assert.ok(!(await backupCodes.listUnusedBackupCodes(user.id)).some((c) => c.id === contested!.id), 'a used code is not offered');
      assert.equal(winners(await race(storage, (s, i) => s.backupCodes.consumeBackupCode(rest[i]!.id, at))), racers);
      assert.equal(await backupCodes.countUnusedBackupCodes(user.id), 0);
    });

    it("deletes one user's codes only", async () => {
      const storage = getStorage();
      const { backupCodes } = twoFactorStores(storage);
      const [user, other] = [await newUser(storage), await newUser(storage)];
      const at = instant();
      await backupCodes.replaceBackupCodes(user.id, ['a', 'b'], at);
      await backupCodes.replaceBackupCodes(other.id, ['c'], at);
      await backupCodes.consumeBackupCode((await backupCodes.listUnusedBackupCodes(user.id))[0]!.id, at);
      assert.equal(await backupCodes.deleteBackupCodes(user.id), 2, 'used codes go too');
      assert.equal(await backupCodes.countUnusedBackupCodes(user.id), 0);
      assert.equal(await backupCodes.countUnusedBackupCodes(other.id), 1);
      assert.equal(await backupCodes.deleteBackupCodes(user.id), 0);
    });
  });
}
