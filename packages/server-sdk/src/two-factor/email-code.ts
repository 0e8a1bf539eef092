import type { RequestContext } from '../context.js';
import { sha256 } from '../crypto/digest.js';
import { randomDigits } from '../crypto/random.js';
import { ChallengeExpiredError, RateLimitedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import { emailCodeScopeKey } from './codes.js';
import { secondsUntil, type TwoFactorDeps } from './deps.js';
import type { ChallengeRecord } from './storage/challenge-store.js';
import type { EmailCodeScope } from './storage/email-code-store.js';

/**
 * Emailed one-time codes: six CSPRNG digits, hashed with a key outside the database, valid ten
 * minutes, one live code per scope (a new one voids the last). Sends are spaced and counted per
 * pending sign-in and per account, so the feature cannot be used to flood a mailbox.
 */
export class EmailCodes {
  constructor(private readonly deps: TwoFactorDeps) {}

  /**
   * Emails a new sign-in code for a pending sign-in, in the caller's transaction. Throws
   * `rate_limited` when the last send was under 30 s ago, the resends are used up, or the account
   * got too many codes lately; `challenge_expired` when the pending sign-in is gone.
   */
  async sendForSignIn(tx: Storage, user: UserRecord, challenge: ChallengeRecord, ctx: RequestContext): Promise<void> {
    const { policy } = this.deps;
    const now = this.deps.now();
    const stores = this.deps.stores(tx);
    if (!(await stores.challenges.claimEmailSend(challenge.id, now, policy.emailResendIntervalSeconds, policy.emailMaxResends + 1))) {
      const live = await stores.challenges.findLiveChallengeById(challenge.id, now);
      if (!live) throw new ChallengeExpiredError();
      const nextAllowed = live.emailLastSentAt ? new Date(live.emailLastSentAt.getTime() + policy.emailResendIntervalSeconds * 1000) : now;
      if (live.emailSends <= policy.emailMaxResends && nextAllowed > now) {
        throw new RateLimitedError(secondsUntil(nextAllowed, now), { detail: 'Please wait a little before asking for another code.' });
      }
      throw new RateLimitedError(secondsUntil(live.expiresAt, now), { detail: 'No more codes can be sent for this sign-in attempt. Sign in again later.' });
    }
    await this.countAccountSend(tx, user);
    const expiresAt = new Date(Math.min(now.getTime() + policy.emailCodeTtlSeconds * 1000, challenge.expiresAt.getTime()));
    await this.issue(tx, user, { purpose: 'sign_in', userId: user.id, challengeId: challenge.id }, expiresAt, 'signInCode', ctx);
  }

  /** Emails a code that confirms a sensitive change (reauthentication), in the caller's transaction. */
  async sendForReauth(tx: Storage, user: UserRecord, ctx: RequestContext): Promise<void> {
    const now = this.deps.now();
    const scope: EmailCodeScope = { purpose: 'reauth', userId: user.id };
    const live = await this.deps.stores(tx).emailCodes.findLiveEmailCode(scope, now);
    const spacing = this.deps.policy.emailResendIntervalSeconds * 1000;
    if (live && now.getTime() - live.createdAt.getTime() < spacing) {
      throw new RateLimitedError(secondsUntil(new Date(live.createdAt.getTime() + spacing), now), { detail: 'Please wait a little before asking for another code.' });
    }
    await this.countAccountSend(tx, user);
    await this.issue(tx, user, scope, new Date(now.getTime() + this.deps.policy.emailCodeTtlSeconds * 1000), 'confirmationCode', ctx);
  }

  private async issue(tx: Storage, user: UserRecord, scope: EmailCodeScope, expiresAt: Date, template: 'signInCode' | 'confirmationCode', ctx: RequestContext) {
    const now = this.deps.now();
    const code = randomDigits(this.deps.policy.emailCodeDigits);
    await this.deps.stores(tx).emailCodes.issueEmailCode(scope, this.deps.hashEmailCode(emailCodeScopeKey(scope), code), now, expiresAt);
    const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
    await this.deps.services.outbox.enqueue(tx, user.email, template, { name: user.displayName, code, minutes }, ctx);
  }

  /**
   * Counts an emailed code against the account's budget. It goes through the transaction's own
   * rate-limit repository (the shared limiter would use another connection, which PGlite lacks).
   */
  private async countAccountSend(tx: Storage, user: UserRecord): Promise<void> {
    const { services, policy } = this.deps;
    if (!services.config.rateLimit.enabled) return;
    const rule = policy.emailCodesPerAccount;
    const now = this.deps.now();
    const { count, resetAt } = await tx.rateLimits.hit(`two_factor_email:${sha256(user.id)}`, rule.windowSeconds, now);
    if (count > rule.limit) throw new RateLimitedError(secondsUntil(resetAt, now), { detail: 'Too many codes were emailed lately. Please try again later.' });
  }
}
