import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { twoFactorStores } from '../stores.js';
import { instant, longAgo, newChallenge, newUser, plus, race, racers, winners, type StorageGetter } from './fixtures.js';

/** The pending-sign-in store: liveness, the attempt budget, single use and the email-send guard. */
export function challengeStoreConformance(getStorage: StorageGetter): void {
  describe('pending sign-ins', () => {
    it('finds a live challenge by token hash and id until the instant it expires', async () => {
      const storage = getStorage();
      const { challenges } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const tokenHash = randomUUID();
      const created = await challenges.createChallenge({ userId: user.id, tokenHash, createdAt: at, expiresAt: plus(at, 60_000) });
      assert.equal(created.userId, user.id);
      assert.deepEqual([created.attempts, created.emailSends, created.usedAt, created.emailLastSentAt], [0, 0, null, null]);
      assert.equal((await challenges.findLiveChallenge(tokenHash, plus(at, 59_999)))?.id, created.id);
      assert.equal((await challenges.findLiveChallengeById(created.id, plus(at, 59_999)))?.id, created.id);
      assert.equal(await challenges.findLiveChallenge(tokenHash, plus(at, 60_000)), null);
      assert.equal(await challenges.findLiveChallengeById(created.id, plus(at, 60_000)), null);
      assert.equal(await challenges.findLiveChallenge(randomUUID(), at), null);
    });

    it(`consumes a challenge once when ${racers} transactions race`, async () => {
      const storage = getStorage();
      const user = await newUser(storage);
      const at = instant();
      const challenge = await newChallenge(twoFactorStores(storage), user.id, at);
      const results = await race(storage, (s) => s.challenges.consumeChallenge(challenge.id, plus(at, 1000)));
      assert.equal(winners(results), 1);
      const { challenges } = twoFactorStores(storage);
      assert.equal(await challenges.findLiveChallengeById(challenge.id, plus(at, 1000)), null, 'a used challenge is not live');
      assert.equal(await challenges.consumeChallenge(challenge.id, plus(at, 2000)), false);
    });

    it('refuses an expired or unknown challenge, and a rolled-back use leaves it live', async () => {
      const storage = getStorage();
      const { challenges } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const challenge = await newChallenge(twoFactorStores(storage), user.id, at);
      assert.equal(await challenges.consumeChallenge(challenge.id, plus(at, 60_000)), false, 'expired at the instant');
      assert.equal(await challenges.consumeChallenge(randomUUID(), at), false);
      await assert.rejects(storage.transaction(async (tx) => {
        assert.equal(await twoFactorStores(tx).challenges.consumeChallenge(challenge.id, at), true);
        throw new Error('the code was used meanwhile');
      }));
      assert.equal(await challenges.consumeChallenge(challenge.id, plus(at, 59_999)), true, 'usable until the last millisecond');
    });

    it(`reserves exactly the attempt budget when ${racers} transactions race`, async () => {
      const storage = getStorage();
      const { challenges } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const challenge = await newChallenge(twoFactorStores(storage), user.id, at);
      const results = await race(storage, (s) => s.challenges.reserveChallengeAttempt(challenge.id, 3, at));
      assert.deepEqual(results.filter((n) => n !== null).sort(), [1, 2, 3], 'each reservation gets its own count');
      assert.equal((await challenges.findLiveChallengeById(challenge.id, at))?.attempts, 3);
      assert.equal(await challenges.reserveChallengeAttempt(challenge.id, 3, at), null, 'the budget is spent');
      assert.equal(await challenges.reserveChallengeAttempt(challenge.id, 4, plus(at, 60_000)), null, 'expired');
      assert.equal(await challenges.reserveChallengeAttempt(challenge.id, 4, at), 4, 'a larger budget has room');
      assert.equal(await challenges.consumeChallenge(challenge.id, at), true);
      assert.equal(await challenges.reserveChallengeAttempt(challenge.id, 10, at), null, 'used');
      assert.equal(await challenges.reserveChallengeAttempt(randomUUID(), 10, at), null, 'unknown');
    });

    it(`claims the failure notice once when ${racers} transactions race`, async () => {
      const storage = getStorage();
      const user = await newUser(storage);
      const challenge = await newChallenge(twoFactorStores(storage), user.id, instant());
      assert.equal(winners(await race(storage, (s) => s.challenges.claimFailureNotice(challenge.id))), 1);
      assert.equal(await twoFactorStores(storage).challenges.claimFailureNotice(challenge.id), false);
    });

    it('claims email sends once per spacing interval, up to the cap, while live', async () => {
      const storage = getStorage();
      const { challenges } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const challenge = await newChallenge(twoFactorStores(storage), user.id, at, 600_000);
      assert.equal(winners(await race(storage, (s) => s.challenges.claimEmailSend(challenge.id, at, 30, 3))), 1, 'one send per instant');
      assert.equal(await challenges.claimEmailSend(challenge.id, plus(at, 29_999), 30, 3), false, 'too soon');
      assert.equal(await challenges.claimEmailSend(challenge.id, plus(at, 30_000), 30, 3), true, 'spaced exactly enough');
      assert.equal(await challenges.claimEmailSend(challenge.id, plus(at, 60_000), 30, 3), true);
      assert.equal(await challenges.claimEmailSend(challenge.id, plus(at, 90_000), 30, 3), false, 'the cap is reached');
      const live = await challenges.findLiveChallengeById(challenge.id, plus(at, 90_000));
      assert.equal(live?.emailSends, 3);
      assert.equal(live?.emailLastSentAt?.getTime(), plus(at, 60_000).getTime());
      const other = await newChallenge(twoFactorStores(storage), user.id, at);
      assert.equal(await challenges.claimEmailSend(other.id, plus(at, 60_000), 30, 3), false, 'expired');
      assert.equal(await challenges.consumeChallenge(other.id, at), true);
      assert.equal(await challenges.claimEmailSend(other.id, plus(at, 1000), 30, 3), false, 'used');
    });

    it('voids every unused challenge of one user only', async () => {
      const storage = getStorage();
      const stores = twoFactorStores(storage);
      const [user, other] = [await newUser(storage), await newUser(storage)];
      const at = instant();
      const mine = [await newChallenge(stores, user.id, at), await newChallenge(stores, user.id, at)];
      const theirs = await newChallenge(stores, other.id, at);
      await stores.challenges.voidChallengesForUser(user.id, at);
      for (const c of mine) assert.equal(await stores.challenges.findLiveChallengeById(c.id, at), null);
      assert.equal(await stores.challenges.consumeChallenge(mine[0]!.id, at), false);
      assert.ok(await stores.challenges.findLiveChallengeById(theirs.id, at), 'another user keeps theirs');
    });

    it('deletes the challenges expired at the instant, and no others', async () => {
      const storage = getStorage();
      const stores = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = longAgo();
      await stores.challenges.deleteExpiredChallenges(plus(at, 60_000));
      await newChallenge(stores, user.id, at, 30_000);
      await newChallenge(stores, user.id, at, 60_000);
      const kept = await newChallenge(stores, user.id, at, 60_001);
      assert.equal(await stores.challenges.deleteExpiredChallenges(plus(at, 60_000)), 2);
      assert.ok(await stores.challenges.findLiveChallengeById(kept.id, plus(at, 60_000)));
    });
  });
}
