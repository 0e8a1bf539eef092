import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, runCli, startTestServer } from './helpers.js';


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

  it('runs database commands inside a server that holds the embedded database, with its real port in links', async () => {
    const shared = join(dataDir, 'shared');
    const port = await freePort();
    // No PUBLIC_URL: the server's links use the port it really listens on.
    const s = await startTestServer('pglite', { LATCH_DATA_DIR: shared, PORT: String(port), PUBLIC_URL: '' });
    try {
      const created = await runCli(['create-admin', '--email', 'second@example.com'], { LATCH_DATA_DIR: shared, PUBLIC_URL: '' });
      assert.equal(created.code, 0, created.stderr);
      const link = /set a password within 72 hours at: (\S+)/.exec(created.stdout)?.[1];
      assert.ok(link?.startsWith(`http://localhost:${port}/accept-invite?token=`), `the server's port, not 3000: ${link}`);
      const taken = await runCli(['create-admin', '--email', 'second@example.com'], { LATCH_DATA_DIR: shared });
      assert.equal(taken.code, 1);
      assert.match(taken.stderr, /^latch-server: email_taken[^\n]*\n$/, "the server's refusal, in one line");
      const usage = await runCli(['create-admin'], { LATCH_DATA_DIR: shared });
      assert.equal(usage.code, 1);
      assert.equal(usage.stderr, 'latch-server: create-admin needs --email\n', 'arguments are checked before the server is asked');
      // The invitation the server made is the server's own: accepting it signs the admin in there.
      const accepted = await fetch(`${s.url}/auth/invitations/accept`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
        body: JSON.stringify({ token: new URL(link!).searchParams.get('token'), password: 'violet-harbor-engine-42' }),
      });
      assert.equal(accepted.status, 200);
    } finally {
      await s.running.close();
    }
    // Once the server is gone the CLI opens the folder itself.
    const after = await runCli(['create-admin', '--email', 'third@example.com', '--password', 'violet-harbor-engine-42'], { ...env, LATCH_DATA_DIR: shared });
    assert.equal(after.code, 0, after.stderr);
  });

  it('refuses a control channel caller without the token, and keeps its files private', async () => {
    const shared = join(dataDir, 'private');
    const s = await startTestServer('pglite', { LATCH_DATA_DIR: shared });
    try {
      const socketPath = join(shared, 'run', 'control.sock');
      assert.equal(statSync(join(shared, 'run')).mode & 0o777, 0o700);
      assert.equal(statSync(socketPath).mode & 0o777, 0o600);
      assert.equal(statSync(join(shared, 'run', 'control.token')).mode & 0o777, 0o600);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ socketPath, method: 'POST', path: '/commands/create-admin', headers: { authorization: 'Bearer guessed', 'content-type': 'application/json' } }, (res) => { res.resume(); resolve(res.statusCode!); });
        req.on('error', reject);
        req.end(JSON.stringify({ options: { email: 'intruder@example.com', name: 'x' } }));
      });
      assert.equal(status, 401);
      assert.equal(await s.running.latch.storage.users.findByEmail('intruder@example.com'), null);
    } finally {
      await s.running.close();
    }
    assert.equal(existsSync(join(shared, 'run', 'control.sock')), false, 'the socket goes with the server');
  });

  it('runs commands on PostgreSQL over their own connection while a server runs', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL' }, async () => {
    const s = await startTestServer('postgres', { LATCH_DATA_DIR: join(dataDir, 'pg') });
    try {
      const created = await runCli(['create-admin', '--email', 'pg-admin@example.com', '--password', 'violet-harbor-engine-42'], { ...env, LATCH_DATA_DIR: join(dataDir, 'pg'), DATABASE_URL: s.env.DATABASE_URL });
      assert.equal(created.code, 0, created.stderr);
      const signIn = await fetch(`${s.url}/auth/sign-in`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ email: 'pg-admin@example.com', password: 'violet-harbor-engine-42' }),
      });
      assert.equal(signIn.status, 200);
    } finally {
      await s.close();
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
