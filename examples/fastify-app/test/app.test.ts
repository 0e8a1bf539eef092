import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@latch/server-sdk';
import { signUpAndSignIn, startSmtpSink, TestClient, type SmtpSink } from '@latch/server-sdk/testing';
import { startServer } from '../src/server.js';

const email = 'fastify-example@example.com';
const password = 'violet-harbor-engine-42';

describe('the Fastify example app', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  let mail: SmtpSink;
  let browser: TestClient;

  before(async () => {
    mail = await startSmtpSink();
    app = await startServer({
      port: 0,
      latch: {
        secret: 'example-secret-that-is-long-enough-0123456789',
        logger: silentLogger,
        mail: { smtpUrl: mail.url },
        passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      },
    });
    browser = new TestClient(app.origin, app.origin);
  });
  after(async () => {
    await app?.close();
    await mail?.close();
  });

  it('keeps its public route public and refuses the notes API without credentials', async () => {
    assert.equal((await browser.get('/')).status, 200);
    const anonymous = await browser.get('/api/notes');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'unauthenticated');
  });

  it('signs up, verifies through the emailed link, signs in and uses the notes API with its session', async () => {
    ({ client: browser } = await signUpAndSignIn(`${app.origin}/auth`, mail, { email, password, displayName: 'Fastify User' }));

    const created = await browser.post('/api/notes', { text: 'parsed by Fastify' });
    assert.equal(created.status, 201, created.text);
    const listed = await browser.get('/api/notes');
    assert.equal(listed.status, 200);
    assert.equal(listed.body.owner, email);
    assert.equal(listed.body.via, 'session');
    assert.deepEqual(listed.body.items.map((n: { text: string }) => n.text), ['parsed by Fastify']);
  });

  it('refuses a cookie-riding write from another site', async () => {
    const forger = new TestClient(app.origin, 'https://evil.example');
    for (const [k, v] of browser.cookies) forger.cookies.set(k, v);
    const forged = await forger.post('/api/notes', { text: 'forged' });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.code, 'csrf_rejected');
    assert.equal((await browser.get('/api/notes')).body.items.length, 1, 'nothing was written');
  });

  it('serves scripts with an API key, within its scopes', async () => {
    const created = await browser.post('/auth/me/api-keys', { name: 'reader', scopes: ['read'] });
    assert.equal(created.status, 201, created.text);
    const key = created.body.secret as string;
    const listed = await fetch(`${app.origin}/api/notes`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(listed.status, 200);
    assert.equal(((await listed.json()) as { via: string }).via, 'api_key');
    const write = await fetch(`${app.origin}/api/notes`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: 'nope' }),
    });
    assert.equal(write.status, 403);
    assert.equal(((await write.json()) as { code: string }).code, 'forbidden');
  });
});
