import type { AccountService } from '../accounts/service.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Services } from '../services.js';
import type { Storage } from '../storage/storage.js';
import type { EmailCodeHasher } from './code-hash.js';
import { twoFactorPolicy, type TwoFactorPolicy } from './policy.js';
import { twoFactorStore } from './storage/knex-store.js';
import type { TwoFactorStore } from './storage/store.js';
import { createEmailCodeHasher } from './code-hash.js';

/** What every part of the two-factor feature is built from. */
export interface TwoFactorDeps {
  services: Services;
  accounts: AccountService;
  policy: TwoFactorPolicy;
  /** The repository over a storage; pass `tx` inside transactions. */
  store(storage: Storage): TwoFactorStore;
  /** Seals authenticator-app secrets at rest. */
  totpBox: SecretBox;
  hashEmailCode: EmailCodeHasher;
  /** The current time from the configured clock. */
  now(): Date;
}

/** Builds the {@link TwoFactorDeps} of one Latch instance. */
export function createTwoFactorDeps(services: Services, accounts: AccountService): TwoFactorDeps {
  return {
    services,
    accounts,
    policy: twoFactorPolicy,
    store: twoFactorStore,
    totpBox: services.secretBox('totp'),
    hashEmailCode: createEmailCodeHasher(services.config.secret),
    now: () => services.clock.now(),
  };
}

/** Whole seconds from `now` until `at` (at least 1, as `Retry-After` needs). */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
