import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const source = join(packageRoot, 'src');
const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
};

/** The npm package a bare specifier names (`@koa/router/x` → `@koa/router`), or null for node's own. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Every package the shipped sources load, split into those loaded at import time and lazily. */
function packageImports(): { eager: Map<string, string>; lazy: Map<string, string> } {
  const eager = new Map<string, string>();
  const lazy = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) { walk(path); continue; }
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const text = readFileSync(path, 'utf8');
      const file = relative(source, path);
      // Static imports and re-exports that are not type-only (those vanish from the build).
      for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(?!type\b)[^'";]*?\bfrom\s*['"]([^'".][^'"]*)['"]|(?:^|\n)\s*import\s+['"]([^'".][^'"]*)['"]/g)) {
        const pkg = packageOf((m[2] ?? m[3])!);
        if (pkg) eager.set(pkg, file);
      }
      for (const m of text.matchAll(/(?<!typeof )\bimport\(\s*['"]([^'".][^'"]*)['"]\s*\)/g)) {
        const pkg = packageOf(m[1]!);
        if (pkg) lazy.set(pkg, file);
      }
    }
  };
  walk(source);
  return { eager, lazy };
}

describe('the packages the SDK loads', () => {
  const { eager, lazy } = packageImports();
  const optionalPeers = Object.keys(manifest.peerDependencies).filter((name) => manifest.peerDependenciesMeta[name]?.optional);

  it('are dependencies, or optional peer dependencies for framework adapters and test helpers', () => {
    const undeclared = [...eager, ...lazy].filter(([pkg]) => !(pkg in manifest.dependencies) && !optionalPeers.includes(pkg)).map(([pkg, file]) => `${pkg} (${file})`);
    assert.deepEqual(undeclared, []);
  });

  it('load no peer at import time except in the adapter for that framework', () => {
    const misplaced = [...eager].filter(([pkg, file]) => optionalPeers.includes(pkg) && !file.startsWith('adapters/')).map(([pkg, file]) => `${pkg} (${file})`);
    assert.deepEqual(misplaced, [], 'the main entry and /testing must load without any optional peer');
  });

  it('declare every peer optional, and none of them is the router the Koa adapter once needed', () => {
    for (const name of Object.keys(manifest.peerDependencies)) assert.equal(manifest.peerDependenciesMeta[name]?.optional, true, name);
    assert.ok(!('@koa/router' in manifest.peerDependencies));
    for (const name of ['koa', 'express', 'smtp-server', 'mailparser']) assert.ok(optionalPeers.includes(name), name);
    assert.ok(lazy.has('smtp-server') && lazy.has('mailparser'), 'the SMTP sink loads them when started');
  });
});

describe('@latch/server-sdk/testing in a host app without smtp-server', () => {
  const folder = mkdtempSync(join(tmpdir(), 'latch-no-smtp-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('imports, and says what to install when the SMTP sink is started', () => {
    // A resolve hook that makes the optional peers absent, as in an app that never installed them.
    writeFileSync(join(folder, 'hooks.mjs'), `export async function resolve(specifier, context, next) {
  if (specifier === 'smtp-server' || specifier === 'mailparser') {
    throw Object.assign(new Error("Cannot find package '" + specifier + "'"), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return next(specifier, context);
}\n`);
    writeFileSync(join(folder, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${join(folder, 'hooks.mjs')}`).href)});\n`);
    const script = `
      const testing = await import('@latch/server-sdk/testing');
      const result = { exports: Object.keys(testing).sort(), kinds: testing.testDatabaseKinds() };
      try { await testing.startSmtpSink(); result.sink = 'started'; } catch (error) { result.sink = error.message; }
      console.log(JSON.stringify(result));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions', 'latch-source', '--import', join(folder, 'register.mjs'), '--input-type=module', '-e', script], {
      cwd: packageRoot, encoding: 'utf8', env: { ...process.env, TEST_DATABASE_URL: '' },
    });
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { exports: string[]; kinds: string[]; sink: string };
    assert.ok(result.exports.includes('createTestServer') && result.exports.includes('startSmtpSink'), result.exports.join(', '));
    assert.deepEqual(result.kinds, ['pglite']);
    assert.match(result.sink, /needs the smtp-server and mailparser packages/);
    assert.match(result.sink, /npm install --save-dev smtp-server mailparser/);
  });
});
