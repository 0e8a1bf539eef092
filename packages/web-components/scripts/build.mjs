#!/usr/bin/env node
// `npm run build`: the client's contract types (openapi-typescript, from the server SDK's OpenAPI
// document), the npm build (ESM + .d.ts through tsc), the two minified CDN bundles (rollup),
// custom-elements.json (cem analyze, from the JSDoc) and the components reference generated from it.
// Under CI the contract is only checked: a stale committed src/api/generated/contract.ts fails the build.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

function step(label, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`build: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
step('contract types', ['--import', 'tsx', '--conditions', 'latch-source', 'scripts/generate-contract.mjs', ...(process.env.CI ? ['--check'] : [])]);
step('npm modules and types', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.build.json']);
step('CDN bundles', [bin('rollup', 'dist/bin/rollup'), '-c', 'rollup.config.mjs', '--silent']);
step('custom-elements.json', [bin('@custom-elements-manifest/analyzer', 'cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs']);
step('docs/components.md', ['scripts/docs.mjs']);
step('bundle sizes', [join(root, '../../bench/bundle-size.mjs')]);
