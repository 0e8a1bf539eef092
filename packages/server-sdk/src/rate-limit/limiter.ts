import type { Clock } from '../clock.js';
import { sha256 } from '../crypto/digest.js';
import { RateLimitedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';

/** One rate-limit rule: at most `limit` events per `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Rate limits on fixed windows stored in the database, so every server process shares them.
 * Keys holding emails are hashed so the table holds no addresses.
 */
export interface RateLimiter {
  /** Counts one event; throws {@link RateLimitedError} once the rule's limit is passed. */
  consume(bucket: string, subject: string, rule: RateLimitRule): Promise<void>;
  /** Throws when the bucket is already at its limit, without counting; returns the current count. */
  check(bucket: string, subject: string, rule: RateLimitRule): Promise<number>;
  /** Counts one event without throwing; returns whether the limit is now passed. */
  record(bucket: string, subject: string, rule: RateLimitRule): Promise<boolean>;
  reset(bucket: string, subject: string): Promise<void>;
}

export function createRateLimiter(storage: Storage, clock: Clock, enabled: boolean): RateLimiter {
  const keyOf = (bucket: string, subject: string) => `${bucket}:${sha256(subject)}`;
  const retryAfter = (resetAt: Date) => (resetAt.getTime() - clock.now().getTime()) / 1000;
  return {
    async consume(bucket, subject, rule) {
      if (!enabled) return;
      const { count, resetAt } = await storage.rateLimits.hit(keyOf(bucket, subject), rule.windowSeconds, clock.now());
      if (count > rule.limit) throw new RateLimitedError(retryAfter(resetAt));
    },
    async check(bucket, subject, rule) {
      if (!enabled) return 0;
      const { count, resetAt } = await storage.rateLimits.peek(keyOf(bucket, subject), clock.now());
      if (count >= rule.limit) throw new RateLimitedError(retryAfter(resetAt));
      return count;
    },
    async record(bucket, subject, rule) {
      if (!enabled) return false;
      const { count } = await storage.rateLimits.hit(keyOf(bucket, subject), rule.windowSeconds, clock.now());
      return count >= rule.limit;
    },
    async reset(bucket, subject) {
      // With limits off nothing was counted: spare the write on every successful sign-in.
      if (!enabled) return;
      await storage.rateLimits.reset(keyOf(bucket, subject));
    },
  };
}
