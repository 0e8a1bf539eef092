import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startTestServer, testDatabaseKinds, type TestReferenceServer } from './helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`operations endpoints on ${kind}`, () => {
    let s: TestReferenceServer;
    before(async () => { s = await startTestServer(kind); });
    after(() => s.close());

    it('answers /healthz and /readyz', async () => {
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200);
      const ready = await fetch(`${s.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready' });
    });

    it('serves Prometheus metrics with per-route counts, sign-in outcomes and mail counters', async () => {
      await fetch(`${s.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-here' }) });
      const text = await (await fetch(`${s.url}/metrics`)).text();
      assert.match(text, /latch_http_requests_total\{method="POST",route="\/sign-in",status="401"\} 1/);
      assert.match(text, /latch_http_request_duration_seconds_bucket\{method="POST",route="\/sign-in",le="[^"]+"\}/);
      assert.match(text, /latch_sign_ins_total\{step="password",outcome="failed"\} 1/);
      assert.match(text, /^# TYPE latch_emails_sent_total counter\nlatch_emails_sent_total \d+$/m);
    });

    it('answers unknown paths and methods with problems and sends security headers', async () => {
      const missing = await fetch(`${s.url}/no-such-page`);
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get('content-type'), 'application/problem+json');
      assert.equal((await missing.json()).code, 'not_found');
      assert.equal(missing.headers.get('x-content-type-options'), 'nosniff');
      assert.match(missing.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      assert.equal(missing.headers.get('x-powered-by'), null);
      const trace = await fetch(`${s.url}/`, { method: 'TRACE' }).catch(() => null);
      if (trace) assert.equal(trace.status, 405);
    });

    it('gives its own problems every contract member, and 405 with Allow for a served path', async () => {
      const members = (body: Record<string, unknown>, code: string, status: number) => {
        assert.equal(body.code, code);
        assert.equal(body.status, status);
        assert.equal(body.type, `urn:latch:problem:${code}`);
        assert.equal(typeof body.title, 'string');
        assert.equal(typeof body.detail, 'string', JSON.stringify(body));
        assert.match(String(body.instance), /^urn:request:/);
      };
      const missing = await fetch(`${s.url}/no-such-page`);
      members(await missing.json(), 'not_found', 404);

      const trace = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = request(`${s.url}/healthz`, { method: 'TRACE' }, (res) => {
          let body = '';
          res.on('data', (d) => { body += d; });
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(trace.status, 405);
      assert.equal(trace.type, 'application/problem+json');
      members(JSON.parse(trace.body), 'method_not_allowed', 405);

      for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/.well-known/jwks.json', '/dev/mailbox', '/sign-in', '/components/latch.js']) {
        const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { origin: 'http://localhost:3000' } });
        assert.equal(res.status, 405, path);
        assert.equal(res.headers.get('content-type'), 'application/problem+json', path);
        assert.match(res.headers.get('allow') ?? '', /\bGET\b/, path);
        members(await res.json(), 'method_not_allowed', 405);
      }
    });

    it('answers authorized_keys as text/plain also when the user has no key', async () => {
      const email = `nokeys.${Date.now()}@example.com`;
      const password = 'violet-harbor-engine-42';
      const headers = { 'content-type': 'application/json', origin: 'http://localhost:3000' };
      await fetch(`${s.url}/auth/sign-up`, { method: 'POST', headers, body: JSON.stringify({ email, password }) });
      const box = await (await fetch(`${s.url}/dev/mailbox?format=json`)).json() as { items: Array<{ to: string; text: string }> };
      const token = /token=([\w-]+)/.exec(box.items.find((m) => m.to === email)!.text)![1];
      const verified = await fetch(`${s.url}/auth/verify-email`, { method: 'POST', headers, body: JSON.stringify({ token }) });
      assert.equal(verified.status, 200);
      const cookie = verified.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { user } = await verified.json() as { user: { id: string } };
      const keys = await fetch(`${s.url}/auth/users/${user.id}/authorized_keys`, { headers: { cookie } });
      assert.equal(keys.status, 200);
      assert.equal(keys.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.equal(await keys.text(), '');
    });

    it('serves the development mailbox while no SMTP server is configured', async () => {
      const email = `mailbox.${Date.now()}@example.com`;
      const signUp = await fetch(`${s.url}/auth/sign-up`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
        body: JSON.stringify({ email, password: 'violet-harbor-engine-42', displayName: 'Mailbox' }),
      });
      assert.equal(signUp.status, 201);
      const box = await (await fetch(`${s.url}/dev/mailbox?format=json`)).json() as { items: Array<{ to: string; text: string }> };
      const mail = box.items.find((m) => m.to === email);
      assert.ok(mail, 'the verification email is in the mailbox');
      assert.match(mail.text, /http:\/\/localhost:3000\/verify-email\?token=/);
      const html = await (await fetch(`${s.url}/dev/mailbox`)).text();
      assert.match(html, /Development mailbox/);
    });

    it('serves the OpenAPI document built from the routes', async () => {
      const doc = await (await fetch(`${s.url}/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/sign-up', '/sign-in', '/me', '/me/sessions/{id}', '/password/reset']) assert.ok(doc.paths[path], path);
    });

    it('reports 503 on /readyz when the database is gone', async () => {
      const other = await startTestServer(kind);
      try {
        await other.running.latch.database.knex.destroy();
        const ready = await fetch(`${other.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.equal((await ready.json()).code, 'service_unavailable');
      } finally {
        // Closing stops the mail worker, which would otherwise keep polling the dead pool.
        await other.close().catch(() => {});
      }
    });
  });
}

describe('production settings', () => {
  it('hides the development mailbox when SMTP is configured', async () => {
    const s = await startTestServer('pglite', { SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      assert.equal((await fetch(`${s.url}/dev/mailbox`)).status, 404);
    } finally {
      await s.close();
    }
  });
});
