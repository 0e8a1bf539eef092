// The three packages as a user gets them from npm: packed into tarballs, installed into a fresh
// project with koa, type-checked with the shipped declarations, and run as a small Koa host on
// embedded PGlite. This catches what workspace links hide: a file missing from `files`, an export
// without types, a dependency only the workspace provides, a broken `bin`.
// It installs from the registry (about a minute on a cold cache), so it runs under CI only.
import assert from 'node:assert/strict';
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../..', import.meta.url));
const packages = ['server-sdk', 'web-components', 'reference-server'] as const;
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/** The environment without the `npm_*` settings of an enclosing `npm test`, so the inner npm acts like a user's. */
const npmEnv = (): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_'))),
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
});

const hostApp = `import { readFile } from 'node:fs/promises';
import Koa from 'koa';
import { createLatch } from '@latch/server-sdk';
import { latchKoa } from '@latch/server-sdk/koa';

const latch = await createLatch({ publicUrl: 'http://127.0.0.1' });
const bundle = await readFile(new URL(import.meta.resolve('@latch/web-components/cdn/latch.js')));
const app = new Koa();
app.use(latchKoa(latch));
app.use((ctx, next) => (ctx.path === '/components/latch.js' ? void (ctx.type = 'text/javascript', ctx.body = bundle) : next()));
const server = app.listen(0, '127.0.0.1', () => console.log('listening', JSON.stringify(server.address())));
process.on('SIGTERM', () => server.close(() => void latch.close().then(() => process.exit(0))));
`;

// Type-only, checked and never run: the other entry points resolve with types (the components are
// browser code; the express and fastify adapters need their optional peers, not installed here).
const entryPointTypes = `import type { LatchClient } from '@latch/web-components';
import type * as Define from '@latch/web-components/define.js';
import type * as LoginForm from '@latch/web-components/components/login-form/login-form.js';
import type * as French from '@latch/web-components/locales/fr.js';
import type * as Testing from '@latch/server-sdk/testing';
import type * as Fetch from '@latch/server-sdk/fetch';
import type * as NodeHttp from '@latch/server-sdk/node';
import type * as ReferenceServer from '@latch/reference-server';
export type Checked = [LatchClient, typeof Define, typeof LoginForm, typeof French, typeof Testing, typeof Fetch, typeof NodeHttp, typeof ReferenceServer];
`;

const tsconfig = {
  compilerOptions: {
    target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['es2023', 'dom'], types: ['node'],
    // skipLibCheck off: the shipped declarations themselves must compile in a user's strict project.
    strict: true, skipLibCheck: false, outDir: 'out',
  },
  files: ['host.ts', 'entry-points.ts'],
};

describe('packed packages', { skip: process.env.CI ? false : 'installs from the npm registry; runs under CI (set CI=true)' }, () => {
  let dir: string | undefined;
  let host: ReturnType<typeof spawn> | undefined;
  after(async () => {
    if (host && host.exitCode === null && host.signalCode === null) {
      const exited = new Promise((resolve) => host!.once('exit', resolve));
      host.kill('SIGKILL');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('install from their tarballs, type-check and serve a Koa host on embedded PGlite', { timeout: 240_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'latch-pack-'));
    const tarballs: string[] = [];
    for (const name of packages) {
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: join(repo, 'packages', name), env: npmEnv(), maxBuffer: 64 << 20 });
      const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
      const paths = packed!.files.map((file) => file.path);
      assert.deepEqual(paths.filter((path) => /\.map$|\.test\.|\.tsbuildinfo$|^src\//.test(path)), [], `${name} ships only what users run`);
      for (const required of ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']) assert.ok(paths.includes(required), `${name} ships ${required}`);
      if (name === 'reference-server') assert.ok(paths.includes('bin/latch-server.js') && paths.some((path) => path.startsWith('public/')), 'the CLI and its pages ship');
      if (name === 'web-components') assert.ok(paths.includes('dist/cdn/latch.js') && paths.includes('custom-elements.json'), 'the bundle and manifest ship');
      tarballs.push(join(dir, packed!.filename));
    }

    const project = join(dir, 'app');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'latch-host', private: true, type: 'module' }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error', ...tarballs, 'koa', '@types/koa@^3', '@types/node@^20'],
      { cwd: project, env: npmEnv(), maxBuffer: 64 << 20 });
    for (const name of packages) {
      const readme = readFileSync(join(project, 'node_modules', '@latch', name, 'README.md'), 'utf8');
      assert.doesNotMatch(readme, /\]\(\.\.?\//, `${name}'s README has no links that only resolve in the repository`);
    }

    writeFileSync(join(project, 'host.ts'), hostApp);
    writeFileSync(join(project, 'entry-points.ts'), entryPointTypes);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    // The declarations resolve through each package's `exports` (no workspace paths), and the host compiles.
    await run(process.execPath, [tsc, '-p', '.'], { cwd: project }).catch((error: { stdout?: string }) => {
      assert.fail(`the host app does not type-check against the installed packages:\n${error.stdout}`);
    });

    const help = await run(join(project, 'node_modules', '.bin', 'latch-server'), ['--help'], { cwd: project, env: npmEnv() });
    assert.match(help.stdout, /^Usage: latch-server <command>/);
    assert.match(help.stdout, /\bmigrate\b/);

    host = spawn(process.execPath, ['out/host.js'], { cwd: project, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    host.stderr!.on('data', (chunk) => { output += chunk; });
    const port = await new Promise<number>((resolve, reject) => {
      host!.stdout!.on('data', (chunk) => {
        output += chunk;
        const match = /listening (\{.*\})/.exec(output);
        if (match) resolve((JSON.parse(match[1]!) as { port: number }).port);
      });
      host!.once('exit', (code) => reject(new Error(`the host app exited with ${code}:\n${output}`)));
    });
    const base = `http://127.0.0.1:${port}`;

    const config = await fetch(`${base}/auth/config`);
    assert.equal(config.status, 200);
    assert.match(config.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(typeof (await config.json()), 'object');

    const bundle = await fetch(`${base}/components/latch.js`);
    assert.equal(bundle.status, 200);
    assert.match(await bundle.text(), /customElements/);

    const missing = await fetch(`${base}/auth/no-such-route`);
    assert.match(missing.headers.get('content-type') ?? '', /^application\/problem\+json/);
    await missing.body?.cancel();

    const exited = new Promise<number | null>((resolve) => host!.once('exit', resolve));
    host.kill('SIGTERM');
    assert.equal(await exited, 0, `the host app closes cleanly:\n${output}`);
    assert.ok(!existsSync(join(project, '.latch-data')), 'the embedded database stayed in memory');
  });
});
