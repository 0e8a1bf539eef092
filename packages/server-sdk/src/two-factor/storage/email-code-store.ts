/** Emailed one-time codes: one live code per scope, stored as keyed hashes. */

/** What an emailed code is for. */
export type EmailCodePurpose = 'sign_in' | 'reauth';

/** Where an emailed code is valid: one pending sign-in, or the user's sensitive operations. */
export type EmailCodeScope =
  | { purpose: 'sign_in'; userId: string; challengeId: string }
  | { purpose: 'reauth'; userId: string };

/** A stored emailed code (its keyed hash only). */
export interface EmailCodeRecord {
  id: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The emailed codes. Using one is a single conditional statement, so a code works once. */
export interface EmailCodeStore {
  /** Stores a new code and voids every earlier live code of the same scope (one live code per scope). */
  issueEmailCode(scope: EmailCodeScope, codeHash: string, createdAt: Date, expiresAt: Date): Promise<void>;
  /** The scope's newest unused, unexpired code. */
  findLiveEmailCode(scope: EmailCodeScope, now: Date): Promise<EmailCodeRecord | null>;
  /** Marks a code used; false when it was already used or expired. */
  consumeEmailCode(id: string, now: Date): Promise<boolean>;
  /** Deletes codes that expired at `now` or were used; returns how many. */
  deleteExpiredEmailCodes(now: Date): Promise<number>;
}
