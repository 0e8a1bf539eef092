import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '@latch/server-sdk';
import { signUpAndSignIn, startSmtpSink, TestClient, type SmtpSink } from '@latch/server-sdk/testing';
import { startServer } from '../src/server.js';

const email = 'node-http-example@example.com';
const password = 'violet-harbor-engine-42';

describe('the node:http example app', () => {
  let app: Awaited<ReturnType<typeof startServer>>;
  let mail: SmtpSink;
  let browser: TestClient;

  before(async () => {
    mail = await startSmtpSink();
    app = await startServer({
      port: 0,
      latch: {
        secret: 'example-secret-that-is-long-enough-0123456789',
        logger: silentLogger,
        mail: { smtpUrl: mail.url },
        passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      },
    });
    browser = new TestClient(app.origin, app.origin);
  });
  after(async () => {
    await app?.close();
    await mail?.close();
  });

  it('keeps its public route public and refuses the protected one without a session', async () => {
    assert.equal((await browser.get('/')).status, 200);
    const anonymous = await browser.get('/api/profile');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.code, 'unauthenticated');
  });

  it('signs up, verifies through the emailed link, signs in and reaches the protected route', async () => {
    const { client } = await signUpAndSignIn(`${app.origin}/auth`, mail, { email, password, displayName: 'Node User' });
    const profile = await client.get('/api/profile');
    assert.equal(profile.status, 200, profile.text);
    assert.deepEqual(profile.body, { hello: 'Node User', email, via: 'session' });
  });

  it('leaves every path outside /auth to the host app', async () => {
    const outside = await browser.get('/config');
    assert.equal(outside.status, 404);
    assert.deepEqual(outside.body, { error: 'not found' }, "the host's own 404, not Latch's API");
    assert.equal((await browser.get('/auth/config')).status, 200);
  });
});
