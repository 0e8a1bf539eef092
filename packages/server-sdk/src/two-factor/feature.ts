import type { LatchFeature } from '../core/feature.js';
import { twoFactorAdminRoutes, twoFactorFacts } from './admin.js';
import { AttemptBudget } from './attempts.js';
import { PendingSignIns } from './challenge.js';
import { CodeVerifier } from './codes.js';
import { createTwoFactorDeps } from './deps.js';
import { EmailCodes } from './email-code.js';
import { EmailFactor } from './email-factor.js';
import { Enrollment } from './enrollment.js';
import { twoFactorMigrations } from './migrations.js';
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
export function twoFactorFeature(): LatchFeature {
  return {
    name: 'two-factor',
    migrations: twoFactorMigrations,
    setup({ services, sessions }) {
      const deps = createTwoFactorDeps(services, sessions);
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
      const gate = createSecondFactorGate(deps, pending, emailCodes, codes);
      return {
        routes: [...twoFactorRoutes(services, parts), ...twoFactorAdminRoutes(deps)],
        secondFactor: gate,
        accountFacts: (userId) => twoFactorFacts(deps, gate, userId),
        async cleanup() {
          const stores = deps.stores(services.storage);
          const now = deps.now();
          await stores.webauthn.deleteExpiredWebauthnChallenges(now);
          await stores.emailCodes.deleteExpiredEmailCodes(now);
          await stores.challenges.deleteExpiredChallenges(now);
          await stores.totp.deleteExpiredPendingTotp(now);
        },
      };
    },
  };
}
