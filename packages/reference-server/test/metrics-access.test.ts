import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type SmtpSink } from '@latch/server-sdk/testing';
import { startTestServer } from './helpers.js';

let mail: SmtpSink;
let production: NodeJS.ProcessEnv;
const token = 'metrics-token-0123456789abcdef';

describe('who may read /metrics', () => {
  before(async () => {
    mail = await startSmtpSink();
    production = { NODE_ENV: 'production', LATCH_SECRET: 'production-secret-that-is-long-enough-0123', SMTP_URL: mail.url };
  });
  after(() => mail.close());

  it('IV-9: production serves no public /metrics without METRICS_TOKEN or METRICS_PORT', async () => {
    const s = await startTestServer('pglite', production);
    try {
      const res = await fetch(`${s.url}/metrics`);
      assert.equal(res.status, 404);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
      assert.doesNotMatch(await res.text(), /latch_http_requests_total/);
    } finally { await s.close(); }
  });

  it('IV-9: with METRICS_TOKEN, /metrics answers only to that bearer token', async () => {
    const s = await startTestServer('pglite', { ...production, METRICS_TOKEN: token });
    try {
      const anonymous = await fetch(`${s.url}/metrics`);
      assert.equal(anonymous.status, 401);
      assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.doesNotMatch(await anonymous.text(), /latch_http_requests_total/);
      assert.equal((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status, 401);
      const allowed = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(allowed.status, 200);
      assert.match(await allowed.text(), /latch_http_requests_total/);
    } finally { await s.close(); }
  });

  it('IV-9: with METRICS_PORT, /metrics moves to its own loopback listener', async () => {
    const s = await startTestServer('pglite', { ...production, METRICS_PORT: '0' });
    try {
      assert.equal((await fetch(`${s.url}/metrics`)).status, 404, 'not on the public listener');
      const metricsUrl = s.running.metricsUrl;
      assert.ok(metricsUrl?.startsWith('http://127.0.0.1:'), String(metricsUrl));
      const res = await fetch(`${metricsUrl}/metrics`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /latch_http_requests_total|process_cpu/);
      assert.equal((await fetch(`${metricsUrl}/healthz`)).status, 404, 'the metrics listener serves metrics only');
    } finally { await s.close(); }
  });

  it('refuses a METRICS_TOKEN that is too short to be a secret', async () => {
    await assert.rejects(startTestServer('pglite', { ...production, METRICS_TOKEN: 'short' }), /METRICS_TOKEN must be at least 16 bytes/);
  });
});
