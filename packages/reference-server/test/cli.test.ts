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
    const cases = [['frobnicate'], ['create-admin'], ['create-admin', '--email'], ['create-admin', '--email', 'not-an-email'], ['start', 'extra'], ['authorized-keys']];
    const results = await Promise.all(cases.map((args) => runCli(args, { ...env, LATCH_DATA_DIR: join(dataDir, args.join('-')) })));
    for (const [i, args] of cases.entries()) {
      const result = results[i]!;
      assert.notEqual(result.code, 0, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^latch-server: /);
    }
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
