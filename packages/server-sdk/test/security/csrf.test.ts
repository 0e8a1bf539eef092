import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, TestClient, type TestServer } from '@latch/server-sdk/testing';

const evil = 'https://evil.example';
const trusted = 'https://app.example.com';

for (const kind of testDatabaseKinds()) {
  describe(`CSRF protection on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind, config: { security: { trustedOrigins: [trusted] } } }); });
    after(() => t.close());

    /** A client that sends the victim's cookie from another origin (or none). */
    function forger(victim: TestClient, origin: string | null): TestClient {
      const c = new TestClient(t.baseUrl, origin);
      for (const [k, v] of victim.cookies) c.cookies.set(k, v);
      return c;
    }

    const writes = (password: string): Array<[string, string, unknown?]> => [
      ['PATCH', '/me', { displayName: 'Forged Name' }],
      ['POST', '/me/password', { currentPassword: password, newPassword: 'forged-new-password-123' }],
      ['POST', '/me/email', { newEmail: 'forged@example.com', password }],
      ['DELETE', '/me/sessions'],
      ['POST', '/sign-out'],
    ];

    it('refuses cookie-authenticated writes from a foreign Origin with 403 csrf_rejected', async () => {
      const { client, password } = await t.signedInUser();
      const other = forger(client, evil);
      for (const [method, path, body] of writes(password)) {
        const r = await other.request(method, path, { body });
        assert.equal(r.status, 403, `${method} ${path}`);
        assert.equal(r.body.code, 'csrf_rejected');
        assert.equal(r.headers.get('content-type'), 'application/problem+json');
      }
      const me = await client.get('/me');
      assert.equal(me.status, 200, 'still signed in');
      assert.equal(me.body.user.displayName, 'Test User', 'nothing changed');
    });

    it('refuses cookie-authenticated writes without Origin and Referer, and with Origin null', async () => {
      const { client, password } = await t.signedInUser();
      for (const origin of [null, 'null']) {
        for (const [method, path, body] of writes(password)) {
          const r = await forger(client, origin).request(method, path, { body });
          assert.equal(r.status, 403, `${origin} ${method} ${path}`);
          assert.equal(r.body.code, 'csrf_rejected');
        }
      }
      assert.equal((await client.get('/me')).status, 200);
    });

    it('accepts a same-origin Referer when Origin is missing, and refuses a foreign one', async () => {
      const { client } = await t.signedInUser();
      const bare = forger(client, null);
      const foreign = await bare.patch('/me', { displayName: 'Via Foreign Referer' }, { headers: { referer: `${evil}/page` } });
      assert.equal(foreign.status, 403);
      const same = await bare.patch('/me', { displayName: 'Via Referer' }, { headers: { referer: `${t.origin}/settings` } });
      assert.equal(same.status, 200);
    });

    it('accepts a configured trusted origin', async () => {
      const { client } = await t.signedInUser();
      const r = await forger(client, trusted).patch('/me', { displayName: 'From Trusted App' });
      assert.equal(r.status, 200);
    });

    it('refuses a cross-origin sign-in and sign-up, and sets no cookie', async () => {
      const { email, password } = await t.signedInUser();
      const attacker = new TestClient(t.baseUrl, evil);
      const signIn = await attacker.post('/sign-in', { email, password });
      assert.equal(signIn.status, 403);
      assert.equal(signIn.body.code, 'csrf_rejected');
      assert.equal(signIn.setCookies.length, 0);
      const signUp = await attacker.post('/sign-up', { email: `csrf.${Date.now()}@example.com`, password: strongPassword });
      assert.equal(signUp.status, 403);
      const form = await attacker.request('POST', '/sign-in', { raw: `email=${encodeURIComponent(email)}&password=${password}`, contentType: 'application/x-www-form-urlencoded' });
      assert.ok(form.status === 403 || form.status === 415, String(form.status));
      assert.equal(form.setCookies.length, 0);
    });

    it('does not change state on GET', async () => {
      const { client } = await t.signedInUser();
      const r = await client.get('/sign-out');
      assert.equal(r.status, 405);
      assert.equal(r.headers.get('allow'), 'POST');
      assert.equal((await client.get('/me')).status, 200);
    });
  });
}
