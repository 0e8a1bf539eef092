/** Backup codes: a set per user, stored as salted argon2id hashes, each usable once. */

/** A stored backup code (its argon2id hash only). */
export interface BackupCodeRecord {
  id: string;
  codeHash: string;
}

/** The backup codes. Using one is a single conditional statement: exactly one concurrent caller wins. */
export interface BackupCodeStore {
  /** Voids every earlier code of the user and stores the new set. */
  replaceBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  listUnusedBackupCodes(userId: string): Promise<BackupCodeRecord[]>;
  countUnusedBackupCodes(userId: string): Promise<number>;
  /** Marks one code used; false when it was already used or is gone (exactly one concurrent caller wins). */
  consumeBackupCode(id: string, now: Date): Promise<boolean>;
  /** Deletes every code of the user; returns how many. */
  deleteBackupCodes(userId: string): Promise<number>;
}
