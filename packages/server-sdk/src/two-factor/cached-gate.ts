import { RevocableCache } from '../cache/revocable-cache.js';
import type { Clock } from '../clock.js';
import type { ResolvedConfig } from '../core/config.js';
import type { UserRecord } from '../storage/types.js';
import type { SecondFactorGate, SecondFactorSummary } from '../core/second-factor.js';
import type { RevocationBus } from '../sessions/revocation-bus.js';

/**
 * Caches each user's second-factor summary (read on every `GET /me`) for the session cache's
 * TTL; any change announced for the user on the revocation bus — which every factor change
 * publishes — drops it in every process.
 */
export function withCachedSummary(
  gate: SecondFactorGate, bus: RevocationBus, clock: Clock, config: Pick<ResolvedConfig['sessions'], 'cacheTtlSeconds' | 'cacheMaxEntries'>,
): SecondFactorGate {
  const cache = new RevocableCache<SecondFactorSummary>({ clock, maxEntries: config.cacheMaxEntries, ttlMs: config.cacheTtlSeconds * 1000 });
  bus.subscribe((revocation) => cache.revoke(revocation));
  return {
    afterFirstFactor: (tx, user, ctx) => gate.afterFirstFactor(tx, user, ctx),
    verifyReauthCode: (user, code, ctx) => gate.verifyReauthCode(user, code, ctx),
    voidPending: (tx, userId) => gate.voidPending(tx, userId),
    async summary(user: UserRecord) {
      const hit = cache.get(user.id);
      if (hit) return hit;
      const summary = await gate.summary(user);
      cache.set(user.id, summary, { userId: user.id });
      return summary;
    },
  };
}
