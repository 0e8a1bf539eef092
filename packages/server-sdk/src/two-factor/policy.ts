import type { RateLimitRule } from '../core/config.js';

/**
 * The fixed limits of second factors. They follow NIST SP 800-63B rev. 4 and the Latch security
 * checklist; they are constants rather than settings because loosening them weakens every account.
 */
export const twoFactorPolicy = {
  /** A pending sign-in lives this long (63B: the second step within 10 minutes). */
  challengeTtlSeconds: 600,
  /** Second-step attempts one pending sign-in allows; afterwards only a new sign-in helps. */
  challengeMaxAttempts: 5,
  /** Wrong attempts on one pending sign-in after which the owner is told by email. */
  failureNoticeThreshold: 3,
  /** Second-factor attempts per account (sign-in and reauthentication, all methods), reset by a success. */
  accountAttempts: { limit: 10, windowSeconds: 15 * 60 } satisfies RateLimitRule,
  /** A longer ceiling, so an attacker who knows the password cannot keep guessing day after day. */
  accountAttemptsPerDay: { limit: 50, windowSeconds: 24 * 3600 } satisfies RateLimitRule,
  /** Emailed codes: digits, lifetime, spacing and count per pending sign-in. */
  emailCodeDigits: 6,
  emailCodeTtlSeconds: 600,
  emailResendIntervalSeconds: 30,
  /** Resends after the first email of a pending sign-in. */
  emailMaxResends: 5,
  /** Emailed codes per account, all pending sign-ins and reauthentication codes together. */
  emailCodesPerAccount: { limit: 20, windowSeconds: 3600 } satisfies RateLimitRule,
  /** An authenticator-app secret being set up must be confirmed within this time. */
  totpSetupTtlSeconds: 15 * 60,
  /** Backup codes per set. */
  backupCodeCount: 10,
  /** WebAuthn ceremonies must finish within this time (the checklist allows at most 5 minutes). */
  webauthnChallengeTtlSeconds: 300,
} as const;

/** The limits above, as a type. */
export type TwoFactorPolicy = typeof twoFactorPolicy;
