import { backupCodeStoreConformance } from './backup-codes.js';
import { challengeStoreConformance } from './challenges.js';
import { emailCodeStoreConformance } from './email-codes.js';
import type { StorageGetter } from './fixtures.js';
import { passkeyStoreConformance } from './passkeys.js';
import { totpStoreConformance } from './totp.js';
import { webauthnChallengeStoreConformance } from './webauthn.js';

/**
 * The behaviour every two-factor store must show, run against each database: every guarded
 * method is checked for single use under racing transactions, for its expiry boundary (live
 * while `expiresAt` is later than `now`) and for touching only its own rows. Call it inside a
 * `describe` with a function that returns a storage migrated with the two-factor migrations.
 * @example runTwoFactorStoreConformance(() => storage);
 */
export function runTwoFactorStoreConformance(getStorage: StorageGetter): void {
  challengeStoreConformance(getStorage);
  totpStoreConformance(getStorage);
  emailCodeStoreConformance(getStorage);
  backupCodeStoreConformance(getStorage);
  passkeyStoreConformance(getStorage);
  webauthnChallengeStoreConformance(getStorage);
}
