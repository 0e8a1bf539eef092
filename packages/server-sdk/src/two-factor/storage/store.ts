/** Records and repository of the two-factor feature. Times are `Date`s; ids are UUID strings. */

/** A sign-in waiting for its second step. */
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

/** A user's authenticator-app row: the active secret and a secret being set up. */
export interface TotpRecord {
  userId: string;
  secretSealed: string | null;
  enabledAt: Date | null;
  lastUsedStep: number | null;
  pendingSecretSealed: string | null;
  pendingExpiresAt: Date | null;
}

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

/** A stored backup code (its argon2id hash only). */
export interface BackupCodeRecord {
  id: string;
  codeHash: string;
}

/** A registered WebAuthn credential. */
export interface PasskeyRecord {
  id: string;
  userId: string;
  /** base64url credential id, unique across users. */
  credentialId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string | null;
  backedUp: boolean;
  aaguid: string | null;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A passkey to store (its id and last use are set by the database). */
export type NewPasskey = Omit<PasskeyRecord, 'id' | 'lastUsedAt'>;

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

/**
 * Everything the two-factor feature stores. Methods are named for their intent and the ones that
 * guard single use are one conditional statement each, so concurrent requests cannot both win.
 */
export interface TwoFactorStore {
  // Pending sign-ins
  createChallenge(input: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<ChallengeRecord>;
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
  deleteExpiredChallenges(now: Date): Promise<number>;

  // Authenticator apps
  findTotp(userId: string): Promise<TotpRecord | null>;
  /** Stores a secret being set up, replacing an earlier one being set up (the active one stays). */
  setPendingTotp(userId: string, secretSealed: string, expiresAt: Date, now: Date): Promise<void>;
  /** Makes the pending secret (which must still be `secretSealed`) the active one; `step` counts as used. */
  activatePendingTotp(userId: string, secretSealed: string, step: number, now: Date): Promise<boolean>;
  /** Records `step` as used, only if it is later than the last used step (one use per step). */
  useTotpStep(userId: string, step: number, now: Date): Promise<boolean>;
  /** Removes the active secret (and any pending one); false when none was active. */
  deleteTotp(userId: string): Promise<boolean>;
  deleteExpiredPendingTotp(now: Date): Promise<number>;

  // Emailed codes
  /** Stores a new code and voids every earlier live code of the same scope (one live code per scope). */
  issueEmailCode(scope: EmailCodeScope, codeHash: string, createdAt: Date, expiresAt: Date): Promise<void>;
  findLiveEmailCode(scope: EmailCodeScope, now: Date): Promise<EmailCodeRecord | null>;
  /** Marks a code used; false when it was already used or expired. */
  consumeEmailCode(id: string, now: Date): Promise<boolean>;
  deleteExpiredEmailCodes(now: Date): Promise<number>;

  // Backup codes
  /** Voids every earlier code of the user and stores the new set. */
  replaceBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  listUnusedBackupCodes(userId: string): Promise<BackupCodeRecord[]>;
  countUnusedBackupCodes(userId: string): Promise<number>;
  /** Marks one code used; false when it was already used (exactly one concurrent caller wins). */
  consumeBackupCode(id: string, now: Date): Promise<boolean>;
  deleteBackupCodes(userId: string): Promise<number>;

  // Passkeys
  countPasskeys(userId: string): Promise<number>;
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  findPasskeyByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** Inserts a passkey; null (and nothing changes) when its credential id is already registered. */
  insertPasskey(passkey: NewPasskey): Promise<PasskeyRecord | null>;
  renamePasskey(userId: string, id: string, name: string): Promise<PasskeyRecord | null>;
  deletePasskey(userId: string, id: string): Promise<PasskeyRecord | null>;
  /** Moves the signature counter from `expected` to `next`; false when another use got there first. */
  advancePasskeyCounter(id: string, expected: number, next: number, now: Date): Promise<boolean>;

  // WebAuthn challenges
  createWebauthnChallenge(input: Omit<WebauthnChallengeRecord, 'id'> & { createdAt: Date }): Promise<void>;
  /** Marks a live challenge of one of `purposes` used and returns it; null when unknown, used or expired. */
  consumeWebauthnChallenge(challenge: string, purposes: WebauthnPurpose[], now: Date): Promise<WebauthnChallengeRecord | null>;
  deleteExpiredWebauthnChallenges(now: Date): Promise<number>;
}
