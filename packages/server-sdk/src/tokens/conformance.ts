import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Storage } from '../storage/storage.js';
import { raceTransactions, settledValues } from '../storage/transaction-race.js';
import { signingKeyTable, type SigningKeyRow } from './signing-key-table.js';

const racers = 10;

function newKey(generation: number, at: Date): SigningKeyRow {
  return { kid: randomUUID(), generation, alg: 'EdDSA', publicJwk: '{}', privateJwkSealed: 'sealed', createdAt: at, activatesAt: at };
}

/** The rows of `generation` (the table is shared by every check of a run). */
async function rowsOf(storage: Storage, generation: number) {
  return (await storage.store(signingKeyTable).all<{ kid: string; generation: number }>()).filter((r) => Number(r.generation) === generation);
}

/**
 * The behaviour the signing-key table must show, run against each database: processes that make
 * the same generation at once store exactly one key for it. Call it inside a `describe` with a
 * migrated storage.
 * @example runSigningKeyTableConformance(() => storage);
 */
export function runSigningKeyTableConformance(getStorage: () => Storage): void {
  describe('signing keys', () => {
    it(`stores one key per generation when ${racers} inserts race`, async () => {
      const storage = getStorage();
      const generation = randomInt(1_000_000, 2_000_000_000);
      const keys = Array.from({ length: racers }, () => newKey(generation, new Date()));
      const inserted = settledValues(await raceTransactions(storage, racers, (tx, i) => tx.store(signingKeyTable).insertIfAbsent(keys[i]!)));
      assert.equal(inserted.filter(Boolean).length, 1);
      const rows = await rowsOf(storage, generation);
      assert.deepEqual(rows.map((r) => r.kid), [keys[inserted.indexOf(true)]!.kid]);
      assert.equal(await storage.store(signingKeyTable).insertIfAbsent(newKey(generation, new Date())), false);
    });

    it('lists keys oldest generation first and deletes by kid', async () => {
      const storage = getStorage();
      const table = storage.store(signingKeyTable);
      const base = randomInt(1_000_000, 2_000_000_000);
      const [later, earlier] = [newKey(base + 1, new Date()), newKey(base, new Date())];
      assert.equal(await table.insertIfAbsent(later), true);
      assert.equal(await table.insertIfAbsent(earlier), true);
      const generations = (await table.all<{ generation: number }>()).map((r) => Number(r.generation));
      assert.deepEqual(generations, [...generations].sort((a, b) => a - b));
      await table.delete([earlier.kid]);
      assert.deepEqual(await rowsOf(storage, base), []);
      assert.equal((await rowsOf(storage, base + 1)).length, 1);
    });
  });
}
