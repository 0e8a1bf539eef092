import { sha256 } from '../crypto/digest.js';
import { randomToken } from '../crypto/random.js';
import { ChallengeExpiredError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { TwoFactorDeps } from './deps.js';
import type { ChallengeRecord } from './storage/challenge-store.js';

/**
 * Pending sign-ins: what a correct password on an account with a second factor yields. The
 * client holds only a random token (256 bits) in the short-lived challenge cookie; the server keeps
 * its hash. The token is worth nothing but the second step of that one sign-in: no route reads it
 * as a session, it expires within ten minutes and it is used up by the step that succeeds.
 */
export class PendingSignIns {
  constructor(private readonly deps: TwoFactorDeps) {}

  /** Starts a pending sign-in for `user` in the caller's transaction; returns it and the cookie token. */
  async start(tx: Storage, user: UserRecord): Promise<{ challenge: ChallengeRecord; token: string }> {
    const token = randomToken(32);
    const now = this.deps.now();
    const challenge = await this.deps.stores(tx).challenges.createChallenge({
      userId: user.id,
      tokenHash: sha256(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.deps.policy.challengeTtlSeconds * 1000),
    });
    return { challenge, token };
  }

  /** The live pending sign-in named by the challenge cookie's token, or null. */
  async find(token: string | undefined): Promise<ChallengeRecord | null> {
    if (!token || token.length > 128) return null;
    return this.deps.stores(this.deps.services.storage).challenges.findLiveChallenge(sha256(token), this.deps.now());
  }

  /** Like {@link find}, but a missing, used or expired pending sign-in is `challenge_expired`. */
  async require(token: string | undefined): Promise<ChallengeRecord> {
    const challenge = await this.find(token);
    if (!challenge) throw new ChallengeExpiredError();
    return challenge;
  }

  /** Uses the pending sign-in up in the caller's transaction; `challenge_expired` when it is no longer live. */
  async complete(tx: Storage, challenge: ChallengeRecord): Promise<void> {
    if (!(await this.deps.stores(tx).challenges.consumeChallenge(challenge.id, this.deps.now()))) throw new ChallengeExpiredError();
  }
}
