import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLatch, silentLogger, type Latch } from '@latch/server-sdk';
import { latchFastify, requireAuth } from '@latch/server-sdk/fastify';
import {
  createTestDatabase, startSmtpSink, strongPassword, testDatabaseKinds, TestClient, tokenIn, uniqueEmail,
  type SmtpSink, type TestDatabase,
} from '@latch/server-sdk/testing';

const evil = 'https://evil.example';

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

/** A host app: its own JSON routes (Fastify's parser), Latch at its basePath /auth, and protected routes. */
async function hostApp(latch: Latch): Promise<FastifyInstance> {
  const app = Fastify();
  app.post('/echo', async (request) => ({ received: request.body }));
  await app.register(latchFastify(latch));
  app.get('/api/me', { preHandler: requireAuth(latch) }, async (request) => request.auth);
  app.post('/api/notes', { preHandler: requireAuth(latch, { scopes: ['write'] }) }, async (request, reply) => reply.code(201).send({ owner: request.auth!.user.id, note: request.body }));
  return app;
}

for (const kind of testDatabaseKinds()) {
  describe(`the Fastify plugin on ${kind}`, () => {
    let database: TestDatabase;
    let mail: SmtpSink;
    let latch: Latch;
    let app: FastifyInstance;
    let origin: string;
    const email = uniqueEmail('fastify');
    let browser: TestClient;

    before(async () => {
      database = await createTestDatabase(kind);
      mail = await startSmtpSink();
      origin = `http://127.0.0.1:${await freePort()}`;
      latch = await createLatch({
        publicUrl: origin,
        secret: 'test-secret-that-is-long-enough-0123456789',
        database: database.url ? { url: database.url, poolMax: 5 } : {},
        logger: silentLogger,
        mail: { smtpUrl: mail.url, pollIntervalMs: 50 },
        passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      });
      app = await hostApp(latch);
      await app.listen({ port: Number(new URL(origin).port), host: '127.0.0.1' });
      browser = new TestClient(origin, origin);
    });
    after(async () => {
      await app?.close();
      await latch?.close({ drainTimeoutMs: 500 });
      await mail?.close();
      await database?.drop();
    });

    it('signs up, verifies through the emailed link and signs in through the plugin, then passes the protected route', async () => {
      assert.equal((await browser.get('/api/me')).status, 401);
      const signUp = await browser.post('/auth/sign-up', { email, password: strongPassword, displayName: 'Fastify User' });
      assert.equal(signUp.status, 201, signUp.text);
      const token = tokenIn(await mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      const verified = await browser.post('/auth/verify-email', { token });
      assert.equal(verified.status, 200, verified.text);

      const signIn = await browser.post('/auth/sign-in', { email, password: strongPassword });
      assert.equal(signIn.status, 200, signIn.text);
      assert.ok(signIn.setCookies.some((c) => /HttpOnly/i.test(c)), 'the session is an HttpOnly cookie');
      const me = await browser.get('/api/me');
      assert.equal(me.status, 200, me.text);
      assert.equal(me.body.via, 'session');
      assert.equal(me.body.user.id, verified.body.user.id);

      const note = await browser.post('/api/notes', { text: 'parsed by Fastify' });
      assert.equal(note.status, 201, note.text);
      assert.deepEqual(note.body, { owner: verified.body.user.id, note: { text: 'parsed by Fastify' } });
    });

    it('refuses cookie-riding writes from a foreign origin, on its own routes and on the protected route', async () => {
      const forger = new TestClient(origin, evil);
      for (const [k, v] of browser.cookies) forger.cookies.set(k, v);
      for (const path of ['/auth/sign-out', '/api/notes']) {
        const refused = await forger.post(path, { text: 'forged' });
        assert.equal(refused.status, 403, path);
        assert.equal(refused.body.code, 'csrf_rejected', path);
        assert.equal(refused.headers.get('content-type'), 'application/problem+json');
      }
      assert.equal((await browser.get('/api/me')).status, 200, 'still signed in');
    });

    it('hands Latch the raw body while the host keeps its JSON parser', async () => {
      const echoed = await browser.post('/echo', { hello: 'fastify' });
      assert.deepEqual(echoed.body, { received: { hello: 'fastify' } });
      const wrongType = await browser.request('POST', '/auth/sign-in', { raw: 'email=a', contentType: 'application/x-www-form-urlencoded' });
      assert.equal(wrongType.status, 415);
      assert.equal(wrongType.body.code, 'unsupported_media_type');
      const malformedType = await browser.request('POST', '/auth/sign-in', { raw: '{}', contentType: 'not a media type' });
      assert.equal(malformedType.status, 415);
      assert.equal(malformedType.body.code, 'unsupported_media_type');
      const huge = await browser.request('POST', '/auth/sign-in', { raw: JSON.stringify({ email, password: 'x'.repeat(2 * 1024 * 1024) }), contentType: 'application/json' });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.code, 'payload_too_large');
      const broken = await browser.request('POST', '/auth/sign-in', { raw: '{"email":', contentType: 'application/json' });
      assert.equal(broken.status, 400);
      assert.equal(broken.headers.get('content-type'), 'application/problem+json');
    });

    it("reads each body up to its route's limit: the user import up to 1 MiB, every other route 64 KiB", async () => {
      const adminEmail = uniqueEmail('fastify-super');
      await latch.provisionUser({ email: adminEmail, password: strongPassword, roles: ['super_admin'], displayName: 'Importer' });
      const importer = new TestClient(origin, origin);
      assert.equal((await importer.post('/auth/sign-in', { email: adminEmail, password: strongPassword })).status, 200);

      const tag = `${process.pid}.${Date.now().toString(36)}`;
      const users = Array.from({ length: 800 }, (_, i) => ({ email: `fastify.import.${tag}.${i}@example.com`, displayName: `Imported ${i} `.padEnd(100, '.') }));
      const body = JSON.stringify({ users });
      assert.ok(body.length > 64 * 1024 && body.length < 1024 * 1024, `${body.length} bytes`);
      const imported = await importer.request('POST', '/auth/admin/users/import', { raw: body, contentType: 'application/json' });
      assert.equal(imported.status, 200, imported.text.slice(0, 300));
      assert.equal(imported.body.created, 800);

      const tooBig = await importer.request('POST', '/auth/admin/users/import', { raw: JSON.stringify({ users, padding: 'x'.repeat(1024 * 1024) }), contentType: 'application/json' });
      assert.equal(tooBig.status, 413);
      assert.equal(tooBig.body.code, 'payload_too_large');

      const elsewhere = await importer.request('POST', '/auth/admin/users', { raw: JSON.stringify({ email: uniqueEmail(), displayName: 'x'.repeat(70 * 1024) }), contentType: 'application/json' });
      assert.equal(elsewhere.status, 413, 'a route without its own limit keeps 64 KiB');
      assert.equal(elsewhere.body.code, 'payload_too_large');
    });

    it('serves nothing outside basePath', async () => {
      assert.equal((await browser.get('/auth/config')).status, 200);
      assert.equal((await browser.get('/config')).status, 404);
      assert.equal((await browser.get('/%61uth/config')).status, 404);
      const unknown = await browser.get('/auth/no-such-route');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'not_found', 'unknown Latch paths answer in problem+json');
    });

    it('composes with a register prefix that is part of basePath, and refuses one outside it', async () => {
      const nested = Fastify();
      await nested.register(latchFastify(latch), { prefix: '/auth' });
      await nested.listen({ port: 0, host: '127.0.0.1' });
      try {
        const { port } = nested.server.address() as { port: number };
        assert.equal((await fetch(`http://127.0.0.1:${port}/auth/config`)).status, 200);
      } finally {
        await nested.close();
      }
      await assert.rejects(async () => { await Fastify().register(latchFastify(latch), { prefix: '/v1' }); }, (error: Error) => error.name === 'ConfigError' && /basePath/.test(error.message));
      assert.throws(() => latchFastify(latch, { prefix: '/elsewhere' }), /basePath/);
    });

    it('signs out through the plugin, after which the protected route refuses the cookie', async () => {
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const out = await browser.post('/auth/sign-out');
      assert.ok(out.status === 200 || out.status === 204, out.text);
      const me = await browser.get('/api/me', { headers: { cookie } });
      assert.equal(me.status, 401);
      assert.equal(me.body.code, 'unauthenticated');
    });
  });
}
