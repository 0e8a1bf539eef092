import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const isReset = (m: { text: string }) => m.text.includes('/reset-password?token=');

/** A raw HTTP POST, so the `Host` header can be anything (fetch does not allow setting it). */
function rawPost(url: string, path: string, body: unknown, headers: Record<string, string>): Promise<number> {
  const target = new URL(url + path);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end(data);
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`forgot and reset password on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    async function resetLink(email: string, previous = 0): Promise<string> {
      const forgot = await t.client().post('/password/forgot', { email });
      assert.equal(forgot.status, 202);
      const mail = await t.mail.waitFor(email, (m) => isReset(m) && t.mail.for(email).filter(isReset).indexOf(m) >= previous);
      return tokenIn(mail, '/reset-password');
    }

    it('answers known and unknown addresses with the same 202 and body', async () => {
      const { email } = await t.signedInUser();
      const known = await t.client().post('/password/forgot', { email });
      const unknown = await t.client().post('/password/forgot', { email: uniqueEmail('nobody') });
      assert.equal(known.status, 202);
      assert.equal(unknown.status, 202);
      assert.equal(known.text, unknown.text);
      const headerNames = (h: Headers) => [...h.keys()].filter((k) => !['date', 'x-request-id'].includes(k)).sort();
      assert.deepEqual(headerNames(known.headers), headerNames(unknown.headers));
      assert.equal(known.setCookies.length, 0);
      assert.equal(unknown.setCookies.length, 0);
    });

    it('changes nothing until the link is used: the old password keeps working', async () => {
      const { email, password } = await t.signedInUser();
      await resetLink(email);
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 200);
    });

    it('sets the new password with a single-use link, does not sign in, and mails a notice', async () => {
      const { email, password } = await t.signedInUser();
      const token = await resetLink(email);
      const client = t.client();
      const r = await client.post('/password/reset', { token, newPassword: 'harvest-comet-bridge-19' });
      assert.equal(r.status, 204);
      assert.equal(r.setCookies.filter((c) => c.startsWith('latch_session=') && !/Max-Age=0/.test(c)).length, 0, 'reset does not sign in');
      assert.equal((await client.get('/me')).status, 401);

      const again = await t.client().post('/password/reset', { token, newPassword: 'another-harvest-comet-20' });
      assert.equal(again.status, 400);
      assert.equal(again.body.code, 'invalid_token');

      await t.mail.waitFor(email, (m) => /password was changed/i.test(m.subject) && /reset/.test(m.text));
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 401);
      assert.equal((await t.client().post('/sign-in', { email, password: 'harvest-comet-bridge-19' })).status, 200);
    });

    it('revokes every session of the user', async () => {
      const { client, email, password } = await t.signedInUser();
      const other = t.client();
      await other.post('/sign-in', { email, password });
      const token = await resetLink(email);
      assert.equal((await t.client().post('/password/reset', { token, newPassword: 'meadow-falcon-quartz-88' })).status, 204);
      assert.equal((await client.get('/me')).status, 401);
      assert.equal((await other.get('/me')).status, 401);
    });

    it('expires the link within an hour', async () => {
      const { email } = await t.signedInUser();
      const late = await resetLink(email);
      t.clock.advance(60 * 60_000 + 1000);
      const r = await t.client().post('/password/reset', { token: late, newPassword: 'twilight-marble-canyon-4' });
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'invalid_token');

      const fresh = await resetLink(email, 1);
      t.clock.advance(59 * 60_000);
      assert.equal((await t.client().post('/password/reset', { token: fresh, newPassword: 'twilight-marble-canyon-4' })).status, 204);
    });

    it('voids an older link when a newer one is sent', async () => {
      const { email } = await t.signedInUser();
      const older = await resetLink(email);
      const newer = await resetLink(email, 1);
      assert.notEqual(older, newer);
      const r = await t.client().post('/password/reset', { token: older, newPassword: 'velvet-harbor-lantern-6' });
      assert.equal(r.status, 400);
      assert.equal((await t.client().post('/password/reset', { token: newer, newPassword: 'velvet-harbor-lantern-6' })).status, 204);
    });

    it('lets exactly one of two parallel resets with one token win', async () => {
      const { email } = await t.signedInUser();
      const token = await resetLink(email);
      const results = await Promise.all([
        t.client().post('/password/reset', { token, newPassword: 'first-winner-pelican-71' }),
        t.client().post('/password/reset', { token, newPassword: 'second-winner-pelican-72' }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), [204, 400]);
      const winner = results[0]!.status === 204 ? 'first-winner-pelican-71' : 'second-winner-pelican-72';
      const loser = results[0]!.status === 204 ? 'second-winner-pelican-72' : 'first-winner-pelican-71';
      assert.equal((await t.client().post('/sign-in', { email, password: winner })).status, 200);
      assert.equal((await t.client().post('/sign-in', { email, password: loser })).status, 401);
      await t.mail.waitFor(email, (m) => /password was changed/i.test(m.subject));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(t.mail.for(email).filter((m) => /password was changed/i.test(m.subject)).length, 1, 'one notice: the loser queued nothing');
    });

    it('builds links from the configured public URL, whatever Host and X-Forwarded-Host say', async () => {
      const { email } = await t.signedInUser();
      const status = await rawPost(t.baseUrl, '/password/forgot', { email }, {
        host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', origin: t.origin,
      });
      assert.equal(status, 202);
      const mail = await t.mail.waitFor(email, isReset);
      const link = new URL(mail.text.match(/https?:\/\/\S+reset-password\S+/)![0]);
      assert.equal(link.origin, t.origin);
      assert.doesNotMatch(mail.text + mail.html, /evil\.example/);
    });

    it('accepts only reset tokens: a verification token or garbage is invalid_token', async () => {
      const email = uniqueEmail();
      await t.client().post('/sign-up', { email, password: strongPassword });
      const verifyToken = tokenIn(await t.mail.waitFor(email), '/verify-email');
      for (const token of [verifyToken, 'x', 'A'.repeat(43)]) {
        const r = await t.client().post('/password/reset', { token, newPassword: 'ocean-thistle-pilot-23' });
        assert.equal(r.status, 400);
        assert.equal(r.body.code, 'invalid_token');
      }
      assert.equal((await t.client().post('/verify-email', { token: verifyToken })).status, 200, 'the verification token is still good');
    });

    it('refuses a weak new password and leaves the link usable', async () => {
      const { email } = await t.signedInUser();
      const token = await resetLink(email);
      const weak = await t.client().post('/password/reset', { token, newPassword: 'password1234' });
      assert.equal(weak.status, 422);
      assert.equal(weak.body.code, 'weak_password');
      assert.equal((await t.client().post('/password/reset', { token, newPassword: 'juniper-skyline-atlas-12' })).status, 204);
    });
  });
}
