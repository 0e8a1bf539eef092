import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freePort } from './helpers.js';

// Every `latch-server …` command the docs show is run as a user runs it — through the package's
// bin, the file `npx --no-install latch-server` executes — once with no server running and once
// while `latch-server start` runs on the same embedded database.

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/latch-server.js', import.meta.url));
const publicUrl = 'https://auth.docs.test';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(path) : entry.name.endsWith('.md') ? [path] : [];
  });
}

/** The documents a user reads: README, docs/ and the packages' and examples' READMEs. */
const documents = [join(repo, 'README.md'), ...markdownFiles(join(repo, 'docs')),
  ...['packages', 'examples'].flatMap((dir) => readdirSync(join(repo, dir)).map((name) => join(repo, dir, name, 'README.md')))]
  .filter((file) => { try { readFileSync(file); return true; } catch { return false; } });

interface DocumentedCommand { file: string; line: number; text: string; command: string; words: string[] }

/** Splits a documented argument string like a shell would (quotes, no expansion). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * Each `latch-server <command> <args>` in the documents (up to a backtick, `#`, `|` or the line's
 * end; a trailing `\` continues on the next line). Optional `[…]` groups are kept as arguments;
 * prose ellipses (`--firebase-…`) are dropped.
 */
function documentedCommands(): DocumentedCommand[] {
  const found: DocumentedCommand[] = [];
  for (const file of documents) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      for (const m of text.matchAll(/(?:^|[\s`/(])latch-server ([a-z][a-z-]*)([^`#|\n]*)/g)) {
        let args = m[2]!;
        for (let next = i + 1; /\\\s*$/.test(args) && next < lines.length; next++) args = args.replace(/\\\s*$/, ' ') + lines[next];
        const words = shellWords(args.replace(/\[[^\]]*…[^\]]*\]/g, ' ').replace(/[[\]]/g, ' ')).filter((w) => !w.includes('…'));
        found.push({ file: relative(repo, file), line: i + 1, text: text.trim(), command: m[1]!, words });
      }
    });
  }
  return found;
}

let counter = 0;
const fresh = () => `docs-${process.pid}-${++counter}@example.com`;
const placeholders: Record<string, string> = {
  P: 'violet-harbor-engine-42', N: 'Docs Admin',
  // Firebase's published example parameters (docs/guides/migrating-users.md).
  K: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==', S: 'Bw==', R: '8', M: '14',
};

/**
 * The arguments of a documented command with its placeholders filled: `E` and example addresses
 * become a fresh address, `USER`/`%u` the first administrator, a `.jsonl` name a new file with one
 * fresh account, `P`/`N`/`K`/`S`/`R`/`M` sample values.
 */
function concreteArgs(words: string[], admin: string, dir: string): string[] {
  return words.map((word) => {
    if (word === 'E' || /^[^@\s]+@example\.com$/.test(word)) return fresh();
    if (word === 'USER' || word === '%u') return admin;
    if (word === 'FILE' || word.endsWith('.jsonl')) {
      const path = join(dir, `import-${++counter}.jsonl`);
      writeFileSync(path, JSON.stringify({ email: fresh(), displayName: 'Imported' }) + '\n');
      return path;
    }
    return placeholders[word] ?? word;
  });
}

/** What a documented invocation is keyed by: its words with the placeholders' kinds, not their values. */
const invocationKey = (c: DocumentedCommand) => [c.command, ...c.words.map((w) => (w === '%u' ? 'USER' : /@example\.com$/.test(w) ? 'E' : w.endsWith('.jsonl') ? 'FILE' : w))].join(' ');

/** The commands the test knows how to judge; a new documented command must be added here. */
const expectations: Record<string, (out: { code: number; stdout: string; stderr: string }, args: string[]) => void> = {
  migrate: (out) => assert.match(out.stdout, /^database is up to date\n$/),
  'create-admin': (out, args) => {
    assert.match(out.stdout, /^created super_admin \S+@example\.com \([0-9a-f-]{36}\)\n/);
    if (!args.includes('--password')) {
      const link = /set a password within 72 hours at: (\S+)/.exec(out.stdout)?.[1];
      assert.ok(link, out.stdout);
      assert.ok(link.startsWith(`${publicUrl}/accept-invite?token=`), `the link uses PUBLIC_URL: ${link}`);
    }
  },
  import: (out, args) => assert.match(out.stdout, new RegExp(`^imported import-\\d+\\.jsonl: 1 created, 0 skipped, ${args.includes('--invite') ? 1 : 0} invited\\n$`)),
  'authorized-keys': (out) => assert.equal(out.stdout, '', 'no SSH keys yet'),
  doctor: (out) => {
    const lines = out.stdout.trim().split('\n');
    assert.ok(lines.length >= 8, out.stdout);
    for (const line of lines) assert.match(line, /^(PASS|WARN) [a-z-]+: \S.*$/, line);
    assert.match(out.stdout, /^PASS migrations: /m);
  },
  help: (out) => assert.match(out.stdout, /^Usage: latch-server <command>/),
};

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}


describe('every latch-server command in the docs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-docs-'));
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const commands = documentedCommands();
  // Each distinct invocation once (the same synopsis often appears in several documents).
  // A bare `latch-server import` in prose names the command; it is run as the docs show it with arguments.
  const withArgs = new Set(commands.filter((c) => c.words.length).map((c) => c.command));
  const order = ['migrate', 'create-admin', 'import', 'authorized-keys', 'doctor', 'help'];
  const rank = (c: DocumentedCommand) => (order.includes(c.command) ? order.indexOf(c.command) : order.length);
  const invocations = [...new Map(commands.filter((c) => c.command !== 'start' && (c.words.length || !withArgs.has(c.command))).map((c) => [invocationKey(c), c])).values()]
    .sort((a, b) => rank(a) - rank(b) || a.words.length - b.words.length);
  // Without a server each command runs once, in its shortest documented form (opening the
  // embedded database each time is the slow part); through the server every form runs.
  const shortest = invocations.filter((c, i) => invocations.findIndex((d) => d.command === c.command) === i);
  /** `USER` in the docs: the administrator the latest `create-admin` made. */
  let admin = '';
  const runDocumented = async (c: DocumentedCommand, env: NodeJS.ProcessEnv, when: string) => {
    const args = [c.command, ...concreteArgs(c.words, admin, dataDir)];
    const out = await run(args, env);
    assert.equal(out.code, 0, `${c.file}:${c.line} \`latch-server ${args.join(' ')}\` ${when}: ${out.stderr}`);
    expectations[c.command]!(out, args);
    if (c.command === 'create-admin') admin = args[args.indexOf('--email') + 1]!;
  };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds the commands, each one known to this test, and none through a bare `npx latch-server`', () => {
    const names = new Set(commands.map((c) => c.command));
    for (const name of ['start', 'migrate', 'create-admin', 'authorized-keys', 'doctor']) assert.ok(names.has(name), `the docs show latch-server ${name}`);
    for (const c of commands) {
      if (c.command !== 'start') assert.ok(expectations[c.command], `${c.file}:${c.line} documents \`latch-server ${c.command}\`: add it to cli-docs.test.ts`);
      // A bare `npx latch-server` fetches an unknown package from the registry when the bin is missing.
      assert.doesNotMatch(c.text, /npx latch-server/, `${c.file}:${c.line}: use \`npx --no-install latch-server\``);
    }
  });

  it('runs them with no server running; links use PUBLIC_URL', async () => {
    for (const c of shortest) await runDocumented(c, { ...base, PUBLIC_URL: publicUrl }, 'with no server');
  });

  describe('while `latch-server start` runs on the same embedded database', () => {
    let server: ChildProcessByStdio<null, Readable, Readable>;
    let url: string;
    before(async () => {
      const port = await freePort();
      server = spawn(process.execPath, [bin, 'start'], {
        env: { ...base, LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: publicUrl }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Even when the runner gives up on this file, the server must not outlive it.
      process.once('exit', () => server.kill('SIGKILL'));
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => { server.kill('SIGKILL'); process.exit(1); });
      let log = '';
      url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (chunk) => {
          log += chunk;
          const ready = log.split('\n').map((line) => { try { return JSON.parse(line); } catch { return null; } }).find((entry) => entry?.msg === 'Latch is ready');
          if (ready) resolve(ready.url);
        });
        server.stderr.on('data', (chunk) => { log += chunk; });
        server.on('exit', (code) => reject(new Error(`latch-server start exited with ${code}: ${log}`)));
      });
    });
    after(async () => {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    });

    it('runs them through the server: the CLI environment lacks PUBLIC_URL, the links still carry the server\'s', async () => {
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      for (const c of invocations) await runDocumented(c, base, 'while the server runs');
      assert.equal((await fetch(`${url}/readyz`)).status, 200, 'the server still answers');
    });
  });
});
