/**
 * The Next.js example as it ships: `next build`, then `next start` on a free loopback port, driven
 * over HTTP. The proxy turns anonymous visitors of /dashboard to the sign-in page; sign-up, the
 * emailed verification link (a real SMTP sink) and sign-in go through app/api/auth/[...latch];
 * then the dashboard shows the user.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { signUpAndSignIn, startSmtpSink, TestClient, type SmtpSink } from '@latch/server-sdk/testing';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const email = 'nextjs-example@example.com';
const password = 'violet-harbor-engine-42';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Runs `next <args>` in the app; resolves with the process once `ready` says so (or it exits 0). */
function next(args: string[], env: Record<string, string>, ready?: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin, ...args], {
    cwd: appDir, env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready?.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      if (code === 0 && !ready) resolve(child);
      else reject(new Error(`next ${args.join(' ')} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

describe('the Next.js example, built and started', () => {
  let mail: SmtpSink;
  let server: ChildProcess | undefined;
  let origin: string;
  let dataDir: string;

  before(async () => {
    mail = await startSmtpSink();
    dataDir = mkdtempSync(join(tmpdir(), 'latch-nextjs-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    await next(['build'], {});
    server = await next(['start', '--port', String(port), '--hostname', '127.0.0.1'], {
      PUBLIC_URL: origin,
      LATCH_DATA_DIR: dataDir,
      SMTP_URL: mail.url,
      LATCH_SECRET: 'example-secret-that-is-long-enough-0123456789',
    }, /Ready in/);
  }, { timeout: 600_000 });

  after(async () => {
    // The server's whole process group: `next start` and any worker it started.
    if (server?.pid) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
      await exited;
    }
    await mail?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a visitor without a session from /dashboard to the sign-in page', async () => {
    const dashboard = await fetch(`${origin}/dashboard`, { redirect: 'manual' });
    assert.equal(dashboard.status, 307);
    assert.equal(new URL(dashboard.headers.get('location')!, origin).href, `${origin}/?next=%2Fdashboard`);
    const signIn = await fetch(`${origin}/?next=/dashboard`);
    assert.equal(signIn.status, 200);
    assert.match(await signIn.text(), /<latch-login-form[^>]*redirect="\/dashboard"/);
  });

  it('signs up, verifies through the emailed link and signs in through /api/auth, then shows the user on /dashboard', async () => {
    // A freshly started server may be slow to send its first mail: allow it a minute.
    const { client: visitor, signIn } = await signUpAndSignIn(`${origin}/api/auth`, mail, { email, password, displayName: 'Next User', mailTimeoutMs: 60_000 });
    assert.ok(signIn.setCookies.some((c) => /HttpOnly/i.test(c) && /SameSite=Lax/i.test(c)), signIn.setCookies.join(' | '));
    const me = await visitor.get('/api/auth/me');
    assert.equal(me.body.user.email, email);

    const dashboard = await visitor.get('/dashboard');
    assert.equal(dashboard.status, 200);
    assert.match(dashboard.text, /Signed in as <strong data-testid="user">Next User<\/strong>/);
    assert.ok(dashboard.text.includes(email));

    const forged = await new TestClient(origin, 'https://evil.example').request('POST', '/api/auth/sign-out', {
      headers: { cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'csrf_rejected');

    const cookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const out = await visitor.post('/api/auth/sign-out');
    assert.ok(out.status === 200 || out.status === 204, out.text);
    const after = await fetch(`${origin}/dashboard`, { headers: { cookie }, redirect: 'manual' });
    assert.equal(after.status, 307, 'the signed-out cookie no longer opens the dashboard');
  });

  it('serves nothing of Latch outside /api/auth', async () => {
    assert.equal((await fetch(`${origin}/api/auth/config`)).status, 200);
    assert.equal((await fetch(`${origin}/config`)).status, 404);
  });
});
