import type { Clock } from '../clock.js';
import type { UserRecord } from '../storage/types.js';
import type { SecondFactorGate, SecondFactorSummary } from '../two-factor/gate.js';
import type { RevocationBus } from './revocation-bus.js';

/**
 * Caches each user's second-factor summary (read on every `GET /me`) for `ttlSeconds`; any change
 * announced for the user on the revocation bus — which every factor change publishes — drops it
 * in every process.
 */
export function withCachedSummary(gate: SecondFactorGate, bus: RevocationBus, clock: Clock, ttlSeconds: number): SecondFactorGate {
  const cache = new Map<string, { summary: SecondFactorSummary; at: number }>();
  bus.subscribe((revocation) => {
    if (revocation.userId === '*') cache.clear();
    else if (revocation.userId) cache.delete(revocation.userId);
  });
  return {
    afterFirstFactor: (tx, user, ctx) => gate.afterFirstFactor(tx, user, ctx),
    verifyReauthCode: (user, code, ctx) => gate.verifyReauthCode(user, code, ctx),
    async summary(user: UserRecord) {
      const now = clock.now().getTime();
      const hit = cache.get(user.id);
      if (hit && now - hit.at < ttlSeconds * 1000) return hit.summary;
      const summary = await gate.summary(user);
      if (cache.size > 50_000) cache.clear();
      cache.set(user.id, { summary, at: now });
      return summary;
    },
  };
}
