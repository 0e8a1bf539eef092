import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { EmailCodeScope } from '../email-code-store.js';
import { twoFactorStores } from '../stores.js';
import { instant, longAgo, newChallenge, newUser, plus, race, racers, winners, type StorageGetter } from './fixtures.js';

/** The emailed-code store: one live code per scope, single use, expiry and clean-up. */
export function emailCodeStoreConformance(getStorage: StorageGetter): void {
  describe('emailed codes', () => {
    it('keeps one live code per scope, the newest', async () => {
      const storage = getStorage();
      const stores = twoFactorStores(storage);
      const { emailCodes } = stores;
      const user = await newUser(storage);
      const at = instant();
      const [first, second] = [await newChallenge(stores, user.id, at), await newChallenge(stores, user.id, at)];
      const reauth: EmailCodeScope = { purpose: 'reauth', userId: user.id };
      const signIn: EmailCodeScope = { purpose: 'sign_in', userId: user.id, challengeId: first.id };
      const otherSignIn: EmailCodeScope = { purpose: 'sign_in', userId: user.id, challengeId: second.id };
      await emailCodes.issueEmailCode(reauth, 'reauth-1', at, plus(at, 60_000));
      await emailCodes.issueEmailCode(signIn, 'sign-in-1', at, plus(at, 60_000));
      await emailCodes.issueEmailCode(otherSignIn, 'other-1', at, plus(at, 60_000));
      const voided = await emailCodes.findLiveEmailCode(reauth, at);
      await emailCodes.issueEmailCode(reauth, 'reauth-2', plus(at, 1000), plus(at, 61_000));
      const live = await emailCodes.findLiveEmailCode(reauth, plus(at, 1000));
      assert.deepEqual(live && { codeHash: live.codeHash, createdAt: live.createdAt, expiresAt: live.expiresAt },
        { codeHash: 'reauth-2', createdAt: plus(at, 1000), expiresAt: plus(at, 61_000) });
      assert.equal(await emailCodes.consumeEmailCode(voided!.id, plus(at, 1000)), false, 'a new code voids the last');
      assert.equal((await emailCodes.findLiveEmailCode(signIn, at))?.codeHash, 'sign-in-1', 'other scopes keep theirs');
      assert.equal((await emailCodes.findLiveEmailCode(otherSignIn, at))?.codeHash, 'other-1');
      assert.equal(await emailCodes.findLiveEmailCode({ purpose: 'reauth', userId: (await newUser(storage)).id }, at), null);
    });

    it(`uses a code once when ${racers} transactions race`, async () => {
      const storage = getStorage();
      const { emailCodes } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const scope: EmailCodeScope = { purpose: 'reauth', userId: user.id };
      await emailCodes.issueEmailCode(scope, randomUUID(), at, plus(at, 60_000));
      const code = (await emailCodes.findLiveEmailCode(scope, at))!;
      assert.equal(winners(await race(storage, (s) => s.emailCodes.consumeEmailCode(code.id, at))), 1);
      assert.equal(await emailCodes.findLiveEmailCode(scope, at), null, 'a used code is not live');
    });

    it('refuses a code from the instant it expires', async () => {
      const storage = getStorage();
      const { emailCodes } = twoFactorStores(storage);
      const user = await newUser(storage);
      const at = instant();
      const scope: EmailCodeScope = { purpose: 'reauth', userId: user.id };
      await emailCodes.issueEmailCode(scope, randomUUID(), at, plus(at, 60_000));
      const code = (await emailCodes.findLiveEmailCode(scope, plus(at, 59_999)))!;
      assert.ok(code);
      assert.equal(await emailCodes.findLiveEmailCode(scope, plus(at, 60_000)), null);
      assert.equal(await emailCodes.consumeEmailCode(code.id, plus(at, 60_000)), false);
      assert.equal(await emailCodes.consumeEmailCode(code.id, plus(at, 59_999)), true);
      assert.equal(await emailCodes.consumeEmailCode(randomUUID(), at), false, 'unknown');
    });

    it('deletes the codes expired at the instant or used, and no others', async () => {
      const storage = getStorage();
      const { emailCodes } = twoFactorStores(storage);
      const [a, b, c] = [await newUser(storage), await newUser(storage), await newUser(storage)];
      const at = longAgo();
      const cutoff = plus(at, 60_000);
      await emailCodes.deleteExpiredEmailCodes(cutoff);
      await emailCodes.issueEmailCode({ purpose: 'reauth', userId: a.id }, 'expired', at, cutoff);
      await emailCodes.issueEmailCode({ purpose: 'reauth', userId: b.id }, 'used', at, plus(cutoff, 60_000));
      await emailCodes.consumeEmailCode((await emailCodes.findLiveEmailCode({ purpose: 'reauth', userId: b.id }, at))!.id, at);
      await emailCodes.issueEmailCode({ purpose: 'reauth', userId: c.id }, 'live', at, plus(cutoff, 1));
      assert.equal(await emailCodes.deleteExpiredEmailCodes(cutoff), 2);
      assert.equal((await emailCodes.findLiveEmailCode({ purpose: 'reauth', userId: c.id }, cutoff))?.codeHash, 'live');
    });
  });
}
