import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { twoFactorStores } from '../stores.js';
import type { NewWebauthnChallenge } from '../webauthn-challenge-store.js';
import { instant, longAgo, newUser, plus, race, racers, winners, type StorageGetter } from './fixtures.js';

/** A sign-in ceremony challenge created at `at`, valid for a minute. */
function ceremony(at: Date, overrides: Partial<NewWebauthnChallenge> = {}): NewWebauthnChallenge {
  return { challenge: randomUUID(), purpose: 'sign_in', userId: null, pendingId: null, createdAt: at, expiresAt: plus(at, 60_000), ...overrides };
}

/** The WebAuthn-challenge store: single use under races, purpose binding, expiry and clean-up. */
export function webauthnChallengeStoreConformance(getStorage: StorageGetter): void {
  describe('WebAuthn challenges', () => {
    it(`consumes a challenge once when ${racers} transactions race`, async () => {
      const storage = getStorage();
      const user = await newUser(storage);
      const at = instant();
      const input = ceremony(at, { purpose: 'register', userId: user.id });
      await twoFactorStores(storage).webauthn.createWebauthnChallenge(input);
      const results = await race(storage, (s) => s.webauthn.consumeWebauthnChallenge(input.challenge, ['register'], at));
      assert.equal(winners(results), 1);
      const record = results.find((r) => r !== null)!;
      assert.deepEqual({ ...record, id: undefined }, { id: undefined, challenge: input.challenge, purpose: 'register', userId: user.id, pendingId: null, expiresAt: input.expiresAt });
    });

    it('answers only the purposes asked for, until the instant it expires', async () => {
      const storage = getStorage();
      const { webauthn } = twoFactorStores(storage);
      const at = instant();
      const input = ceremony(at);
      await webauthn.createWebauthnChallenge(input);
      assert.equal(await webauthn.consumeWebauthnChallenge(input.challenge, ['register'], at), null, 'another purpose');
      assert.equal(await webauthn.consumeWebauthnChallenge(input.challenge, ['sign_in', 'second_factor'], plus(at, 60_000)), null, 'expired');
      assert.ok(await webauthn.consumeWebauthnChallenge(input.challenge, ['sign_in', 'second_factor'], plus(at, 59_999)));
      assert.equal(await webauthn.consumeWebauthnChallenge(randomUUID(), ['sign_in'], at), null, 'unknown');
    });

    it('deletes the challenges expired at the instant or used, and no others', async () => {
      const storage = getStorage();
      const { webauthn } = twoFactorStores(storage);
      const at = longAgo();
      const cutoff = plus(at, 60_000);
      await webauthn.deleteExpiredWebauthnChallenges(cutoff);
      const used = ceremony(at, { expiresAt: plus(cutoff, 60_000) });
      const live = ceremony(at, { expiresAt: plus(cutoff, 1) });
      for (const input of [ceremony(at, { expiresAt: cutoff }), used, live]) await webauthn.createWebauthnChallenge(input);
      assert.ok(await webauthn.consumeWebauthnChallenge(used.challenge, ['sign_in'], at));
      assert.equal(await webauthn.deleteExpiredWebauthnChallenges(cutoff), 2);
      assert.ok(await webauthn.consumeWebauthnChallenge(live.challenge, ['sign_in'], cutoff), 'the live one stays');
    });
  });
}
