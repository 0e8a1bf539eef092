import type { SessionIssuer } from '../core/feature.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Services } from '../core/services.js';
import type { Storage } from '../storage/storage.js';
import type { EmailCodeHasher } from './code-hash.js';
import { twoFactorPolicy, type TwoFactorPolicy } from './policy.js';
import { twoFactorStores, type TwoFactorStores } from './storage/stores.js';
import { createEmailCodeHasher } from './code-hash.js';

/** What every part of the two-factor feature is built from. */
export interface TwoFactorDeps {
  services: Services;
  /** Finishes a sign-in once the second factor is proven. */
  sessions: SessionIssuer;
  policy: TwoFactorPolicy;
  /** The feature's stores (one per aggregate) over a storage; pass `tx` inside transactions. */
  stores(storage: Storage): TwoFactorStores;
  /** Seals authenticator-app secrets at rest. */
  totpBox: SecretBox;
  hashEmailCode: EmailCodeHasher;
  /** The current time from the configured clock. */
  now(): Date;
}

/** Builds the {@link TwoFactorDeps} of one Latch instance. */
export function createTwoFactorDeps(services: Services, sessions: SessionIssuer): TwoFactorDeps {
  return {
    services,
    sessions,
    policy: twoFactorPolicy,
    stores: twoFactorStores,
    totpBox: services.secretBox('totp'),
    hashEmailCode: createEmailCodeHasher(services.config.secret),
    now: () => services.clock.now(),
  };
}

/** Whole seconds from `now` until `at` (at least 1, as `Retry-After` needs). */
export function secondsUntil(at: Date, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
}
