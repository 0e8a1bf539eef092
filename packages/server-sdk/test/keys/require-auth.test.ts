import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Router from '@koa/router';
import express from 'express';
import Koa from 'koa';
import { requireAuth as requireAuthExpress } from '@latch/server-sdk/express';
import { requireAuth as requireAuthKoa } from '@latch/server-sdk/koa';
import { requireAuth as requireAuthNode } from '@latch/server-sdk/node';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { cookieOf, createApiKey, mintToken, signedInWithRoles } from './helpers.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The protected routes of three host apps, one per framework, all on the same Latch. */
function hostApps(t: TestServer): Server[] {
  const koa = new Koa();
  const router = new Router();
  router.get('/notes', requireAuthKoa(t.latch, { scopes: ['read'] }), (ctx) => { ctx.body = ctx.state.auth; });
  router.post('/notes', requireAuthKoa(t.latch, { scopes: ['write'] }), (ctx) => { ctx.status = 201; ctx.body = ctx.state.auth; });
  router.get('/admin', requireAuthKoa(t.latch, { roles: ['admin', 'super_admin'] }), (ctx) => { ctx.body = ctx.state.auth; });
  koa.use(router.routes());

  const app = express();
  app.get('/notes', requireAuthExpress(t.latch, { scopes: ['read'] }), (req, res) => { res.json(req.auth); });
  app.post('/notes', requireAuthExpress(t.latch, { scopes: ['write'] }), (req, res) => { res.status(201).json(req.auth); });
  app.get('/admin', requireAuthExpress(t.latch, { roles: ['admin', 'super_admin'] }), (req, res) => { res.json(req.auth); });

  const routes = {
    'GET /notes': requireAuthNode(t.latch, { scopes: ['read'] }),
    'POST /notes': requireAuthNode(t.latch, { scopes: ['write'] }),
    'GET /admin': requireAuthNode(t.latch, { roles: ['admin', 'super_admin'] }),
  } as const;
  const node = createServer((req, res) => {
    const guard = routes[`${req.method} ${req.url}` as keyof typeof routes];
    if (!guard) { res.statusCode = 404; res.end(); return; }
    void guard((_req, out, auth) => {
      out.statusCode = req.method === 'POST' ? 201 : 200;
      out.setHeader('content-type', 'application/json');
      out.end(JSON.stringify(auth));
    })(req, res);
  });
  return [createServer(koa.callback()), createServer(app), node];
}

for (const kind of testDatabaseKinds()) {
  describe(`requireAuth for Koa, Express and node:http on ${kind}`, () => {
    let t: TestServer;
    let servers: Server[];
    const hosts: Record<string, string> = {};
    before(async () => {
      t = await createTestServer({ database: kind });
      servers = hostApps(t);
      const names = ['koa', 'express', 'node'];
      for (let i = 0; i < servers.length; i++) hosts[names[i]!] = await listen(servers[i]!);
    });
    after(async () => {
      for (const server of servers) { server.closeAllConnections(); server.close(); }
      await t.close();
    });

    it('accepts a session cookie, an access token and an API key, handing the route the caller and the account', async () => {
      const { client, userId, email } = await t.signedInUser({ displayName: 'Ada Lovelace' });
      const me = (await client.get('/me')).body;
      const session = me.session.id;
      const user = { id: userId, email, displayName: 'Ada Lovelace', emailVerified: true, roles: [], kind: me.user.kind, createdAt: me.user.createdAt };
      const { secret, id: apiKeyId } = await createApiKey(client, { scopes: ['read'] });
      const token = await mintToken(client, ['read', 'write']);
      for (const [name, origin] of Object.entries(hosts)) {
        const viaCookie = await fetch(`${origin}/notes`, { headers: { cookie: cookieOf(client) } });
        assert.equal(viaCookie.status, 200, name);
        assert.deepEqual(await viaCookie.json(), { via: 'session', user, session: { id: session }, scopes: ['read', 'write', 'ssh:read'], organization: null });
        const viaToken = await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(viaToken.status, 200, name);
        assert.deepEqual(await viaToken.json(), { via: 'jwt', user, session: { id: session }, scopes: ['read', 'write'], organization: null });
        const viaKey = await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${secret}` } });
        assert.equal(viaKey.status, 200, name);
        assert.deepEqual(await viaKey.json(), { via: 'api_key', user, session: null, apiKey: { id: apiKeyId }, scopes: ['read'], organization: null });
      }
    });

    it('answers 401 without credentials and 403 without the scope or role, as problem+json', async () => {
      const { client } = await t.signedInUser();
      const { secret } = await createApiKey(client, { scopes: ['read'] });
      const admin = await signedInWithRoles(t, ['admin']);
      const adminToken = await mintToken(admin.client, ['read']);
      for (const [name, origin] of Object.entries(hosts)) {
        const anonymous = await fetch(`${origin}/notes`);
        assert.equal(anonymous.status, 401, name);
        assert.match(anonymous.headers.get('content-type')!, /^application\/problem\+json/);
        assert.match(anonymous.headers.get('www-authenticate')!, /^Bearer/);
        assert.equal((await anonymous.json() as { code: string }).code, 'unauthenticated');
        const wrong = await fetch(`${origin}/notes`, { headers: { authorization: 'Bearer latch_not-a-real-key' } });
        assert.equal(wrong.status, 401, name);
        const garbage = await fetch(`${origin}/notes`, { headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
        assert.equal(garbage.status, 401, name);
        const noScope = await fetch(`${origin}/notes`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
        assert.equal(noScope.status, 403, name);
        assert.match(noScope.headers.get('www-authenticate')!, /insufficient_scope/);
        assert.equal((await noScope.json() as { code: string }).code, 'forbidden');
        assert.equal((await fetch(`${origin}/admin`, { headers: { authorization: `Bearer ${secret}` } })).status, 403, name);
        assert.equal((await fetch(`${origin}/admin`, { headers: { authorization: `Bearer ${adminToken}` } })).status, 200, name);
        assert.equal((await fetch(`${origin}/admin`, { headers: { cookie: cookieOf(admin.client) } })).status, 200, name);
      }
    });

    it('refuses cookie-authenticated writes from foreign origins', async () => {
      const { client } = await t.signedInUser();
      for (const [name, origin] of Object.entries(hosts)) {
        const foreign = await fetch(`${origin}/notes`, { method: 'POST', headers: { cookie: cookieOf(client), origin: 'https://evil.example' } });
        assert.equal(foreign.status, 403, name);
        assert.equal((await foreign.json() as { code: string }).code, 'csrf_rejected');
        const bare = await fetch(`${origin}/notes`, { method: 'POST', headers: { cookie: cookieOf(client) } });
        assert.equal(bare.status, 403, `${name}: no Origin nor Referer`);
        const own = await fetch(`${origin}/notes`, { method: 'POST', headers: { cookie: cookieOf(client), origin: t.origin } });
        assert.equal(own.status, 201, name);
      }
    });

    it('stops revoked credentials at once', async () => {
      const { client } = await t.signedInUser();
      const { secret, id } = await createApiKey(client, { scopes: ['read'] });
      const token = await mintToken(client);
      const cookie = cookieOf(client);
      for (const origin of Object.values(hosts)) {
        assert.equal((await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${secret}` } })).status, 200);
        assert.equal((await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
      }
      await client.delete(`/me/api-keys/${id}`);
      await client.post('/sign-out');
      for (const [name, origin] of Object.entries(hosts)) {
        assert.equal((await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${secret}` } })).status, 401, `${name}: revoked key`);
        assert.equal((await fetch(`${origin}/notes`, { headers: { authorization: `Bearer ${token}` } })).status, 401, `${name}: token of a signed-out session`);
        assert.equal((await fetch(`${origin}/notes`, { headers: { cookie } })).status, 401, `${name}: signed-out cookie`);
      }
    });
  });
}
