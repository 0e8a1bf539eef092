/** WebAuthn ceremony challenges: server-side, single use, short-lived, bound to a purpose. */

/** What a WebAuthn ceremony is for. */
export type WebauthnPurpose = 'register' | 'sign_in' | 'second_factor';

/** A server-side WebAuthn challenge. */
export interface WebauthnChallengeRecord {
  id: string;
  challenge: string;
  purpose: WebauthnPurpose;
  userId: string | null;
  /** The pending sign-in a second-step ceremony belongs to. */
  pendingId: string | null;
  expiresAt: Date;
}

/** A WebAuthn challenge to store. */
export type NewWebauthnChallenge = Omit<WebauthnChallengeRecord, 'id'> & { createdAt: Date };

/** The WebAuthn challenges. Using one is a single conditional statement, so a ceremony completes once. */
export interface WebauthnChallengeStore {
  createWebauthnChallenge(input: NewWebauthnChallenge): Promise<void>;
  /** Marks a live challenge of one of `purposes` used and returns it; null when unknown, used, expired or of another purpose. */
  consumeWebauthnChallenge(challenge: string, purposes: WebauthnPurpose[], now: Date): Promise<WebauthnChallengeRecord | null>;
  /** Deletes challenges that expired at `now` or were used; returns how many. */
  deleteExpiredWebauthnChallenges(now: Date): Promise<number>;
}
