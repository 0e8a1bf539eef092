import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { twoFactorStores } from '../stores.js';
import { instant, longAgo, newUser, plus, race, racers, winners, type StorageGetter } from './fixtures.js';

/** The authenticator-app store: set-up, activation once, one use per time step, clean-up. */
export function totpStoreConformance(getStorage: StorageGetter): void {
  describe('authenticator apps', () => {
    const step = 58_000_000;

    it('keeps a secret being set up apart from the active one', async () => {
      const storage = getStorage();
      const { totp } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      assert.equal(await totp.findTotp(user.id), null);
      await totp.setPendingTotp(user.id, 'first', plus(at, 60_000), at);
      assert.deepEqual(await totp.findTotp(user.id), {
        userId: user.id, secretSealed: null, enabledAt: null, lastUsedStep: null, pendingSecretSealed: 'first', pendingExpiresAt: plus(at, 60_000),
      });
      assert.equal(await totp.activatePendingTotp(user.id, 'first', step, at), true);
      await totp.setPendingTotp(user.id, 'second', plus(at, 60_000), at);
      await totp.setPendingTotp(user.id, 'third', plus(at, 90_000), at);
      const record = await totp.findTotp(user.id);
      assert.equal(record?.secretSealed, 'first', 'the active secret stays while another is set up');
      assert.equal(record?.pendingSecretSealed, 'third', 'a new set-up replaces the earlier one');
      assert.equal(await totp.activatePendingTotp(user.id, 'second', step + 1, at), false, 'a replaced set-up cannot be activated');
    });

    it(`activates a set-up once when ${racers} transactions race, only unchanged and unexpired`, async () => {
      const storage = getStorage();
      const { totp } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      await totp.setPendingTotp(user.id, 'sealed', plus(at, 60_000), at);
      assert.equal(await totp.activatePendingTotp(user.id, 'other', step, at), false, 'another secret');
      assert.equal(await totp.activatePendingTotp(user.id, 'sealed', step, plus(at, 60_000)), false, 'expired at the instant');
      const results = await race(storage, (s) => s.totp.activatePendingTotp(user.id, 'sealed', step, plus(at, 59_999)));
      assert.equal(winners(results), 1);
      assert.deepEqual(await totp.findTotp(user.id), {
        userId: user.id, secretSealed: 'sealed', enabledAt: plus(at, 59_999), lastUsedStep: step, pendingSecretSealed: null, pendingExpiresAt: null,
      });
    });

    it(`uses each step once when ${racers} transactions race, never an earlier one`, async () => {
      const storage = getStorage();
      const { totp } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      await totp.setPendingTotp(user.id, 'sealed', plus(at, 60_000), at);
      assert.equal(await totp.useTotpStep(user.id, step + 1, at), false, 'not active yet');
      await totp.activatePendingTotp(user.id, 'sealed', step, at);
      assert.equal(await totp.useTotpStep(user.id, step, at), false, 'the activation used its step');
      assert.equal(winners(await race(storage, (s) => s.totp.useTotpStep(user.id, step + 1, at))), 1);
      assert.equal(await totp.useTotpStep(user.id, step + 1, at), false);
      assert.equal(await totp.useTotpStep(user.id, step - 1, at), false, 'an earlier step');
      const spread = await race(storage, (s, i) => s.totp.useTotpStep(user.id, step + 2 + i, at));
      assert.ok(winners(spread) >= 1);
      assert.equal((await totp.findTotp(user.id))?.lastUsedStep, step + 1 + racers, 'the last used step never goes back');
      assert.equal(await totp.useTotpStep((await newUser(storage)).id, step, at), false, 'no authenticator app');
    });

    it('deletes the secret, telling whether an active one was removed', async () => {
      const storage = getStorage();
      const { totp } = twoFactorStores(storage);
      const [active, pendingOnly] = [await newUser(storage), await newUser(storage)];
      const at = instant();
      await totp.setPendingTotp(active.id, 'a', plus(at, 60_000), at);
      await totp.activatePendingTotp(active.id, 'a', step, at);
      await totp.setPendingTotp(pendingOnly.id, 'p', plus(at, 60_000), at);
      assert.equal(await totp.deleteTotp(active.id), true);
      assert.equal(await totp.deleteTotp(active.id), false, 'already gone');
      assert.equal(await totp.deleteTotp(pendingOnly.id), false, 'nothing was active');
      assert.equal(await totp.findTotp(pendingOnly.id), null, 'the set-up went too');
    });

    it('clears set-ups expired at the instant, keeping active secrets', async () => {
      const storage = getStorage();
      const { totp } = twoFactorStores(storage);
      const [active, pendingOnly, fresh] = [await newUser(storage), await newUser(storage), await newUser(storage)];
      const at = longAgo();
      const cutoff = plus(at, 60_000);
      await totp.deleteExpiredPendingTotp(cutoff);
      await totp.setPendingTotp(active.id, 'a', plus(at, 60_000), at);
      await totp.activatePendingTotp(active.id, 'a', step, at);
      await totp.setPendingTotp(active.id, 'next', cutoff, at);
      await totp.setPendingTotp(pendingOnly.id, 'p', cutoff, at);
      await totp.setPendingTotp(fresh.id, 'f', plus(cutoff, 1), at);
      assert.equal(await totp.deleteExpiredPendingTotp(cutoff), 2);
      const kept = await totp.findTotp(active.id);
      assert.deepEqual([kept?.secretSealed, kept?.pendingSecretSealed, kept?.pendingExpiresAt], ['a', null, null]);
      assert.equal(await totp.findTotp(pendingOnly.id), null);
      assert.equal((await totp.findTotp(fresh.id))?.pendingSecretSealed, 'f');
    });
  });
}
