#!/usr/bin/env node
// Builds what `latch-server start` runs — the server SDK and the reference server (tsc -b) and the
// components' bundles (their own build) — skipping each whose inputs did not change since its last
// successful build. Inputs are compared by content (sha256 of every file), not by mtime, so a
// checkout, a touch or a clock change neither forces nor hides a rebuild. The fingerprints live
// in node_modules/.cache/latch-build, which no clean step removes; deleting an output rebuilds it.
// `npm start` runs this first; `npm run build` (lerna, CI) always builds everything.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'latch-build');
const skipped = new Set(['node_modules', 'dist', '.nx', 'coverage', 'test-results']);

/** Every file under `path` (a file or a folder), outputs and dependencies left out. */
function filesOf(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).filter((name) => !skipped.has(name)).flatMap((name) => filesOf(join(path, name)));
}

/** One hash over the paths and contents of `inputs`, the Node version and the lockfile. */
export function fingerprint(inputs) {
  const hash = createHash('sha256').update(process.version);
  for (const file of [...inputs, 'package-lock.json'].flatMap(filesOf).sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

const tsc = join(dirname(fileURLToPath(import.meta.resolve('typescript/package.json'))), 'bin', 'tsc');

/** What `latch-server start` needs, in build order. */
export const targets = [
  {
    name: 'server-sdk + reference-server',
    inputs: ['tsconfig.base.json', 'packages/server-sdk/src', 'packages/server-sdk/package.json', 'packages/server-sdk/tsconfig.json',
      'packages/reference-server/src', 'packages/reference-server/package.json', 'packages/reference-server/tsconfig.json'],
    outputs: ['packages/server-sdk/dist/index.js', 'packages/reference-server/dist/cli.js'],
    // Incremental: tsc -b keeps dist/.tsbuildinfo and recompiles only what changed.
    command: [process.execPath, tsc, '-b', 'packages/reference-server'],
  },
  {
    name: 'web-components',
    // The contract step reads the SDK's routes, so SDK sources are inputs too.
    inputs: ['packages/web-components/src', 'packages/web-components/scripts', 'packages/web-components/package.json',
      'packages/web-components/tsconfig.json', 'packages/web-components/tsconfig.build.json', 'packages/web-components/rollup.config.mjs',
      'packages/web-components/custom-elements-manifest.config.mjs', 'packages/server-sdk/src', 'bench/bundle-size.mjs'],
    outputs: ['packages/web-components/dist/cdn/latch.js', 'packages/web-components/dist/index.js'],
    command: ['npm', 'run', 'build', '--silent', '-w', '@latch/web-components'],
  },
];

const stampOf = (target) => join(cacheDir, `${target.name.replace(/[^a-z0-9]+/gi, '-')}.sha256`);

/** Whether `target` must be built: an output is missing or an input changed. */
export function isStale(target) {
  if (!target.outputs.every((output) => existsSync(join(root, output)))) return true;
  try {
    return readFileSync(stampOf(target), 'utf8').trim() !== fingerprint(target.inputs);
  } catch {
    return true;
  }
}

/** Builds the stale targets; exits non-zero when a build fails. */
export function buildIfStale() {
  mkdirSync(cacheDir, { recursive: true });
  for (const target of targets) {
    const started = Date.now();
    if (!isStale(target)) {
      console.log(`build: ${target.name} up to date`);
      continue;
    }
    const [command, ...args] = target.command;
    const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`build: ${target.name} failed`);
      process.exit(result.status ?? 1);
    }
    // Taken after the build: the components' build regenerates a source file (the contract).
    writeFileSync(stampOf(target), fingerprint(target.inputs) + '\n');
    console.log(`build: ${target.name} built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') buildIfStale();
