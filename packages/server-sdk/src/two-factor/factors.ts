import type { ResolvedConfig } from '../core/config.js';
import type { UserRecord } from '../storage/types.js';
import type { SecondFactorMethod } from '../core/second-factor.js';
import type { TwoFactorStores } from './storage/stores.js';

/** The second factors a user really has, as the configuration lets them count. */
export interface UserFactors {
  totp: boolean;
  /** Email codes: enabled by the user and allowed by `twoFactor.emailEnabled`. */
  email: boolean;
  passkeys: number;
  backupCodesRemaining: number;
}

/**
 * Reads what second factors a user has. Pass the transaction's stores inside a transaction and a
 * freshly read user: the factor flags must never come from a cache (a stale "no second factor"
 * would let a sign-in skip the second step).
 */
export async function loadFactors(stores: Pick<TwoFactorStores, 'totp' | 'passkeys' | 'backupCodes'>, config: ResolvedConfig, user: UserRecord): Promise<UserFactors> {
  const totp = await stores.totp.findTotp(user.id);
  return {
    totp: Boolean(totp?.enabledAt && totp.secretSealed),
    email: config.twoFactor.emailEnabled && user.emailTwoFactor,
    passkeys: config.passkeys.enabled ? await stores.passkeys.countPasskeys(user.id) : 0,
    backupCodesRemaining: await stores.backupCodes.countUnusedBackupCodes(user.id),
  };
}

/** True when sign-in must ask for a second step. Backup codes alone do not count: they back up a factor. */
export function hasSecondFactor(factors: UserFactors): boolean {
  return factors.totp || factors.email || factors.passkeys > 0;
}

/** The methods a pending sign-in offers: exactly what the user has, in a stable order. */
export function signInMethods(factors: UserFactors): SecondFactorMethod[] {
  if (!hasSecondFactor(factors)) return [];
  const methods: SecondFactorMethod[] = [];
  if (factors.totp) methods.push('totp');
  if (factors.email) methods.push('email');
  if (factors.backupCodesRemaining > 0) methods.push('backup_code');
  if (factors.passkeys > 0) methods.push('passkey');
  return methods;
}

/** True when one of the user's roles requires a second factor (`twoFactor.requiredForRoles`) and they have none. */
export function isSetupRequired(config: ResolvedConfig, user: UserRecord, factors: UserFactors): boolean {
  return !hasSecondFactor(factors) && user.roles.some((role) => config.twoFactor.requiredForRoles.includes(role));
}
