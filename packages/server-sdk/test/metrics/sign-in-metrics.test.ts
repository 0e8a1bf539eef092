import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { enableTotp, otpauthCode, signInPending } from '../two-factor/helpers.js';

/** `latch_sign_ins_total` by `step/outcome`, read from the rendered text. */
async function signIns(t: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await t.latch.metrics().render()).split('\n')) {
    const m = /^latch_sign_ins_total\{step="([a-z_]+)",outcome="([a-z_]+)"\} (\d+)$/.exec(line);
    if (m) out[`${m[1]}/${m[2]}`] = Number(m[3]);
  }
  return out;
}

for (const kind of testDatabaseKinds()) {
  describe(`sign-in metrics on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('counts each sign-in once: the password step that asks for a code is not a success, a wrong code is a failure', async () => {
      const { client, email, password } = await t.signedInUser();
      const { secret } = await enableTotp(t, client, password);
      t.clock.advance(10 * 60_000);
      const before = await signIns(t);
      const pending = await signInPending(t, email, password);
      const wrong = otpauthCode(secret, t.clock.now(), 5);
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: wrong })).status, 400);
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(secret, t.clock.now()) })).status, 200);
      assert.equal((await t.client().post('/sign-in', { email, password: 'not-the-password-at-all' })).status, 401);
      const after = await signIns(t);
      const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
      assert.equal(delta('password/second_factor_required'), 1);
      assert.equal(delta('password/ok'), 0, 'the password step alone is not a sign-in');
      assert.equal(delta('two_factor/failed'), 1, 'a wrong code');
      assert.equal(delta('two_factor/ok'), 1, 'the finished sign-in, once');
      assert.equal(delta('password/failed'), 1, 'a wrong password');
      assert.equal(Object.keys(after).filter((k) => k.endsWith('/error')).reduce((n, k) => n + after[k]!, 0), 0);
    });

    it('counts a password-only sign-in as ok, and exposes mail and request counters as counters', async () => {
      const { email, password } = await t.signedInUser();
      const before = await signIns(t);
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 200);
      assert.equal((await signIns(t))['password/ok']! - (before['password/ok'] ?? 0), 1);
      const text = await t.latch.metrics().render();
      assert.match(text, /^# TYPE latch_emails_sent_total counter$/m);
      assert.match(text, /^# TYPE latch_http_requests_total counter$/m);
      assert.match(text, /^latch_http_requests_total\{method="POST",route="\/sign-in",status="200"\} \d+$/m);
      assert.match(text, /^latch_http_request_duration_seconds_bucket\{method="POST",route="\/sign-in",le="\+Inf"\} \d+$/m);
      assert.doesNotMatch(text, /^# TYPE \S+_total gauge$/m);
      const families = await t.latch.metrics().snapshot();
      assert.ok(families.find((f) => f.name === 'latch_emails_queued_total')!.samples[0]!.value >= 1, 'the verification emails were queued');
    });
  });
}
