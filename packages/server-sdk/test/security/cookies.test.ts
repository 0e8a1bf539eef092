import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createLatch, silentLogger, type Latch } from '@latch/server-sdk';
import { toNodeHandler } from '@latch/server-sdk/node';
import { createTestDatabase, strongPassword, testDatabaseKinds, TestClient, uniqueEmail, type TestDatabase } from '@latch/server-sdk/testing';

const publicUrl = 'https://auth.example.test';

for (const kind of testDatabaseKinds()) {
  describe(`session cookie of an https deployment on ${kind}`, () => {
    let latch: Latch;
    let server: Server;
    let database: TestDatabase;
    let baseUrl: string;
    let email: string;
    before(async () => {
      database = await createTestDatabase(kind);
      latch = await createLatch({
        publicUrl, secret: 'test-secret-that-is-long-enough-0123456789', logger: silentLogger,
        database: database.url ? { url: database.url, poolMax: 3 } : {}, mail: { startWorker: false },
      });
      // TLS ends in front of the app, as behind a load balancer; the public URL says https.
      server = createServer(toNodeHandler(latch, { prefix: '/auth' }));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;
      email = uniqueEmail('https');
      await latch.provisionUser({ email, password: strongPassword });
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await latch.close();
      await database.drop();
    });

    it('sets an __Host- cookie: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, opaque value', async () => {
      const client = new TestClient(baseUrl, publicUrl);
      const r = await client.post('/sign-in', { email, password: strongPassword });
      assert.equal(r.status, 200);
      const cookie = r.setCookies.find((c) => c.startsWith('__Host-latch_session='));
      assert.ok(cookie, r.setCookies.join(' | '));
      const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
      for (const expected of ['secure', 'httponly', 'samesite=lax', 'path=/']) assert.ok(attributes.includes(expected), expected);
      assert.ok(!attributes.some((a) => a.startsWith('domain=')));
      const value = cookie.split(';')[0]!.split('=')[1]!;
      assert.match(value, /^[A-Za-z0-9_-]{43}$/);
      assert.doesNotMatch(Buffer.from(value, 'base64url').toString('latin1'), new RegExp(email.split('@')[0]!));
      assert.ok(!JSON.stringify(r.body).includes(value), 'the token is not in the JSON body');
    });

    it('ignores the token under a name without the prefix (cookie tossing)', async () => {
      const client = new TestClient(baseUrl, publicUrl);
      await client.post('/sign-in', { email, password: strongPassword });
      const token = client.cookies.get('__Host-latch_session')!;
      assert.equal((await new TestClient(baseUrl, publicUrl).get('/me', { headers: { cookie: `__Host-latch_session=${token}` } })).status, 200);
      assert.equal((await new TestClient(baseUrl, publicUrl).get('/me', { headers: { cookie: `latch_session=${token}` } })).status, 401);
    });

    it('does not accept the session token from the query string', async () => {
      const client = new TestClient(baseUrl, publicUrl);
      await client.post('/sign-in', { email, password: strongPassword });
      const token = client.cookies.get('__Host-latch_session')!;
      for (const name of ['session', 'token', '__Host-latch_session', 'access_token']) {
        assert.equal((await new TestClient(baseUrl, publicUrl).get(`/me?${name}=${token}`)).status, 401, name);
      }
    });
  });
}
