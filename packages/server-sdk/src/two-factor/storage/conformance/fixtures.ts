import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Storage } from '../../../storage/storage.js';
import { raceTransactions, settledValues } from '../../../storage/transaction-race.js';
import type { UserRecord } from '../../../storage/types.js';
import { twoFactorStores, type TwoFactorStores } from '../stores.js';

/** Returns the migrated storage a suite runs on. */
export type StorageGetter = () => Storage;

/** How many callers race in each concurrency check. */
export const racers = 10;

/** A whole second shortly before now: the stores take every time as an argument, so tests pick them. */
export function instant(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

/** `at` moved by `ms` milliseconds. */
export function plus(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}

let pastSlot = 0;

/**
 * A fixed time decades back, a new day per call, for the clean-up checks: rows the other checks
 * leave expire long after it, so a clean-up at that time touches only the check's own rows (and
 * earlier clean-up checks' leftovers, which each check clears first).
 */
export function longAgo(): Date {
  pastSlot += 1;
  return new Date(Date.UTC(1990, 0, pastSlot));
}

/** A new account, for the foreign keys. */
export async function newUser(storage: Storage): Promise<UserRecord> {
  const email = `${randomUUID()}@example.com`;
  const user = await storage.users.createIfEmailFree({ email, emailNormalized: email, displayName: 'T', passwordHash: null, createdAt: new Date() });
  assert.ok(user);
  return user;
}

/** Runs `work` in `racers` transactions open at once (see {@link raceTransactions}); returns what each returned. */
export async function race<T>(storage: Storage, work: (stores: TwoFactorStores, index: number) => Promise<T>): Promise<T[]> {
  return settledValues(await raceTransactions(storage, racers, (tx, index) => work(twoFactorStores(tx), index)));
}

/** How many of `results` are truthy: the callers that won. */
export function winners(results: unknown[]): number {
  return results.filter((r) => r !== null && r !== false).length;
}

/** A pending sign-in of `userId` live from `at` for a minute. */
export function newChallenge(stores: TwoFactorStores, userId: string, at: Date, ttlMs = 60_000) {
  return stores.challenges.createChallenge({ userId, tokenHash: randomUUID(), createdAt: at, expiresAt: plus(at, ttlMs) });
}
