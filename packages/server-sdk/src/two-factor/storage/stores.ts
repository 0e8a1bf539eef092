import type { Storage } from '../../storage/storage.js';
import type { BackupCodeStore } from './backup-code-store.js';
import type { ChallengeStore } from './challenge-store.js';
import type { EmailCodeStore } from './email-code-store.js';
import { backupCodeStoreKey } from './knex-backup-code-store.js';
import { challengeStoreKey } from './knex-challenge-store.js';
import { emailCodeStoreKey } from './knex-email-code-store.js';
import { passkeyStoreKey } from './knex-passkey-store.js';
import { totpStoreKey } from './knex-totp-store.js';
import { webauthnChallengeStoreKey } from './knex-webauthn-challenge-store.js';
import type { PasskeyStore } from './passkey-store.js';
import type { TotpStore } from './totp-store.js';
import type { WebauthnChallengeStore } from './webauthn-challenge-store.js';

/** The two-factor feature's stores, one per aggregate, all bound to one storage. */
export interface TwoFactorStores {
  challenges: ChallengeStore;
  totp: TotpStore;
  emailCodes: EmailCodeStore;
  backupCodes: BackupCodeStore;
  passkeys: PasskeyStore;
  webauthn: WebauthnChallengeStore;
}

/**
 * The two-factor stores over a Latch {@link Storage}: pass the transaction's storage (`tx`) inside
 * a transaction, so every statement runs on it (PGlite has a single connection).
 * @example await twoFactorStores(tx).backupCodes.consumeBackupCode(id, now);
 */
export function twoFactorStores(storage: Storage): TwoFactorStores {
  return {
    challenges: storage.store(challengeStoreKey),
    totp: storage.store(totpStoreKey),
    emailCodes: storage.store(emailCodeStoreKey),
    backupCodes: storage.store(backupCodeStoreKey),
    passkeys: storage.store(passkeyStoreKey),
    webauthn: storage.store(webauthnChallengeStoreKey),
  };
}
