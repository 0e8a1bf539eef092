import type { FeatureFactory } from '../feature.js';
import { AttemptBudget } from './attempts.js';
import { PendingSignIns } from './challenge.js';
import { CodeVerifier } from './codes.js';
import { createTwoFactorDeps } from './deps.js';
import { EmailCodes } from './email-code.js';
import { EmailFactor } from './email-factor.js';
import { Enrollment } from './enrollment.js';
import { Passkeys } from './passkeys.js';
import { twoFactorRoutes } from './routes.js';
import { createSecondFactorGate } from './second-factor-gate.js';
import { SecondStepSignIn } from './sign-in.js';
import { TotpFactor } from './totp-factor.js';

/**
 * Second factors and passkeys: the pending sign-in challenge, authenticator apps (TOTP), sign-in
 * codes by email, backup codes and passkeys, with their routes, the second-factor gate that every
 * session-yielding path passes, and the clean-up of expired rows.
 */
export const twoFactorFeature: FeatureFactory = (services, accounts) => {
  const deps = createTwoFactorDeps(services, accounts);
  const pending = new PendingSignIns(deps);
  const budget = new AttemptBudget(deps);
  const codes = new CodeVerifier(deps, budget);
  const emailCodes = new EmailCodes(deps);
  const enrollment = new Enrollment(deps);
  const parts = {
    secondStep: new SecondStepSignIn(deps, pending, budget, codes, emailCodes),
    totp: new TotpFactor(deps, enrollment, codes),
    email: new EmailFactor(deps, enrollment, codes, emailCodes),
    enrollment,
    passkeys: new Passkeys(deps, pending, enrollment),
  };
  return {
    name: 'two-factor',
    routes: twoFactorRoutes(services, parts),
    secondFactor: createSecondFactorGate(deps, pending, emailCodes, codes),
    async cleanup() {
      const store = deps.store(services.storage);
      const now = deps.now();
      await store.deleteExpiredWebauthnChallenges(now);
      await store.deleteExpiredEmailCodes(now);
      await store.deleteExpiredChallenges(now);
      await store.deleteExpiredPendingTotp(now);
    },
  };
};
