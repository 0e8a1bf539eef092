import { recordAudit } from '../audit/log.js';
import { bindLimit, type BoundLimit } from '../rate-limit/limits.js';
import type { RequestContext } from '../context.js';
import { ChallengeExpiredError, RateLimitedError } from '../errors.js';
import type { UserRecord } from '../storage/types.js';
import { secondsUntil, type TwoFactorDeps } from './deps.js';
import { factorNotices, sendFactorNotice } from './notices.js';
import type { ChallengeRecord } from './storage/challenge-store.js';

/**
 * The wrong-code budget: per account (all methods, sign-in and reauthentication alike) and per
 * pending sign-in. An attempt is counted before its code is checked, so parallel guesses cannot
 * overrun the budget, and nothing but a success resets it (a resent email code does not).
 */
export class AttemptBudget {
  private readonly perAccount: BoundLimit;
  private readonly perAccountDay: BoundLimit;

  constructor(private readonly deps: TwoFactorDeps) {
    this.perAccount = bindLimit(deps.services.limiter, 'two_factor_user', deps.policy.accountAttempts);
    this.perAccountDay = bindLimit(deps.services.limiter, 'two_factor_user_day', deps.policy.accountAttemptsPerDay);
  }

  /**
   * Counts one attempt. Throws `rate_limited` when the account's or the pending sign-in's budget is
   * spent, and `challenge_expired` when the pending sign-in is gone. Returns the pending sign-in's
   * attempt count (0 without one).
   */
  async reserve(userId: string, challenge?: ChallengeRecord): Promise<number> {
    const { services, policy } = this.deps;
    await this.perAccount.consume(userId);
    await this.perAccountDay.consume(userId);
    if (!challenge) return 0;
    const stores = this.deps.stores(services.storage);
    const now = this.deps.now();
    const attempts = await stores.challenges.reserveChallengeAttempt(challenge.id, policy.challengeMaxAttempts, now);
    if (attempts !== null) return attempts;
    const live = await stores.challenges.findLiveChallengeById(challenge.id, now);
    if (!live) throw new ChallengeExpiredError();
    throw new RateLimitedError(secondsUntil(live.expiresAt, now), {
      detail: 'Too many wrong codes for this sign-in attempt. Sign in again with your password.',
    });
  }

  /**
   * Records a wrong code: an audit event, and once per pending sign-in, when its wrong attempts
   * reach the threshold, an email telling the owner that someone knows their password.
   */
  async failed(user: UserRecord, method: string, ctx: RequestContext, pending?: { challenge: ChallengeRecord; attempts: number }): Promise<void> {
    const { services, policy } = this.deps;
    await services.storage.transaction(async (tx) => {
      await recordAudit(tx, services.clock, {
        type: 'two_factor.failed', userId: user.id, detail: { method, stage: pending ? 'sign_in' : 'reauth' },
      }, ctx);
      if (pending && pending.attempts >= policy.failureNoticeThreshold && await this.deps.stores(tx).challenges.claimFailureNotice(pending.challenge.id)) {
        await sendFactorNotice(this.deps, tx, user, factorNotices.secondStepFailed(pending.attempts), ctx);
      }
    });
  }

  /** A success ends the run of failures. */
  async succeeded(userId: string): Promise<void> {
    await this.perAccount.reset(userId);
    await this.perAccountDay.reset(userId);
  }
}
