import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const secret = 'turnstile-test-secret-0000000000000AA';

/**
 * A local siteverify speaking Cloudflare's protocol: a form-encoded POST of `secret`, `response`
 * and `remoteip`, answered with `{ success, "error-codes" }`. Tokens it issued pass once; a spent
 * token answers `timeout-or-duplicate`; a wrong secret `invalid-input-secret`.
 */
interface FakeSiteverify {
  url: string;
  mode: 'normal' | 'down' | 'hang';
  acceptedSecret: string;
  calls: Array<{ contentType: string | undefined; form: URLSearchParams }>;
  issue(): string;
  close(): Promise<void>;
}

async function startSiteverify(): Promise<FakeSiteverify> {
  const issued = new Set<string>();
  const spent = new Set<string>();
  let counter = 0;
  const hanging: Array<() => void> = [];
  const fake: FakeSiteverify = {
    url: '', mode: 'normal', acceptedSecret: secret, calls: [],
    issue: () => { const token = `XXXX.DUMMY.TOKEN.${++counter}`; issued.add(token); return token; },
    close: () => new Promise<void>((resolve) => { for (const h of hanging) h(); server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { raw += chunk; });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      fake.calls.push({ contentType: req.headers['content-type'], form });
      if (fake.mode === 'down') { res.statusCode = 502; res.end('bad gateway'); return; }
      if (fake.mode === 'hang') { hanging.push(() => res.destroy()); return; }
      const answer = (success: boolean, codes: string[] = []) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ success, 'error-codes': codes, ...(success ? { challenge_ts: new Date().toISOString(), hostname: 'localhost' } : {}) }));
      };
      if (req.method !== 'POST' || !/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return answer(false, ['bad-request']);
      if (form.get('secret') !== fake.acceptedSecret) return answer(false, ['invalid-input-secret']);
      const token = form.get('response') ?? '';
      if (spent.has(token)) return answer(false, ['timeout-or-duplicate']);
      if (!issued.has(token)) return answer(false, ['invalid-input-response']);
      issued.delete(token);
      spent.add(token);
      answer(true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/turnstile/v0/siteverify`;
  return fake;
}

for (const kind of testDatabaseKinds()) {
  describe(`Turnstile on ${kind}`, () => {
    let t: TestServer;
    let siteverify: FakeSiteverify;
    let email: string;
    before(async () => {
      siteverify = await startSiteverify();
      t = await createTestServer({ database: kind, config: { turnstile: { secretKey: secret, siteKey: 'site-key', verifyUrl: siteverify.url, timeoutMs: 500 } } });
      email = uniqueEmail('human');
      await t.latch.provisionUser({ email, password: strongPassword });
    });
    after(async () => { await t.close(); await siteverify.close(); });

    const failedSignIns = async () => (await t.latch.storage.audit.search({ type: 'sign_in.failed', limit: 100 })).items.length;

    it('refuses a missing token with captcha_failed before any credential check', async () => {
      const callsBefore = siteverify.calls.length;
      const failuresBefore = await failedSignIns();
      for (const body of [{ email, password: 'wrong-password-here' }, { email, password: strongPassword }, { email, password: strongPassword, captchaToken: '' }]) {
        const r = await t.client().post('/sign-in', body);
        assert.equal(r.status, 400);
        assert.equal(r.body.code, 'captcha_failed');
        assert.equal(r.setCookies.length, 0);
      }
      assert.equal(siteverify.calls.length, callsBefore, 'siteverify is not even asked');
      assert.equal(await failedSignIns(), failuresBefore, 'no password was checked');
      for (const path of ['/sign-up', '/password/forgot']) {
        const r = await t.client().post(path, { email: uniqueEmail(), password: strongPassword });
        assert.equal(r.status, 400, path);
        assert.equal(r.body.code, 'captcha_failed');
      }
    });

    it('passes a valid token to siteverify as a form with secret, response and remoteip, and signs in', async () => {
      const token = siteverify.issue();
      const r = await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: token });
      assert.equal(r.status, 200, r.text);
      const call = siteverify.calls[siteverify.calls.length - 1]!;
      assert.match(call.contentType ?? '', /application\/x-www-form-urlencoded/);
      assert.equal(call.form.get('secret'), secret);
      assert.equal(call.form.get('response'), token);
      assert.equal(call.form.get('remoteip'), '127.0.0.1');
    });

    it('refuses a token siteverify rejects, and a spent one', async () => {
      const bogus = await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: 'made-up-token' });
      assert.equal(bogus.status, 400);
      assert.equal(bogus.body.code, 'captcha_failed');
      const token = siteverify.issue();
      assert.equal((await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: token })).status, 200);
      const replay = await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: token });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.code, 'captcha_failed');
    });

    it('refuses everything while the secret fails', async () => {
      siteverify.acceptedSecret = 'a-rotated-secret';
      try {
        const r = await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: siteverify.issue() });
        assert.equal(r.status, 400);
        assert.equal(r.body.code, 'captcha_failed');
        assert.equal(r.setCookies.length, 0);
      } finally {
        siteverify.acceptedSecret = secret;
      }
    });

    it('fails closed when siteverify is down or does not answer', async () => {
      for (const mode of ['down', 'hang'] as const) {
        siteverify.mode = mode;
        try {
          // A hanging siteverify would hang this request too (up to the test's own timeout): an answer at all shows the bound.
          const r = await t.client().post('/sign-in', { email, password: strongPassword, captchaToken: siteverify.issue() });
          assert.equal(r.status, 400, mode);
          assert.equal(r.body.code, 'captcha_failed');
          assert.equal(r.setCookies.length, 0);
        } finally {
          siteverify.mode = 'normal';
        }
      }
    });

    it('guards sign-up and forgot-password as well', async () => {
      const fresh = uniqueEmail('human-signup');
      assert.equal((await t.client().post('/sign-up', { email: fresh, password: strongPassword, captchaToken: siteverify.issue() })).status, 201);
      assert.equal((await t.client().post('/password/forgot', { email, captchaToken: siteverify.issue() })).status, 202);
      assert.equal((await t.client().post('/password/forgot', { email, captchaToken: 'made-up-token' })).status, 400);
      const config = await t.client().get('/config');
      assert.equal(config.body.turnstileSiteKey, 'site-key');
    });
  });
}
