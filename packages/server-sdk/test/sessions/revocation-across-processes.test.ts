import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, TestClient, type TestServer } from '@latch/server-sdk/testing';

/**
 * Polls until `check` is true, or fails after `limitMs`. The limits stay well below the 30 s the
 * other process would cache a session without the revocation bus, so passing shows the bus
 * delivered; they are no latency claim (a busy machine may take a while).
 */
async function eventually(limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started <= limitMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`not within ${limitMs} ms`);
}

describe('revocation reaching another server process on postgres', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await createTestServer({ database: 'postgres' });
    // Both processes drain the one outbox: let them deliver to the same mailbox.
    b = await createTestServer({ database: 'postgres', reuseDatabase: a.database, config: { mail: { smtpUrl: a.mail.url } } });
  });
  after(async () => { await b?.close(); await a?.close(); });

  /** The same browser (cookie jar) talking to server B. */
  const onB = (client: TestClient) => {
    const twin = new TestClient(b.baseUrl, b.origin);
    for (const [k, v] of client.cookies) twin.cookies.set(k, v);
    return twin;
  };

  it('drops a session revoked on A from B\'s cache through the bus, not by expiry', async () => {
    const { client, email, password } = await a.signedInUser();
    const other = a.client();
    await other.post('/sign-in', { email, password });
    const twin = onB(other);
    assert.equal((await twin.get('/me')).status, 200, 'B validated (and cached) the session');
    assert.equal((await twin.get('/me')).status, 200);

    const id = (await other.get('/me')).body.session.id;
    assert.equal((await client.delete(`/me/sessions/${id}`)).status, 204);
    await eventually(15_000, async () => (await twin.get('/me')).status === 401);
  });

  it('drops sessions ended by a sign-out and by a password change on A', async () => {
    const { client, email, password } = await a.signedInUser();
    const other = a.client();
    await other.post('/sign-in', { email, password });
    const twinSelf = onB(client);
    const twinOther = onB(other);
    assert.equal((await twinOther.get('/me')).status, 200);
    assert.equal((await twinSelf.get('/me')).status, 200);

    assert.equal((await client.post('/me/password', { currentPassword: password, newPassword: 'nebula-orchard-compass-9' })).status, 204);
    await eventually(15_000, async () => (await twinOther.get('/me')).status === 401);
    assert.equal((await twinSelf.get('/me')).status, 200, 'the session that changed the password stays');

    assert.equal((await client.post('/sign-out')).status, 204);
    await eventually(15_000, async () => (await twinSelf.get('/me')).status === 401);
  });

  it('applies a profile change made on A to B\'s cached user', async () => {
    const { client } = await a.signedInUser();
    const twin = onB(client);
    assert.equal((await twin.get('/me')).body.user.displayName, 'Test User');
    assert.equal((await client.patch('/me', { displayName: 'Renamed On A' })).status, 200);
    await eventually(15_000, async () => (await twin.get('/me')).body.user.displayName === 'Renamed On A');
  });

  it('keeps delivering revocations after the listening connections were cut', async () => {
    const { client, email, password } = await a.signedInUser();
    const other = a.client();
    await other.post('/sign-in', { email, password });
    const twin = onB(other);
    const db = a.latch.database.knex;
    const listeners = async () => (await db.raw(`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen %'`)).rows as Array<{ pid: number }>;
    const before = await listeners();
    assert.equal(before.length, 2, 'one listening connection per process');
    await db.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen %'`);
    await eventually(15_000, async () => {
      const now = await listeners();
      return now.length === 2 && now.every((l) => !before.some((b) => b.pid === l.pid));
    });
    assert.equal((await twin.get('/me')).status, 200, 'B caches the session again');
    const id = (await other.get('/me')).body.session.id;
    assert.equal((await client.delete(`/me/sessions/${id}`)).status, 204);
    await eventually(15_000, async () => (await twin.get('/me')).status === 401);
  });

  it('shares rate limits between the processes', async () => {
    const { email } = await a.signedInUser();
    // The failure limit per email is 10 per 15 minutes: 5 failures on each server reach it together.
    for (let i = 0; i < 5; i++) {
      assert.equal((await a.client().post('/sign-in', { email, password: `wrong-password-${i}-a` })).status, 401);
      assert.equal((await b.client().post('/sign-in', { email, password: `wrong-password-${i}-b` })).status, 401);
    }
    const blocked = await b.client().post('/sign-in', { email, password: 'wrong-password-final' });
    assert.equal(blocked.status, 429);
  });
});
