#!/usr/bin/env node
// Runs every *.test.ts under the given folders with node's own test runner.
// Node 20's --test takes no globs, so the files are listed here; TypeScript is
// loaded through tsx and workspace packages resolve to their sources.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(relative(process.cwd(), path));
  }
};
for (const root of roots) {
  try { walk(root); } catch (error) { if (error.code !== 'ENOENT') throw error; }
}
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const filter = process.env.LATCH_TEST_FILTER;
const selected = filter ? files.filter((f) => f.includes(filter)) : files.sort();
const concurrency = process.env.LATCH_TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  // A test file that leaks a handle must not hang CI: exit once its tests are done, and bound each test.
  ['--import', 'tsx', '--conditions', 'latch-source', '--test', '--test-force-exit', '--test-timeout=300000', `--test-concurrency=${concurrency}`,
   '--test-reporter', process.env.LATCH_TEST_REPORTER ?? 'spec', ...selected],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
