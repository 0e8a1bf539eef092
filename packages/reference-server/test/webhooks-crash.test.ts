import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createTestDatabase, startWebhookReceiver } from '@latch/server-sdk/testing';
import { EnvError, readSettings } from '../src/env.js';
import { testDatabaseKinds } from './helpers.js';

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const secret = 'webhook-secret-0123456789-abcdefghijklmnop';

/** `latch-server start` in a child process; resolves once it logs that it is ready, with its URL. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions', 'latch-source', cliPath, 'start'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Latch is ready' && entry.url) resolve(entry.url);
      } catch { /* not a log line */ }
    });
    child.once('exit', (code) => reject(new Error(`latch-server exited with ${code}: ${stderr}`)));
  });
  child.stdout!.resume();
  return { child, url };
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
  if (child.exitCode !== null || child.signalCode !== null) resolve(); else child.once('exit', () => resolve());
});

describe('WEBHOOK_* settings', () => {
  const base = { LATCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'latch-webhook-env-')), LATCH_SECRET: secret };
  it('are checked at start-up with one line naming the variable', () => {
    const refused: Array<[NodeJS.ProcessEnv, RegExp]> = [
      [{ WEBHOOK_URL: 'https://hooks.example.com/latch' }, /^WEBHOOK_SECRET is required with WEBHOOK_URL/],
      [{ WEBHOOK_URL: 'https://hooks.example.com/latch', WEBHOOK_SECRET: 'short' }, /^WEBHOOK_SECRET must be at least 32 bytes/],
      [{ WEBHOOK_URL: 'https://hooks.example.com/latch', WEBHOOK_SECRET: secret, WEBHOOK_SECRET_PREVIOUS: 'old' }, /^WEBHOOK_SECRET_PREVIOUS must be at least 32 bytes/],
      [{ WEBHOOK_URL: 'hooks.example.com', WEBHOOK_SECRET: secret }, /^WEBHOOK_URL must be an http\(s\) URL/],
      [{ WEBHOOK_SECRET: secret }, /^WEBHOOK_SECRET is set without WEBHOOK_URL/],
      [{ WEBHOOK_URL: 'http://hooks.example.com/latch', WEBHOOK_SECRET: secret, NODE_ENV: 'production', PUBLIC_URL: 'https://auth.example.com' }, /^WEBHOOK_URL must be https when NODE_ENV=production/],
    ];
    for (const [env, message] of refused) assert.throws(() => readSettings({ ...base, ...env }), (error: Error) => error instanceof EnvError && message.test(error.message), JSON.stringify(env));
    const settings = readSettings({ ...base, WEBHOOK_URL: 'https://hooks.example.com/latch', WEBHOOK_SECRET: secret, WEBHOOK_SECRET_PREVIOUS: `${secret}-old` });
    assert.deepEqual(settings.latch.webhooks, { url: 'https://hooks.example.com/latch', secret, previousSecret: `${secret}-old` });
    assert.equal(readSettings(base).latch.webhooks, undefined);
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`webhooks across a crash of latch-server on ${kind}`, () => {
    it('delivers, after a restart, an event whose delivery was cut off by SIGKILL right after the answer', { timeout: 240_000 }, async () => {
      const hooks = await startWebhookReceiver();
      const dataDir = mkdtempSync(join(tmpdir(), 'latch-webhook-crash-'));
      const database = await createTestDatabase(kind);
      const env: NodeJS.ProcessEnv = {
        PORT: '0', HOST: '127.0.0.1', LATCH_DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000',
        WEBHOOK_URL: hooks.url, WEBHOOK_SECRET: secret,
        ...(database.url ? { DATABASE_URL: database.url } : {}),
      };
      let second: ChildProcess | undefined;
      try {
        // The receiver takes the delivery and never answers: the server is killed mid-delivery.
        hooks.setMode('hold');
        const first = await startProcess(env);
        const signUp = await fetch(`${first.url}/auth/sign-up`, {
          method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
          body: JSON.stringify({ email: 'crash@example.com', password: 'violet-harbor-engine-42' }),
        });
        assert.equal(signUp.status, 201);
        const held = await hooks.waitFor((h) => h.headers['x-latch-event-type'] === 'user.created');
        first.child.kill('SIGKILL');
        await exited(first.child);
        assert.equal(held.answered, null, 'the first delivery never got an answer');
        // The held request stays unanswered (its sender is gone); the next ones are accepted.
        hooks.setMode(204);

        const restarted = await startProcess(env);
        second = restarted.child;
        // Waiting for the outcome (after the dead process's lease on PostgreSQL), not for a set time.
        const delivered = await hooks.waitFor((h) => h !== held && h.eventId === held.eventId && h.answered === 204, 60_000);
        assert.equal(delivered.body, held.body, 'the same event, byte for byte');
        assert.equal(hooks.accepted().filter((h) => h.eventId === held.eventId).length, 1);

        // The receiver has answered; the server records the delivery right after: the row (pending)
        // and the counter are written one after the other, so wait until both show it.
        const deadline = Date.now() + 60_000;
        const recorded = (text: string) => /latch_webhook_pending 0\n/.test(text) && /latch_webhook_deliveries_total\{outcome="delivered"\} 1\n/.test(text);
        let metrics = '';
        do metrics = await (await fetch(`${restarted.url}/metrics`)).text();
        while (!recorded(metrics) && Date.now() < deadline && await new Promise((r) => setTimeout(r, 50, true)));
        assert.match(metrics, /latch_webhook_deliveries_total\{outcome="delivered"\} 1\n/);
        assert.match(metrics, /latch_webhook_pending 0\n/);
      } finally {
        if (second) {
          second.kill('SIGTERM');
          await exited(second);
        }
        await hooks.close();
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
