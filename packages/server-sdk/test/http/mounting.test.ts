import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import Koa from 'koa';
import { ConfigError, createLatch, resolveConfig, silentLogger, type Latch, type Logger } from '@latch/server-sdk';
import { latchExpress } from '@latch/server-sdk/express';
import { toFetchHandler } from '@latch/server-sdk/fetch';
import { latchKoa } from '@latch/server-sdk/koa';
import { toNodeHandler } from '@latch/server-sdk/node';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** Reads a request body to its end and keeps nothing, as a careless logging or proxy middleware does. */
const swallowBody: express.RequestHandler = (req, _res, next) => {
  req.on('data', () => {});
  req.on('end', () => next());
};

/** What koa-bodyparser does: reads the body and parks the parsed JSON on `ctx.request.body`. */
const koaJsonBody: Koa.Middleware = async (ctx, next) => {
  if (ctx.is('application/json')) {
    let text = '';
    for await (const chunk of ctx.req) text += chunk;
    (ctx.request as { body?: unknown }).body = JSON.parse(text || '{}');
  }
  await next();
};

/**
 * Three host apps on one Latch, chosen per request by `X-App`: Express with `express.json()` in
 * front of Latch (the default), Koa with a body parser in front and no router, and node:http with
 * the bare listener. Each host answers its own `/config`.
 */
function hostApps(latch: Latch): Listener {
  const app = express();
  const json = express.json();
  // One path has a middleware that eats the body instead; every other path has express.json().
  app.use((req, res, next) => (req.path === '/auth/password/forgot' ? swallowBody : json)(req, res, next));
  app.use(latchExpress(latch));
  app.get('/config', (_req, res) => { res.json({ host: 'express' }); });

  const koa = new Koa();
  koa.use(koaJsonBody);
  koa.use(latchKoa(latch));
  koa.use((ctx) => { ctx.body = { host: 'koa', path: ctx.path }; });
  const koaListener = koa.callback();

  const node = toNodeHandler(latch);
  return (req, res) => {
    const which = req.headers['x-app'];
    if (which === 'koa') void koaListener(req, res);
    else if (which === 'node') void node(req, res);
    else app(req, res);
  };
}

const on = (app: string) => ({ headers: { 'x-app': app } });

for (const kind of testDatabaseKinds()) {
  describe(`mounting Latch in a host app on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind, listener: hostApps }); });
    after(() => t.close());

    it('reads a body express.json() or a Koa body parser already parsed, instead of hanging', async () => {
      // signedInUser signs up and verifies through Express, with express.json() in front.
      const { email, password } = await t.signedInUser();
      const express = await t.client().post('/sign-in', { email, password });
      assert.equal(express.status, 200, express.text);
      const koa = await t.client().post('/sign-in', { email, password }, on('koa'));
      assert.equal(koa.status, 200, koa.text);
      const wrong = await t.client().post('/sign-in', { email, password: 'not-the-password-at-all' }, on('koa'));
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.code, 'invalid_credentials');
      const broken = await t.client().post('/sign-in', undefined, { raw: '{"email":', contentType: 'application/json', ...on('node') });
      assert.equal(broken.status, 400, 'the bare listener still reads the stream itself');
    });

    it('answers body_already_read, naming the middleware to move, when a body was read and not kept', async () => {
      const response = await t.client().post('/password/forgot', { email: uniqueEmail() });
      assert.equal(response.status, 500);
      assert.equal(response.body.code, 'body_already_read');
      assert.match(response.body.detail, /express\.json\(\)/);
      assert.match(response.body.detail, /Mount Latch's middleware before it/);
      assert.match(response.headers.get('content-type')!, /^application\/problem\+json/);
    });

    it('serves nothing outside basePath: Express and Koa pass other paths on, node:http answers 404', async () => {
      const outside = (path: string, app: string) => fetch(`${t.origin}${path}`, on(app));
      assert.deepEqual(await (await outside('/config', 'express')).json(), { host: 'express' });
      assert.deepEqual(await (await outside('/config', 'koa')).json(), { host: 'koa', path: '/config' });
      assert.deepEqual(await (await outside('/authority', 'koa')).json(), { host: 'koa', path: '/authority' }, 'a path that merely starts with the prefix');
      const bare = await outside('/config', 'node');
      assert.equal(bare.status, 404);
      assert.equal((await bare.json() as { code: string }).code, 'not_found');
      for (const app of ['express', 'koa', 'node']) {
        const inside = await outside('/auth/config', app);
        assert.equal(inside.status, 200, app);
        assert.ok('signUp' in (await inside.json() as object), app);
      }
    });

    it('takes the mount point from basePath alone: a different adapter prefix is refused, the same one accepted', () => {
      for (const mount of [
        (prefix: string) => toNodeHandler(t.latch, { prefix }),
        (prefix: string) => latchExpress(t.latch, { prefix }),
        (prefix: string) => latchKoa(t.latch, { prefix }),
        (prefix: string) => toFetchHandler({ handler: t.latch.handler, config: t.latch.config }, { prefix }),
      ]) {
        assert.throws(() => mount('/api'), (error: unknown) => error instanceof ConfigError && /differs from basePath "\/auth"/.test(error.message));
        assert.doesNotThrow(() => mount('/auth'));
        assert.doesNotThrow(() => mount('/auth/'));
      }
    });

    it('mounts wherever basePath says', async () => {
      const fetchAt = toFetchHandler({ handler: t.latch.handler, config: { ...t.latch.config, basePath: '/api/auth' } });
      assert.equal((await fetchAt(new Request(`${t.origin}/api/auth/config`), { remoteAddress: '127.0.0.1' })).status, 200);
      assert.equal((await fetchAt(new Request(`${t.origin}/auth/config`), { remoteAddress: '127.0.0.1' })).status, 404);
      const root = toFetchHandler({ handler: t.latch.handler, config: { ...t.latch.config, basePath: '' } });
      assert.equal((await root(new Request(`${t.origin}/config`), { remoteAddress: '127.0.0.1' })).status, 200);
    });

    it('offers the account operations to server-side code (latch.api), with the same caller view as requireAuth', async () => {
      const email = uniqueEmail('api');
      const created = await t.latch.api.signUp({ email, password: strongPassword, displayName: 'Server Side' });
      assert.equal(created.email, email);
      assert.equal(created.emailVerified, false);
      assert.equal((await t.latch.api.signUp({ email, password: strongPassword })).email, email, 'a taken address gets the same answer');

      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      const verified = await t.latch.api.verifyEmail(token);
      assert.ok('user' in verified && verified.user.emailVerified);
      const signedIn = await t.latch.api.signIn({ email: email.toUpperCase(), password: strongPassword }, { ip: '192.0.2.10', userAgent: 'server-test' });
      assert.ok('session' in signedIn, JSON.stringify(signedIn));
      const cookie = signedIn.setCookie.find((c) => c.startsWith('latch_session='))!.split(';')[0]!;
      assert.match(signedIn.setCookie.join('\n'), /HttpOnly; SameSite=Lax/);

      const me = await fetch(`${t.baseUrl}/me`, { headers: { cookie } });
      assert.equal(me.status, 200, 'the cookie from latch.api.signIn works over HTTP');
      const auth = await t.latch.api.getSession({ headers: new Headers({ cookie }) });
      assert.equal(auth?.via, 'session');
      assert.equal(auth?.session?.id, signedIn.session.id);
      assert.deepEqual(auth?.user, await t.latch.api.getUser(signedIn.user.id).then((u) => u && { id: u.id, email: u.email, displayName: u.displayName, emailVerified: u.emailVerified, roles: u.roles, kind: u.kind, createdAt: u.createdAt }));
      assert.equal((await t.latch.api.getUserByEmail(email.toUpperCase()))?.id, signedIn.user.id);
      assert.equal(await t.latch.api.getUser('00000000-0000-4000-8000-000000000000'), null);

      assert.equal((await t.latch.api.updateProfile(signedIn.user.id, { displayName: 'Renamed' })).displayName, 'Renamed');
      assert.equal((await t.latch.api.getSession({ headers: { cookie } }))?.user.displayName, 'Renamed', 'the cached caller follows the change');
      const sessions = await t.latch.api.listSessions(signedIn.user.id);
      assert.ok(sessions.some((s) => s.id === signedIn.session.id && s.ip === '192.0.2.10'));

      assert.ok(await t.latch.api.revokeAllSessions(signedIn.user.id) >= 2);
      assert.equal(await t.latch.api.getSession({ headers: { cookie } }), null);
      assert.equal((await fetch(`${t.baseUrl}/me`, { headers: { cookie } })).status, 401);
      assert.equal(await t.latch.api.getSession({ headers: {} }), null, 'no credentials');
    });
  });
}

describe('start-up warnings for host apps', () => {
  it('says where mail goes without pointing at a mailbox only the reference server has', () => {
    const warnings: string[] = [];
    resolveConfig({ logger: { ...silentLogger, warn: (_fields: unknown, message: string) => warnings.push(message) } as Logger });
    const mail = warnings.find((w) => /SMTP/.test(w));
    assert.ok(mail, warnings.join('\n'));
    assert.match(mail, /not sent/);
    assert.match(mail, /logged/);
    assert.doesNotMatch(mail, /\/dev\/mailbox/);
  });

  it('warns when a production Latch keeps its data in memory', async () => {
    const events: string[] = [];
    const logger = { ...silentLogger, warn: (fields: { event?: string }) => { events.push(fields.event ?? ''); } } as unknown as Logger;
    const latch = await createLatch({
      production: true, publicUrl: 'http://localhost:3999', secret: 'test-secret-that-is-long-enough-0123456789', logger,
      mail: { mailer: { kind: 'custom', send: async () => {} }, startWorker: false },
    });
    try {
      assert.ok(events.includes('database.in_memory'), events.join(', '));
    } finally {
      await latch.close();
    }
  });
});
