import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, startTestServer } from './helpers.js';

describe('latch-server CLI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'latch-cli-'));
  const env = { LATCH_DATA_DIR: dataDir, PUBLIC_URL: 'http://localhost:3000' };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits non-zero with one line on bad input', async () => {
    const cases = [[], ['frobnicate'], ['create-admin'], ['create-admin', '--email'], ['create-admin', '--email', 'not-an-email'], ['start', 'extra'], ['authorized-keys']];
    const results = await Promise.all(cases.map((args) => runCli(args, { ...env, LATCH_DATA_DIR: join(dataDir, args.join('-') || 'none') })));
    for (const [i, args] of cases.entries()) {
      const result = results[i]!;
      assert.notEqual(result.code, 0, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^latch-server: /);
    }
  });

  it('refuses a half-configured Turnstile with one line', async () => {
    const cases: NodeJS.ProcessEnv[] = [
      { TURNSTILE_SECRET_KEY: '2x0000000000000000000000000000000AA' },
      { TURNSTILE_SITE_KEY: '1x00000000000000000000AA' },
      { TURNSTILE_SECRET_KEY: '1x0000000000000000000000000000000AA', TURNSTILE_SITE_KEY: '1x00000000000000000000AA', TURNSTILE_VERIFY_URL: 'not-a-url' },
    ];
    const results = await Promise.all(cases.map((extra, i) => runCli(['migrate'], { ...env, ...extra, LATCH_DATA_DIR: join(dataDir, `turnstile-${i}`) })));
    for (const [i, result] of results.entries()) {
      assert.equal(result.code, 1, JSON.stringify(cases[i]));
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, /^latch-server: TURNSTILE_/);
    }
  });

  it('does not open the embedded database while a server uses it', async () => {
    const shared = join(dataDir, 'shared');
    const s = await startTestServer('pglite', { LATCH_DATA_DIR: shared });
    try {
      const created = await runCli(['create-admin', '--email', 'second@example.com', '--password', 'violet-harbor-engine-42'], { ...env, LATCH_DATA_DIR: shared });
      assert.equal(created.code, 1, created.stdout);
      assert.equal(created.stderr.trim().split('\n').length, 1, created.stderr);
      assert.match(created.stderr, new RegExp(`^latch-server: the embedded database in \\S+ is in use by process ${process.pid};`));
      assert.equal(created.stdout, '');
    } finally {
      await s.running.close();
    }
    // Once the server is gone the folder is free again.
    const after = await runCli(['create-admin', '--email', 'second@example.com', '--password', 'violet-harbor-engine-42'], { ...env, LATCH_DATA_DIR: shared });
    assert.equal(after.code, 0, after.stderr);
  });

  it('refuses production without LATCH_SECRET', async () => {
    const result = await runCli(['migrate'], { ...env, NODE_ENV: 'production', PUBLIC_URL: 'https://auth.example.com' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /LATCH_SECRET is required/);
  });

  it('migrates, then creates an admin whose set-password link works in the server', async () => {
    const migrate = await runCli(['migrate'], env);
    assert.equal(migrate.code, 0, migrate.stderr);
    const created = await runCli(['create-admin', '--email', 'root@example.com'], env);
    assert.equal(created.code, 0, created.stderr);
    const link = /https?:\/\/\S+accept-invite\?token=\S+/.exec(created.stdout)?.[0];
    assert.ok(link, created.stdout);
    const again = await runCli(['create-admin', '--email', 'root@example.com'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /email_taken/);

    const s = await startTestServer('pglite', { LATCH_DATA_DIR: dataDir });
    try {
      const token = new URL(link).searchParams.get('token');
      const accepted = await fetch(`${s.url}/auth/invitations/accept`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ token, password: 'violet-harbor-engine-42' }),
      });
      assert.equal(accepted.status, 200);
      const body = await accepted.json();
      assert.deepEqual(body.user.roles, ['super_admin']);
      const reuse = await fetch(`${s.url}/auth/invitations/accept`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ token, password: 'violet-harbor-engine-42' }),
      });
      assert.equal(reuse.status, 400);
    } finally {
      await s.running.close();
    }
  });
});
