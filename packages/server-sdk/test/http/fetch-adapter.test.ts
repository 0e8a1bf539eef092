import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Latch, Logger } from '@latch/server-sdk';
import { requireAuth, withAuth, type FetchRequestInfo } from '@latch/server-sdk/fetch';
import { createTestServer, testDatabaseKinds, tokenIn, uniqueEmail, strongPassword, type TestServer } from '@latch/server-sdk/testing';
import { createApiKey, mintToken } from '../keys/helpers.js';

type FetchRoute = (request: Request, info: FetchRequestInfo) => Promise<Response>;

/**
 * A minimal node:http ↔ fetch bridge, as a runtime gives one (Bun, Deno, @hono/node-server): the
 * body streams in, cancelling it drains the rest of the request (so an early 413 still reaches
 * the client), and each Set-Cookie stays its own header.
 */
function fetchBridge(route: FetchRoute) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const item of [value ?? []].flat()) headers.append(name, item);
    }
    let open = true;
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new ReadableStream<Uint8Array>({
      start(controller) {
        req.on('data', (chunk: Buffer) => { if (open) controller.enqueue(new Uint8Array(chunk)); });
        req.on('end', () => { if (open) { open = false; controller.close(); } });
        req.on('error', (error) => { if (open) { open = false; controller.error(error); } });
      },
      cancel() { open = false; req.resume(); },
    });
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit);
    const response = await route(request, { remoteAddress: req.socket.remoteAddress ?? null });
    res.statusCode = response.status;
    response.headers.forEach((value, name) => { if (name !== 'set-cookie') res.setHeader(name, value); });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

/** A host app in fetch style: Latch at /auth through `latch.fetch`, and protected routes under /api. */
function hostApp(latch: Latch): FetchRoute {
  const readNotes = requireAuth(latch, { scopes: ['read'] });
  const writeNotes = requireAuth(latch, { scopes: ['write'] });
  const admin = withAuth(latch, { roles: ['admin', 'super_admin'] }, (_request, auth) => Response.json({ admin: auth.user.email }));
  return async (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/api/notes') {
      const auth = await (request.method === 'POST' ? writeNotes : readNotes)(request, info);
      if (auth instanceof Response) return auth;
      return Response.json(auth, { status: request.method === 'POST' ? 201 : 200 });
    }
    if (pathname === '/api/admin') return admin(request);
    return latch.fetch(request, info);
  };
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

for (const kind of testDatabaseKinds()) {
  describe(`latch.fetch and requireAuth for Request/Response on ${kind}`, () => {
    let t: TestServer;
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, error() {}, warn(fields: unknown) { warnings.push((fields as { event?: string }).event ?? ''); } } as unknown as Logger;
    before(async () => {
      t = await createTestServer({ database: kind, config: { logger }, listener: (latch) => fetchBridge(hostApp(latch)) });
    });
    after(() => t.close());

    it('signs up, verifies, signs in and reads /me through a Request handler', async () => {
      const email = uniqueEmail('fetch');
      const client = t.client();
      const signUp = await client.post('/sign-up', { email, password: strongPassword, displayName: 'Grace' });
      assert.equal(signUp.status, 201, signUp.text);
      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      assert.equal((await client.post('/verify-email', { token })).status, 200);
      const other = t.client();
      const signIn = await other.post('/sign-in', { email, password: strongPassword });
      assert.equal(signIn.status, 200, signIn.text);
      const me = await other.get('/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.user.email, email);
      assert.equal(me.body.user.displayName, 'Grace');
    });

    it('sets the session cookie with its attributes, each Set-Cookie a header of its own', async () => {
      const { email, password } = await t.signedInUser();
      const response = await fetch(`${t.baseUrl}/sign-in`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: t.origin }, body: JSON.stringify({ email, password }),
      });
      assert.equal(response.status, 200);
      const cookies = response.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('latch_session='));
      assert.ok(session, cookies.join(' | '));
      assert.match(session, /; Path=\/(;|$)/);
      assert.match(session, /; HttpOnly(;|$)/);
      assert.match(session, /; SameSite=Lax(;|$)/);
      assert.match(session, /; Max-Age=\d+/);
      assert.doesNotMatch(session, /Secure/, 'http: no Secure attribute');
      assert.ok(cookies.some((c) => c.startsWith('latch_challenge=') && /Max-Age=0/.test(c)), 'the challenge cookie is cleared in its own header');
      assert.equal(response.headers.get('cache-control'), 'no-store');
    });

    it('refuses a cookie-authenticated write from a foreign origin', async () => {
      const { client } = await t.signedInUser();
      const foreign = await client.patch('/me', { displayName: 'Mallory' }, { headers: { origin: 'https://evil.example' } });
      assert.equal(foreign.status, 403);
      assert.equal(foreign.body.code, 'csrf_rejected');
      assert.match(foreign.headers.get('content-type')!, /^application\/problem\+json/);
      const own = await client.patch('/me', { displayName: 'Still Me' });
      assert.equal(own.status, 200);
      assert.equal(own.body.user.displayName, 'Still Me');
    });

    it('answers 413 for a body over the limit, declared or streamed, and keeps serving', async () => {
      const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(70 * 1024) });
      const declared = await fetch(`${t.baseUrl}/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.origin }, body: big });
      assert.equal(declared.status, 413);
      assert.equal((await declared.json() as { code: string }).code, 'payload_too_large');
      const chunks = [big.slice(0, 40_000), big.slice(40_000)];
      const streamed = await fetch(`${t.baseUrl}/sign-up`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: t.origin }, duplex: 'half',
        body: new ReadableStream({ pull(controller) { const next = chunks.shift(); if (next) controller.enqueue(new TextEncoder().encode(next)); else controller.close(); } }),
      } as RequestInit);
      assert.equal(streamed.status, 413);
      assert.equal((await streamed.json() as { code: string }).code, 'payload_too_large');
      assert.equal((await fetch(`${t.baseUrl}/config`)).status, 200, 'still serving');
    });

    it('serves nothing outside basePath', async () => {
      const outside = await t.latch.fetch(new Request(`${t.origin}/config`));
      assert.equal(outside.status, 404);
      assert.equal((await outside.json() as { code: string }).code, 'not_found');
      const inside = await t.latch.fetch(new Request(`${t.origin}/auth/config`), { remoteAddress: '127.0.0.1' });
      assert.equal(inside.status, 200);
      assert.equal((await t.latch.fetch(new Request(`${t.origin}/authority/config`))).status, 404, 'a path merely starting with the prefix');
    });

    it('takes the client address from the runtime, never from X-Forwarded-For without trustProxy, and warns once when it has none', async () => {
      const { email, password } = await t.signedInUser();
      const signIn = await t.latch.fetch(new Request(`${t.baseUrl}/sign-in`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: t.origin, 'x-forwarded-for': '203.0.113.9' }, body: JSON.stringify({ email, password }),
      }), { remoteAddress: '198.51.100.4' });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('latch_session='))!.split(';')[0]!;
      const sessions = await (await t.latch.fetch(new Request(`${t.baseUrl}/me/sessions`, { headers: { cookie } }), { remoteAddress: '198.51.100.4' })).json() as { items: Array<{ current: boolean; ip: string }> };
      assert.equal(sessions.items.find((s) => s.current)?.ip, '198.51.100.4');
      await t.latch.fetch(new Request(`${t.baseUrl}/config`));
      await t.latch.fetch(new Request(`${t.baseUrl}/config`));
      assert.equal(warnings.filter((w) => w === 'fetch.no_client_address').length, 1, 'one warning per Latch, for requests without an address');
    });

    it('withAuth hands the checks the client address it is called with, as latch.fetch takes it', async () => {
      const { client } = await t.signedInUser();
      const { secret, id } = await createApiKey(client, { scopes: ['read'] });
      const notes = withAuth(t.latch, { scopes: ['read'] }, (_request, auth, _info: FetchRequestInfo) => Response.json({ owner: auth.user.id }));
      const asKey = (key: string) => new Request(`${t.origin}/api/notes`, { headers: { authorization: `Bearer ${key}` } });

      assert.equal((await notes(asKey(secret), { remoteAddress: '198.51.100.23' })).status, 200);
      const used = (await client.get('/me/api-keys')).body.items.find((k: { id: string }) => k.id === id);
      assert.equal(used.lastUsedIp, '198.51.100.23', 'the key use is recorded with the caller\'s address');

      // Unknown keys count per address: one address exhausting its allowance leaves the others alone.
      const unknown = `${secret.slice(0, -4)}zzzz`;
      let refused = 0;
      for (let i = 0; i < 40 && refused === 0; i++) {
        const answer = await notes(asKey(unknown), { remoteAddress: '198.51.100.31' });
        if (answer.status === 429) refused++;
        else assert.equal(answer.status, 401);
      }
      assert.equal(refused, 1, 'the guessing address is rate limited');
      const neighbour = await notes(asKey(unknown), { remoteAddress: '198.51.100.32' });
      assert.equal(neighbour.status, 401, 'another address still gets its own answer');

      const fromOption = withAuth(t.latch, { scopes: ['read'], remoteAddress: (request) => request.headers.get('x-test-peer') }, (_request, auth) => Response.json({ owner: auth.user.id }));
      const request = new Request(`${t.origin}/api/notes`, { headers: { authorization: `Bearer ${secret}`, 'x-test-peer': '198.51.100.41' } });
      assert.equal((await fromOption(request)).status, 200);
      const again = (await client.get('/me/api-keys')).body.items.find((k: { id: string }) => k.id === id);
      assert.equal(again.lastUsedIp, '198.51.100.41', 'a remoteAddress option supplies the address where the runtime has it elsewhere');
    });

    it('protects a host route: session cookie, access token and API key pass with the account; others get problems', async () => {
      const { client, userId, email } = await t.signedInUser({ displayName: 'Ada' });
      const cookie = cookieHeader(client.cookies);
      const token = await mintToken(client, ['read']);
      const { secret, id: apiKeyId } = await createApiKey(client, { scopes: ['read'] });

      const viaCookie = await fetch(`${t.origin}/api/notes`, { headers: { cookie } });
      assert.equal(viaCookie.status, 200);
      const cookieAuth = await viaCookie.json() as { via: string; user: { id: string; email: string; displayName: string; emailVerified: boolean }; session: { id: string } | null };
      assert.equal(cookieAuth.via, 'session');
      assert.deepEqual([cookieAuth.user.id, cookieAuth.user.email, cookieAuth.user.displayName, cookieAuth.user.emailVerified], [userId, email, 'Ada', true]);
      assert.ok(cookieAuth.session?.id);

      const viaToken = await fetch(`${t.origin}/api/notes`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(viaToken.status, 200);
      const tokenAuth = await viaToken.json() as { via: string; user: { email: string }; session: { id: string }; scopes: string[] };
      assert.deepEqual([tokenAuth.via, tokenAuth.user.email, tokenAuth.session.id, tokenAuth.scopes], ['jwt', email, cookieAuth.session!.id, ['read']]);

      const viaKey = await fetch(`${t.origin}/api/notes`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(viaKey.status, 200);
      const keyAuth = await viaKey.json() as { via: string; user: { email: string }; session: null; apiKey: { id: string } };
      assert.deepEqual([keyAuth.via, keyAuth.user.email, keyAuth.session, keyAuth.apiKey.id], ['api_key', email, null, apiKeyId]);

      const anonymous = await fetch(`${t.origin}/api/notes`);
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.headers.get('www-authenticate')!, /^Bearer realm="latch"/);
      assert.match(anonymous.headers.get('content-type')!, /^application\/problem\+json/);
      const readOnly = await fetch(`${t.origin}/api/notes`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
      assert.equal(readOnly.status, 403);
      assert.match(readOnly.headers.get('www-authenticate')!, /insufficient_scope/);
      const forged = await fetch(`${t.origin}/api/notes`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
      assert.equal(forged.status, 403);
      assert.equal((await forged.json() as { code: string }).code, 'csrf_rejected');
      assert.equal((await fetch(`${t.origin}/api/notes`, { method: 'POST', headers: { cookie, origin: t.origin } })).status, 201);
      assert.equal((await fetch(`${t.origin}/api/admin`, { headers: { cookie } })).status, 403, 'no admin role');

      assert.equal((await client.post('/sign-out')).status, 204);
      assert.equal((await fetch(`${t.origin}/api/notes`, { headers: { cookie } })).status, 401, 'signed out');
      assert.equal((await fetch(`${t.origin}/api/notes`, { headers: { authorization: `Bearer ${token}` } })).status, 401, 'token of a signed-out session');
    });
  });
}
