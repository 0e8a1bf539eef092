/** Authenticator apps (TOTP): one row per user with the active secret and a secret being set up. */

/** A user's authenticator-app row: the active secret and a secret being set up, both sealed. */
export interface TotpRecord {
  userId: string;
  secretSealed: string | null;
  enabledAt: Date | null;
  lastUsedStep: number | null;
  pendingSecretSealed: string | null;
  pendingExpiresAt: Date | null;
}

/**
 * The authenticator-app secrets. Activation and step use are one conditional statement each, so
 * a code's 30-second step is accepted once even under concurrent requests.
 */
export interface TotpStore {
  findTotp(userId: string): Promise<TotpRecord | null>;
  /** Stores a secret being set up, replacing an earlier one being set up (the active one stays). */
  setPendingTotp(userId: string, secretSealed: string, expiresAt: Date, now: Date): Promise<void>;
  /** Makes the pending secret (which must still be `secretSealed` and unexpired) the active one; `step` counts as used. */
  activatePendingTotp(userId: string, secretSealed: string, step: number, now: Date): Promise<boolean>;
  /** Records `step` as used, only if it is later than the last used step (one use per step). */
  useTotpStep(userId: string, step: number, now: Date): Promise<boolean>;
  /** Removes the active secret (and any pending one); false when none was active. */
  deleteTotp(userId: string): Promise<boolean>;
  /** Drops set-ups expired at `now` (rows without an active secret go entirely); returns how many. */
  deleteExpiredPendingTotp(now: Date): Promise<number>;
}
