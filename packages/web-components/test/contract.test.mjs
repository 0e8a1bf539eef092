// The generated contract (src/api/generated/contract.ts) is what the server's route definitions
// produce today: a route whose request or response schema changed without a regeneration fails here.
// Runs with the SDK's sources (`node --import tsx --conditions latch-source --test`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { contractPath, generateCommand, renderContract } from '../scripts/generate-contract.mjs';

test('src/api/generated/contract.ts is up to date with the server routes', async () => {
  const committed = readFileSync(contractPath, 'utf8');
  const fresh = await renderContract();
  assert.ok(committed === fresh, `src/api/generated/contract.ts is stale: run \`${generateCommand}\``);
});
