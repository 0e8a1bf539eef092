import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@latch/server-sdk';
import { startServer } from '../src/server.js';

const email = 'express-example@example.com';
const password = 'violet-harbor-engine-42';

describe('the Express example app', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  let cookie = '';

  const call = async (method: string, path: string, options: { bearer?: string; cookie?: boolean; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.cookie) headers.cookie = cookie;
    if (method !== 'GET') headers.origin = app.origin;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(app.origin + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text };
  };

  before(async () => {
    app = await startServer({
      port: 0,
      latch: {
        secret: 'example-secret-that-is-long-enough-0123456789',
        logger: silentLogger,
        mail: { mailer: { kind: 'custom', send: async () => {} } },
      },
    });
    await app.latch.provisionUser({ email, displayName: 'Express User', password });
    const signIn = await fetch(`${app.origin}/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: app.origin }, body: JSON.stringify({ email, password }),
    });
    assert.equal(signIn.status, 200);
    cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  });
  after(() => app.close());

  it('keeps its public routes public and refuses the API without credentials', async () => {
    assert.equal((await call('GET', '/')).status, 200);
    const anonymous = await call('GET', '/api/notes');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'unauthenticated');
  });

  it('serves the signed-in browser through the session cookie', async () => {
    const created = await call('POST', '/api/notes', { cookie: true, body: { text: 'from the browser' } });
    assert.equal(created.status, 201);
    const listed = await call('GET', '/api/notes', { cookie: true });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.via, 'session');
    assert.deepEqual(listed.body.items.map((n: { text: string }) => n.text), ['from the browser']);
  });

  it('serves scripts with an API key, within its scopes', async () => {
    const created = await call('POST', '/auth/me/api-keys', { cookie: true, body: { name: 'reader', scopes: ['read'] } });
    assert.equal(created.status, 201);
    const key = created.body.secret as string;
    const listed = await call('GET', '/api/notes', { bearer: key });
    assert.equal(listed.status, 200);
    assert.equal(listed.body.via, 'api_key');
    assert.equal(listed.body.items.length, 1);
    const write = await call('POST', '/api/notes', { bearer: key, body: { text: 'nope' } });
    assert.equal(write.status, 403);
    assert.equal(write.body.code, 'forbidden');
  });

  it('serves clients with a short-lived access token, and publishes its keys', async () => {
    const minted = await call('POST', '/auth/token', { cookie: true });
    assert.equal(minted.status, 200);
    const token = minted.body.accessToken as string;
    const created = await call('POST', '/api/notes', { bearer: token, body: { text: 'from a token' } });
    assert.equal(created.status, 201);
    const listed = await call('GET', '/api/notes', { bearer: token });
    assert.equal(listed.body.via, 'jwt');
    assert.equal(listed.body.items.length, 2);
    const jwks = await call('GET', '/.well-known/jwks.json');
    assert.equal(jwks.status, 200);
    assert.equal(jwks.body.keys[0].kid, JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid);
  });

  it('keeps administrative routes to administrators', async () => {
    assert.equal((await call('GET', '/api/admin/stats', { cookie: true })).status, 403);
  });
});
