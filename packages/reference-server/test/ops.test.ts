import assert from 'node:assert/strict';
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
      assert.match(text, /latch_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/sign-in"\}/);
      assert.match(text, /latch_sign_ins_total\{outcome="invalid_credentials"\} 1/);
      assert.match(text, /latch_emails_sent_total \d+/);
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
