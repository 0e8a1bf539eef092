import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, TestClient, type TestServer } from '@latch/server-sdk/testing';
import { organization, person } from './helpers.js';

/**
 * Polls `check` for at most `limitMs`. The bound is far below the 30 s another process would
 * keep a cached membership without the revocation bus, so passing shows the bus delivered; it is
 * no latency claim.
 */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const started = Date.now();
  do {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  } while (Date.now() - started <= limitMs);
  return check();
}

describe('a membership change reaching another server process on postgres', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let a: TestServer;
  let b: TestServer;
  before(async () => {
    a = await createTestServer({ database: 'postgres' });
    b = await createTestServer({ database: 'postgres', reuseDatabase: a.database, clock: a.clock, config: { mail: { smtpUrl: a.mail.url } } });
  });
  after(async () => { await b?.close(); await a?.close(); });

  /** The same browser (cookie jar) talking to server B. */
  const onB = (client: TestClient) => {
    const twin = new TestClient(b.baseUrl, b.origin);
    for (const [k, v] of client.cookies) twin.cookies.set(k, v);
    return twin;
  };

  it('removes a member on A and B stops granting the organization: session, GET /me, requireAuth', async () => {
    const owner = await person(a, 'Olive Owner');
    const member = await person(a, 'Rita Remote');
    const orgId = await organization(a, owner, [[member, 'manager']]);
    assert.equal((await member.client.post('/me/active-organization', { organizationId: orgId })).status, 200);
    const twin = onB(member.client);
    const hostRequest = { method: 'GET', headers: { cookie: [...twin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, remoteAddress: '127.0.0.1' };
    // B has checked (and cached) the membership through every path.
    assert.equal((await twin.get('/me')).body.activeOrganization?.id, orgId);
    assert.equal((await twin.get(`/orgs/${orgId}`)).status, 200);
    assert.equal((await b.latch.handler.identify(hostRequest, { permission: 'members:write' })).organization?.id, orgId);

    assert.equal((await owner.client.delete(`/orgs/${orgId}/members/${member.id}`)).status, 204);
    const lost = await within(1000, async () => (await twin.get('/me')).body.activeOrganization === null);
    assert.ok(lost, 'B no longer shows the organization on GET /me');
    assert.equal((await twin.get(`/orgs/${orgId}`)).status, 404);
    await assert.rejects(b.latch.handler.identify(hostRequest, { permission: 'members:write' }), (e: { code?: string }) => e.code === 'forbidden');
  });

  it('demotes a member on A and B judges the new role', async () => {
    const owner = await person(a, 'Olive Owner');
    const member = await person(a, 'Dan Demoted');
    const orgId = await organization(a, owner, [[member, 'admin']]);
    await member.client.post('/me/active-organization', { organizationId: orgId });
    const twin = onB(member.client);
    assert.equal((await twin.get(`/orgs/${orgId}`)).body.role, 'admin');
    assert.equal((await owner.client.patch(`/orgs/${orgId}/members/${member.id}`, { role: 'viewer' })).status, 200);
    assert.ok(await within(1000, async () => (await twin.get(`/orgs/${orgId}`)).body.role === 'viewer'), 'B sees the new role');
    assert.equal((await twin.post(`/orgs/${orgId}/invitations`, { email: 'x@example.com', role: 'viewer' })).status, 403);
  });
});
