import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@latch/server-sdk';
import { signUpAndSignIn, startSmtpSink, type SmtpSink } from '@latch/server-sdk/testing';
import { startServer } from '../src/server.js';

const email = 'express-example@example.com';
const password = 'violet-harbor-engine-42';

describe('the Express example app', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  let mail: SmtpSink;
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
    ({ cookie } = await signUpAndSignIn(`${app.origin}/auth`, mail, { email, password, displayName: 'Express User' }));
  });
  after(async () => {
    await app?.close();
    await mail?.close();
  });

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

  it('keeps team reports to admins of the active organization', async () => {
    // The signed-in user creates an organization (and owns it); host code adds two members.
    const created = await call('POST', '/auth/orgs', { cookie: true, body: { name: 'Express Team' } });
    assert.equal(created.status, 201);
    const organizationId = created.body.organization.id as string;
    const admin = await signUpAndSignIn(`${app.origin}/auth`, mail, { displayName: 'Team Admin' });
    const viewer = await signUpAndSignIn(`${app.origin}/auth`, mail, { displayName: 'Team Viewer' });
    await app.latch.organizations.addMember(organizationId, { userId: admin.user.id, role: 'admin' });
    await app.latch.organizations.addMember(organizationId, { userId: viewer.user.id, role: 'viewer' });

    // A member's role counts only in the organization their session works in.
    const noActive = await admin.client.get('/api/team-reports');
    assert.equal(noActive.status, 403);
    assert.equal(noActive.body.code, 'forbidden');
    for (const member of [admin, viewer]) {
      assert.equal((await member.client.post('/auth/me/active-organization', { organizationId })).status, 200);
    }

    const allowed = await admin.client.get('/api/team-reports');
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body, { organization: { id: organizationId, role: 'admin' }, reports: [] });
    const refused = await viewer.client.get('/api/team-reports');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'forbidden');
  });
});
