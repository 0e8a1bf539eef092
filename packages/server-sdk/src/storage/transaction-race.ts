import type { Storage } from './storage.js';

/**
 * Runs `work` in `count` transactions that are all open at the same time, the way concurrent
 * requests are, and returns how each one ended. It is for conformance suites that check a store's
 * guards against races. On PostgreSQL every transaction first begins on its own connection and
 * waits for the others, so the contested statements really overlap; `count` must not exceed the
 * pool size. PGlite has one connection and runs its transactions one after another, so there the
 * transactions simply queue.
 * @example const ends = await raceTransactions(storage, 10, (tx) => tx.store(key).consumeOnce(id, now));
 */
export function raceTransactions<T>(storage: Storage, count: number, work: (tx: Storage, index: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const indexes = Array.from({ length: count }, (_, index) => index);
  if (storage.kind !== 'postgres') return Promise.allSettled(indexes.map((index) => storage.transaction((tx) => work(tx, index))));
  let waiting = count;
  let release!: () => void;
  const allOpen = new Promise<void>((resolve) => { release = resolve; });
  return Promise.allSettled(indexes.map((index) => {
    let arrived = false;
    const arrive = () => {
      if (arrived) return;
      arrived = true;
      if (--waiting === 0) release();
    };
    return storage.transaction(async (tx) => {
      await tx.ping();
      arrive();
      await allOpen;
      return work(tx, index);
    // A transaction that cannot start must not leave the others waiting for it.
    }).finally(arrive);
  }));
}

/** The values of `results`, or the first failure thrown (for races where every caller must finish). */
export function settledValues<T>(results: PromiseSettledResult<T>[]): T[] {
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
