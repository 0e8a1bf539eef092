import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, type TestResponse, type TestServer } from '@latch/server-sdk/testing';

const leaks = /\bat [\w.<>]+ \(|\.ts:\d|node_modules|knex|select |insert into|constraint|violates|pg_|syntax error|stack/i;

/** Checks an error answer: RFC 9457 body with the contract's members, its status, no internals. */
function assertProblem(r: TestResponse, status: number, code: string) {
  assert.equal(r.status, status, `${code}: ${r.text}`);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.equal(typeof r.body, 'object');
  for (const member of ['type', 'title', 'status', 'code']) assert.ok(member in r.body, `${code} has ${member}`);
  assert.equal(r.body.status, status);
  assert.equal(r.body.code, code);
  assert.equal(r.body.type, `urn:latch:problem:${code}`);
  assert.doesNotMatch(r.text, leaks);
}

for (const kind of testDatabaseKinds()) {
  describe(`HTTP conventions on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('IV-3: a JSON null (or array, string, number) body is 422 also where every field is optional', async () => {
      const { client } = await t.signedInUser();
      for (const raw of ['null', '[]', '"text"', '7']) {
        const token = await client.request('POST', '/token', { raw, contentType: 'application/json' });
        assertProblem(token, 422, 'validation_failed');
        assert.equal(token.body.accessToken, undefined, `no token minted for ${raw}`);
        assertProblem(await client.request('PATCH', '/me', { raw, contentType: 'application/json' }), 422, 'validation_failed');
      }
      assert.equal((await client.post('/token')).status, 200, 'an absent body still stands for {}');
    });

    it('answers a text/plain body with 415', async () => {
      const r = await t.client().request('POST', '/sign-in', { raw: JSON.stringify({ email: 'a@example.com', password: 'x' }), contentType: 'text/plain' });
      assertProblem(r, 415, 'unsupported_media_type');
      const form = await t.client().request('POST', '/sign-up', { raw: 'email=a%40example.com', contentType: 'application/x-www-form-urlencoded' });
      assertProblem(form, 415, 'unsupported_media_type');
    });

    it('answers a body over 64 KiB with 413, with or without Content-Length', async () => {
      const big = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(65 * 1024) });
      assertProblem(await t.client().request('POST', '/sign-in', { raw: big, contentType: 'application/json' }), 413, 'payload_too_large');
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream({ start(controller) { controller.enqueue(bytes.slice(0, 40_000)); controller.enqueue(bytes.slice(40_000)); controller.close(); } });
      const chunked = await fetch(`${t.baseUrl}/sign-in`, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-type': 'application/json', origin: t.origin } } as RequestInit);
      assert.equal(chunked.status, 413);
      assert.equal(chunked.headers.get('content-type'), 'application/problem+json');
      assert.equal(((await chunked.json()) as { code: string }).code, 'payload_too_large');
      const exactly = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(64 * 1024 - 40) });
      assert.ok(Buffer.byteLength(exactly) <= 64 * 1024);
      const ok = await t.client().request('POST', '/sign-in', { raw: exactly, contentType: 'application/json' });
      assert.notEqual(ok.status, 413, 'up to 64 KiB is read');
    });

    it('answers malformed JSON with 400 bad_request', async () => {
      for (const raw of ['{"email":', '{email: 1}', "{'a':1}", '\u0000']) {
        assertProblem(await t.client().request('POST', '/sign-in', { raw, contentType: 'application/json' }), 400, 'bad_request');
      }
    });

    it('answers wrong types with 422 and errors[], never 200 or 500', async () => {
      for (const password of [['a'], { $ne: '' }, null, 12345678, true]) {
        const r = await t.client().post('/sign-in', { email: 'someone@example.com', password });
        assertProblem(r, 422, 'validation_failed');
        assert.ok(Array.isArray(r.body.errors) && r.body.errors.length > 0);
        const error = r.body.errors.find((e: { field: string }) => e.field === 'password');
        assert.ok(error && typeof error.code === 'string' && typeof error.message === 'string', JSON.stringify(r.body.errors));
      }
      const missing = await t.client().post('/sign-in', {});
      assertProblem(missing, 422, 'validation_failed');
      assert.deepEqual(missing.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]).sort(), [['email', 'required'], ['password', 'required']]);
      for (const body of [[], 'text', 1e308, null]) {
        const r = await t.client().request('POST', '/sign-in', { raw: JSON.stringify(body), contentType: 'application/json' });
        assertProblem(r, 422, 'validation_failed');
      }
    });

    it('ignores unknown fields', async () => {
      const { email, password } = await t.signedInUser();
      const r = await t.client().post('/sign-in', { email, password, rememberMe: true, extra: { nested: [1, 2] } });
      assert.equal(r.status, 200);
    });

    it('answers unknown paths with 404 and wrong methods with 405 and Allow', async () => {
      assertProblem(await t.client().get('/nope'), 404, 'not_found');
      assertProblem(await t.client().post('/me/nope', {}), 404, 'not_found');
      const wrong = await t.client().get('/sign-in');
      assertProblem(wrong, 405, 'method_not_allowed');
      assert.equal(wrong.headers.get('allow'), 'POST');
      const me = await t.client().request('PUT', '/me', { body: {} });
      assertProblem(me, 405, 'method_not_allowed');
      assert.deepEqual(me.headers.get('allow')!.split(', ').sort(), ['GET', 'PATCH']);
      assert.ok(!('allow' in me.body), 'Allow is a header, not a body member');
    });

    it('answers every error as a problem with type, title, status and code and no internals', async () => {
      const { client } = await t.signedInUser();
      const cases: Array<[Promise<TestResponse>, number, string]> = [
        [t.client().get('/me'), 401, 'unauthenticated'],
        [t.client().post('/sign-in', { email: 'nobody@example.com', password: 'wrong-password' }), 401, 'invalid_credentials'],
        [t.client().post('/verify-email', { token: 'x' }), 400, 'invalid_token'],
        [client.delete('/me/sessions/00000000-0000-4000-8000-000000000000'), 404, 'not_found'],
        [client.get('/admin/users'), 403, 'forbidden'],
        [t.client().post('/sign-up', { email: 'x@example.com', password: 'password1234' }), 422, 'weak_password'],
        [t.client().get('/me', { headers: { authorization: 'Basic abc' } }), 401, 'unauthenticated'],
        [t.client().get('/me', { headers: { authorization: 'Bearer not-a-real-token' } }), 401, 'unauthenticated'],
      ];
      for (const [pending, status, code] of cases) {
        const r = await pending;
        assertProblem(r, status, code);
        assert.match(r.body.instance, /^urn:request:/);
        assert.equal(r.headers.get('cache-control'), 'no-store');
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      }
    });

    it('echoes a safe X-Request-Id in the header and the problem instance', async () => {
      const r = await t.client().get('/me', { headers: { 'x-request-id': 'trace-123' } });
      assert.equal(r.headers.get('x-request-id'), 'trace-123');
      assert.equal(r.body.instance, 'urn:request:trace-123');
      const forged = await t.client().get('/me', { headers: { 'x-request-id': 'bad id; injected' } });
      assert.match(forged.headers.get('x-request-id')!, /^[0-9a-f-]{36}$/, 'an unsafe id is replaced');
    });

    it('answers hostile input with 4xx, never 500', async () => {
      const { client } = await t.signedInUser();
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      const inputs: Array<Promise<TestResponse>> = [
        t.client().request('POST', '/sign-in', { raw: deep, contentType: 'application/json' }),
        t.client().post('/sign-up', { email: 'nul\u0000@example.com', password: strongPassword }),
        t.client().post('/sign-in', { email: 'nul@example.com', password: 'pass\u0000word-123' }),
        t.client().post('/verify-email', { token: '\u0000' }),
        client.patch('/me', { displayName: 'bad\u0000name' }),
        client.get('/me/activity?cursor=AA'),
        client.get('/me/activity?cursor=%00&limit=5'),
        client.get('/me/activity?limit=1e309'),
        client.delete("/me/sessions/1' OR '1'='1"),
        client.delete('/me/sessions/%E0%A4%A'),
        client.delete('/me/sessions/%'),
        t.client().post('/sign-in', { email: "' OR 1=1--@example.com", password: strongPassword }),
      ];
      for (const r of await Promise.all(inputs)) {
        assert.ok(r.status >= 200 && r.status < 500, `${r.status} ${r.text}`);
        assert.doesNotMatch(r.text, leaks);
      }
      assert.equal((await client.get('/me')).status, 200, 'the server is healthy');
    });

    it('serves the OpenAPI 3.1 document generated from the routes', async () => {
      const r = await t.client().get('/openapi.json');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /application\/json/);
      assert.equal(r.body.openapi, '3.1.0');
      for (const path of ['/sign-up', '/sign-in', '/me', '/me/sessions/{id}', '/password/reset', '/admin/users', '/admin/users/{id}', '/openapi.json']) {
        assert.ok(r.body.paths[path], path);
      }
      const signIn = r.body.paths['/sign-in'].post;
      assert.ok(signIn.requestBody.content['application/json'].schema.properties.password);
      assert.ok(signIn.responses['401'].description.includes('invalid_credentials'));
      assert.equal(r.body.servers[0].url, `${t.origin}/auth`);
    });
  });
}
