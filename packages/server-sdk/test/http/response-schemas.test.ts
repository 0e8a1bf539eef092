import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import {
  createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestClient, type TestResponse, type TestServer,
} from '@latch/server-sdk/testing';
import type { AnyRoute } from '../../src/core/route.js';
import { otpauthCode } from '../two-factor/helpers.js';

const sshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl schema@latch';

/** The route a request went to, found the way the handler matches it. */
function routeOf(routes: readonly AnyRoute[], method: string, path: string): AnyRoute {
  const bare = path.split('?')[0]!;
  const route = routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(bare));
  assert.ok(route, `no route for ${method} ${bare}`);
  return route;
}

/**
 * Every real answer below is checked against the `response` schema of the route that gave it:
 * the schema accepts it, and parsing (which drops undeclared members) gives back the very same
 * value, so an answer has no field the schema (and so OpenAPI and the components' types) leaves out.
 */
for (const kind of testDatabaseKinds()) {
  describe(`success answers match their route's response schema on ${kind}`, () => {
    let t: TestServer;
    let routes: readonly AnyRoute[];
    const checked = new Set<AnyRoute>();

    /** Sends a request and checks the 2xx answer against its route's schema; returns the body. */
    async function call(client: TestClient, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>) {
      const res: TestResponse = await client.request(method, path, { body, headers });
      assert.ok(res.status >= 200 && res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
      const route = routeOf(routes, method, path);
      checked.add(route);
      if (route.textResponse) {
        assert.match(res.headers.get('content-type') ?? '', /^text\/plain/, `${method} ${path} answers text`);
        return res.body;
      }
      assert.ok(route.response, `${method} ${route.path} declares a response schema`);
      const parsed = (route.response as z.ZodType).safeParse(res.body);
      assert.ok(parsed.success, `${method} ${route.path}: ${parsed.success ? '' : parsed.error.message}\n${res.text}`);
      assert.deepEqual(parsed.data, res.body, `${method} ${route.path} answers only declared fields`);
      return res.body;
    }

    before(async () => {
      t = await createTestServer({ database: kind });
      routes = t.latch.handler.routes;
    });
    after(() => t.close());

    it('gives every route that answers JSON a response schema', () => {
      const missing = routes
        .filter((r) => !r.response && !r.textResponse && Object.keys(r.responses).some((status) => status !== '204'))
        .map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(missing, []);
      const needless = routes.filter((r) => r.response && Object.keys(r.responses).every((status) => status === '204')).map((r) => `${r.method} ${r.path}`);
      assert.deepEqual(needless, [], '204-only routes have no body to describe');
    });

    it('matches on sign-up, verification, sign-in with a second factor, /me and the account routes', async () => {
      const anonymous = t.client();
      await call(anonymous, 'GET', '/config');
      await call(anonymous, 'GET', '/openapi.json');
      await call(anonymous, 'POST', '/password/check', { password: 'correct horse battery staple' });

      const email = uniqueEmail('schema');
      const client = t.client();
      await call(client, 'POST', '/sign-up', { email, password: strongPassword, displayName: 'Schema Person' });
      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      const { user } = await call(client, 'POST', '/verify-email', { token });
      await call(anonymous, 'POST', '/verify-email/resend', { email });
      await call(client, 'GET', '/me');
      await call(client, 'PATCH', '/me', { displayName: 'Schema Person 2' });
      await call(client, 'GET', '/me/sessions');
      await call(client, 'GET', '/me/activity?limit=5');

      const setup = await call(client, 'POST', '/me/two-factor/totp/setup', { password: strongPassword });
      const enabled = await call(client, 'POST', '/me/two-factor/totp/enable', { code: otpauthCode(setup.secret, t.clock.now()) });
      assert.equal(enabled.backupCodes.length > 0, true, 'the first factor brings backup codes');
      await call(client, 'POST', '/me/two-factor/email/enable', { password: strongPassword });
      await call(client, 'POST', '/me/two-factor/email/code');
      const { backupCodes } = await call(client, 'POST', '/me/two-factor/backup-codes', { password: strongPassword });
      await call(client, 'GET', '/me');

      const second = t.client();
      const challenge = await call(second, 'POST', '/sign-in', { email, password: strongPassword });
      assert.equal(challenge.twoFactorRequired, true);
      await call(second, 'POST', '/sign-in/two-factor/email');
      await call(second, 'POST', '/sign-in/passkey/options', {});
      const signedIn = await call(second, 'POST', '/sign-in/two-factor', { method: 'backup_code', code: backupCodes[0] });
      assert.equal(signedIn.user.id, user.id);

      await call(client, 'POST', '/me/passkeys/options', { password: strongPassword });
      await call(client, 'GET', '/me/passkeys');
      await call(client, 'POST', '/password/forgot', { email });

      const newEmail = uniqueEmail('schema-new');
      await call(client, 'POST', '/me/email', { newEmail, password: strongPassword });
      const changeToken = tokenIn(await t.mail.waitFor(newEmail, (m) => m.text.includes('token=')), '/');
      await call(anonymous, 'POST', '/me/email/confirm', { token: changeToken });
    });

    it('matches on keys, access tokens and authorized_keys', async () => {
      const { client, userId } = await t.signedInUser();
      const created = await call(client, 'POST', '/me/api-keys', { name: 'schema', scopes: ['read', 'ssh:read'], password: strongPassword });
      const bearer = { authorization: `Bearer ${created.secret}` };
      const me = await call(t.client(), 'GET', '/me', undefined, bearer);
      assert.equal(me.session, null, 'an API key has no session');
      await call(client, 'GET', '/me/api-keys');
      await call(client, 'POST', '/me/ssh-keys', { name: 'laptop', publicKey: sshPublicKey, password: strongPassword });
      await call(client, 'GET', '/me/ssh-keys');
      assert.match(await call(t.client(), 'GET', `/users/${userId}/authorized_keys`, undefined, bearer), /^ssh-ed25519 /);
      await call(client, 'POST', '/token', { scopes: ['read'] });
    });

    it('matches on invitations and administration', async () => {
      const adminEmail = uniqueEmail('schema-admin');
      await t.latch.provisionUser({ email: adminEmail, password: strongPassword, roles: ['super_admin'] });
      const admin = t.client();
      await call(admin, 'POST', '/sign-in', { email: adminEmail, password: strongPassword });
      const { items } = await call(admin, 'GET', '/admin/users?limit=5');
      await call(admin, 'GET', `/admin/users/${items[0].id}`);
      const { user } = await call(admin, 'POST', '/admin/users', { email: uniqueEmail('schema-invited'), displayName: 'Invited', roles: ['manager'] });
      await call(admin, 'PATCH', `/admin/users/${user.id}`, { displayName: 'Invited Person' });
      await call(admin, 'POST', `/admin/users/${user.id}/password-reset`);
      await call(admin, 'GET', `/admin/audit?limit=5&userId=${user.id}`);
      await call(admin, 'GET', `/admin/users/${user.id}/activity?limit=5`);
      await call(admin, 'GET', `/admin/users/${user.id}/api-keys`);
      await call(admin, 'PATCH', `/admin/users/${user.id}`, { phoneNumber: '+44 20 7946 0958', password: strongPassword });

      const { invitationUrl } = await t.latch.provisionUser({ email: uniqueEmail('schema-invite'), sendInvitation: false });
      const token = new URL(invitationUrl!).searchParams.get('token');
      await call(t.client(), 'POST', '/invitations/accept', { token, password: strongPassword, displayName: 'Accepted' });
    });

    it('matches on organizations, their members, invitations and activity', async () => {
      const { client, userId } = await t.signedInUser();
      const { organization } = await call(client, 'POST', '/orgs', { name: 'Schema Org' });
      await call(client, 'GET', '/orgs');
      await call(client, 'GET', `/orgs/${organization.id}`);
      await call(client, 'PATCH', `/orgs/${organization.id}`, { name: 'Schema Org 2' });
      await call(client, 'POST', '/me/active-organization', { organizationId: organization.id });
      await call(client, 'GET', `/orgs/${organization.id}/members?limit=5`);
      await call(client, 'PATCH', `/orgs/${organization.id}/members/${userId}`, { kind: 'employee' });
      const email = uniqueEmail('schema-member');
      const { invitation } = await call(client, 'POST', `/orgs/${organization.id}/invitations`, { email, role: 'viewer' });
      await call(client, 'GET', `/orgs/${organization.id}/invitations`);
      await t.mail.waitFor(email);
      // Taken once the first mail is in: the link to accept is the resent one.
      const mark = t.mail.messages.length;
      await call(client, 'POST', `/orgs/${organization.id}/invitations/${invitation.id}/resend`);
      const token = tokenIn(await t.mail.waitFor(email, (m) => t.mail.messages.indexOf(m) >= mark), '/accept-invite');
      await call(t.client(), 'POST', '/invitations/accept', { token, password: strongPassword });
      await call(client, 'GET', `/orgs/${organization.id}/activity?limit=5`);
      await call(client, 'POST', '/me/active-organization', { organizationId: null });
    });

    it('covered a representative route of every tag', () => {
      const tags = new Set(routes.filter((r) => r.response).map((r) => r.tag));
      const covered = new Set([...checked].map((r) => r.tag));
      assert.deepEqual([...tags].filter((tag) => !covered.has(tag)), []);
      assert.ok(checked.size >= 35, `${checked.size} routes checked`);
    });
  });
}
