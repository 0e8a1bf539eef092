import type { RequestContext } from '../context.js';
import { RateLimitedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { PendingSignIns } from './challenge.js';
import type { CodeVerifier } from './codes.js';
import type { TwoFactorDeps } from './deps.js';
import type { EmailCodes } from './email-code.js';
import { hasSecondFactor, isSetupRequired, loadFactors, signInMethods } from './factors.js';
import type { PendingChallenge, SecondFactorGate, SecondFactorSummary } from '../core/second-factor.js';

/**
 * The gate every session-yielding path passes after its first factor: users with a second factor
 * get a pending sign-in instead of a session. When email is their only code factor, the sign-in
 * code is emailed right away (they would ask for it anyway); otherwise it is sent on request.
 */
export function createSecondFactorGate(deps: TwoFactorDeps, pending: PendingSignIns, emailCodes: EmailCodes, codes: CodeVerifier): SecondFactorGate {
  const { services } = deps;
  return {
    async afterFirstFactor(tx: Storage, user: UserRecord, ctx: RequestContext): Promise<PendingChallenge | null> {
      // Factors are read in the sign-in's transaction from the database, never from a cache.
      const methods = signInMethods(await loadFactors(deps.stores(tx), services.config, user));
      if (methods.length === 0) return null;
      const { challenge, token } = await pending.start(tx, user);
      if (methods.includes('email') && !methods.includes('totp')) {
        try {
          await emailCodes.sendForSignIn(tx, user, challenge, ctx);
        } catch (error) {
          // An exhausted mail budget must not block the sign-in: the other methods still work.
          if (!(error instanceof RateLimitedError)) throw error;
        }
      }
      return { methods, challengeToken: token, expiresAt: challenge.expiresAt };
    },

    async verifyReauthCode(user: UserRecord, code: string, ctx: RequestContext): Promise<boolean> {
      const fresh = await services.storage.users.findById(user.id);
      if (!fresh) return false;
      const factors = await loadFactors(deps.stores(services.storage), services.config, fresh);
      if (!hasSecondFactor(factors)) return false;
      return (await codes.verifyAndUse(fresh, code, ['totp', 'email', 'backup_code'], ctx)) !== null;
    },

    async voidPending(tx: Storage, userId: string): Promise<void> {
      await deps.stores(tx).challenges.voidChallengesForUser(userId, deps.now());
    },

    async summary(user: UserRecord): Promise<SecondFactorSummary> {
      const fresh = (await services.storage.users.findById(user.id)) ?? user;
      const factors = await loadFactors(deps.stores(services.storage), services.config, fresh);
      const summary: SecondFactorSummary = {
        totp: factors.totp, email: factors.email, passkeys: factors.passkeys, backupCodesRemaining: factors.backupCodesRemaining,
      };
      if (isSetupRequired(services.config, fresh, factors)) summary.setupRequired = true;
      return summary;
    },
  };
}
