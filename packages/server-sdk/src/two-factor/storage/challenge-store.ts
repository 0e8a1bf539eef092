/** Pending sign-ins: a sign-in that passed its first factor and waits for the second step. */

/** A sign-in waiting for its second step. Times are `Date`s; ids are UUID strings. */
export interface ChallengeRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** Second-step attempts made so far (reserved before each check). */
  attempts: number;
  emailSends: number;
  emailLastSentAt: Date | null;
}

/** A pending sign-in to store; only the cookie token's hash is kept. */
export interface NewChallenge {
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The pending sign-ins. A challenge is live while unused and `expiresAt` is later than `now`. The
 * guarding methods are one conditional statement each, so concurrent requests cannot both win.
 */
export interface ChallengeStore {
  createChallenge(input: NewChallenge): Promise<ChallengeRecord>;
  /** A pending sign-in that is unused and unexpired. */
  findLiveChallenge(tokenHash: string, now: Date): Promise<ChallengeRecord | null>;
  findLiveChallengeById(id: string, now: Date): Promise<ChallengeRecord | null>;
  /** Counts one attempt unless `max` are already made; null when the budget is spent or the challenge is gone. */
  reserveChallengeAttempt(id: string, max: number, now: Date): Promise<number | null>;
  /** Marks the pending sign-in used; false when it was used, expired or is gone. */
  consumeChallenge(id: string, now: Date): Promise<boolean>;
  /** True exactly once per pending sign-in: the caller sends the failed-attempts notice. */
  claimFailureNotice(id: string): Promise<boolean>;
  /** Counts an email send unless the last was under `minIntervalSeconds` ago or `maxSends` were made. */
  claimEmailSend(id: string, now: Date, minIntervalSeconds: number, maxSends: number): Promise<boolean>;
  /** Deletes pending sign-ins expired at `now`; returns how many. */
  deleteExpiredChallenges(now: Date): Promise<number>;
  /** Marks every unused pending sign-in of the user used, so none can be completed any more. */
  voidChallengesForUser(userId: string, now: Date): Promise<void>;
}
