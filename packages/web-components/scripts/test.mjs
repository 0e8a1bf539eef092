#!/usr/bin/env node
// `npm test`: the Node import check and the generated-contract check, then the component tests in
// Chromium (web-test-runner) against a real Latch. Exits non-zero when anything fails. Extra arguments go to web-test-runner
// (for example `npm test -- --group login-form`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = (args, label) => {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } });
  console.log(`${label}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status ?? 1;
};

const args = process.argv.slice(2);
let failed = 0;
if (!args.length) {
  if (!existsSync(new URL('../dist/index.js', import.meta.url))) failed |= run(['scripts/build.mjs'], 'build');
  failed |= run(['--test', 'test/node-import.test.mjs'], 'node import check');
  failed |= run(['--import', 'tsx', '--conditions', 'latch-source', '--test', 'test/contract.test.mjs'], 'generated contract check');
}
import { dirname, join } from 'node:path';
// The package exports no bin path; find it from the main entry.
const wtr = join(dirname(require.resolve('@web/test-runner')), 'bin.js');
failed |= run(['--import', 'tsx', '--conditions', 'latch-source', wtr, '--config', 'web-test-runner.config.mjs', ...args], 'component tests');
process.exit(failed ? 1 : 0);
