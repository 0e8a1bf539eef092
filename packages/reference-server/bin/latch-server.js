#!/usr/bin/env node
// The `latch-server` command. An installed package runs its build (dist/cli.js). A source checkout
// that was not built yet runs the TypeScript sources through tsx, so `npx --no-install latch-server`
// works right after `npm install` in the workspace; `start` needs the build (`npm start` makes it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const source = new URL('../src/cli.ts', import.meta.url);
const args = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`latch-server: ${message}\n`);
  process.exit(1);
}

if (existsSync(built)) {
  await import(built.href);
} else if (!existsSync(source)) {
  fail('this copy of @latch/reference-server has no dist/: reinstall the package');
} else if (args[0] === 'start') {
  fail('the server is not built yet: run `npm start` at the workspace root (it builds what changed, then starts)');
} else {
  let tsx;
  try {
    tsx = import.meta.resolve('tsx');
  } catch {
    fail('not built yet and tsx is missing: run `npm install`, or `npm run build` at the workspace root');
  }
  const child = spawn(process.execPath, ['--import', tsx, '--conditions', 'latch-source', fileURLToPath(source), ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
