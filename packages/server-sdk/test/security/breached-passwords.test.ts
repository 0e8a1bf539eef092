import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';
import { WeakPasswordError } from '../../src/errors.js';
import { sha1Hex, startRangeApi, type FakeRangeApi } from './range-api-fake.js';

/** Passwords zxcvbn accepts, so a refusal can only come from the breach list. */
const listed = ['amber-glacier-lantern-57', 'copper-orchard-signal-31', 'granite-willow-beacon-64', 'saffron-tundra-pilot-18', 'cobalt-harbor-meadow-72', 'walnut-prairie-comet-39'];
const listedDuringOutage = ['indigo-canyon-ferry-45', 'maple-quartz-violin-26', 'ember-lagoon-rocket-93'];
const paddedOnly = 'quiet-meadow-copper-83';

for (const kind of testDatabaseKinds()) {
  describe(`breached passwords refused on ${kind}`, () => {
    let t: TestServer;
    let api: FakeRangeApi;
    const warnings: Array<Record<string, unknown>> = [];
    const everything: string[] = [];
    const record = (level: string) => (fields: Record<string, unknown>, message?: string) => {
      everything.push(JSON.stringify({ level, ...fields, message }));
      if (level === 'warn') warnings.push(fields);
    };
    before(async () => {
      api = await startRangeApi();
      for (const password of [...listed, ...listedDuringOutage]) api.breach(password);
      api.padWith(paddedOnly);
      t = await createTestServer({
        database: kind,
        config: {
          // Short enough for the hanging case, long enough that a busy machine still gets its answers.
          passwords: { breached: { url: api.url, timeoutMs: 1000 } },
          logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
        },
      });
    });
    after(async () => { await t.close(); await api.close(); });

    const assertBreached = (r: { status: number; body: any }) => {
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.code, 'weak_password');
      assert.ok(r.body.reasons.includes('breached'), JSON.stringify(r.body));
      assert.equal(r.body.messages.length, r.body.reasons.length);
      assert.match(r.body.messages[r.body.reasons.indexOf('breached')], /data breach/);
      assert.ok(!JSON.stringify(r.body).includes(sha1Hex(listed[0]!).slice(0, 5)), 'the answer names no hash');
    };

    it('refuses sign-up with a listed password, sending the service only five hex characters with Add-Padding', async () => {
      const email = uniqueEmail('breached-signup');
      const before = api.requests.length;
      assertBreached(await t.client().post('/sign-up', { email, password: listed[0] }));
      const sent = api.requests.slice(before);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.path, `/range/${sha1Hex(listed[0]!).slice(0, 5)}`);
      assert.match(sent[0]!.path, /^\/range\/[0-9A-F]{5}$/);
      assert.equal(sent[0]!.headers['add-padding'], 'true');
      assert.equal(await t.latch.storage.users.findByEmail(email), null, 'no account was created');
    });

    it('accepts a password whose suffix the answer holds only as padding (count 0)', async () => {
      const r = await t.client().post('/sign-up', { email: uniqueEmail('padded'), password: paddedOnly });
      assert.equal(r.status, 201, r.text);
      const check = await t.client().post('/password/check', { password: paddedOnly });
      assert.equal(check.body.ok, true);
      assert.deepEqual(check.body.reasons, []);
    });

    it('reports a listed password from POST /password/check: ok false, breached among the reasons', async () => {
      const r = await t.client().post('/password/check', { password: listed[1] });
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, false);
      assert.deepEqual(r.body.reasons, ['breached']);
      assert.equal(r.body.messages.length, 1);
      const fine = await t.client().post('/password/check', { password: strongPassword });
      assert.equal(fine.body.ok, true);
      assert.deepEqual(fine.body.reasons, []);
    });

    it('refuses a listed password as the new one on change, leaving the old one in place', async () => {
      const { client, email, password, userId } = await t.signedInUser();
      const hashBefore = (await t.latch.storage.users.findById(userId))!.passwordHash;
      assertBreached(await client.post('/me/password', { currentPassword: password, newPassword: listed[2] }));
      assert.equal((await t.latch.storage.users.findById(userId))!.passwordHash, hashBefore);
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 200);
      assert.equal((await t.client().post('/sign-in', { email, password: listed[2] })).status, 401);
    });

    it('refuses a listed password on reset without spending the link', async () => {
      const { email, password } = await t.signedInUser();
      assert.equal((await t.client().post('/password/forgot', { email })).status, 202);
      const token = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
      assertBreached(await t.client().post('/password/reset', { token, newPassword: listed[3] }));
      assert.equal((await t.client().post('/sign-in', { email, password })).status, 200, 'the old password still works');
      assert.equal((await t.client().post('/password/reset', { token, newPassword: 'harvest-comet-bridge-19' })).status, 204, 'the link still works');
    });

    it('refuses a listed password when an invitation is accepted and when an administrator provisions one', async () => {
      const email = uniqueEmail('breached-invite');
      const { invitationUrl } = await t.latch.provisionUser({ email, sendInvitation: false });
      const token = new URL(invitationUrl!).searchParams.get('token');
      assertBreached(await t.client().post('/invitations/accept', { token, password: listed[4] }));
      assert.equal((await t.latch.storage.users.findByEmail(email))!.passwordHash, null, 'no password was set');

      const provisioned = uniqueEmail('breached-provision');
      await assert.rejects(t.latch.provisionUser({ email: provisioned, password: listed[0] }), (error: unknown) =>
        error instanceof WeakPasswordError && error.reasons.includes('breached'));
      assert.equal(await t.latch.storage.users.findByEmail(provisioned), null);
    });

    it('refuses a listed password when the account is secured, before anything is revoked', async () => {
      const { client, email, password, userId } = await t.signedInUser();
      const other = t.client();
      assert.equal((await other.post('/sign-in', { email, password })).status, 200);
      const hashBefore = (await t.latch.storage.users.findById(userId))!.passwordHash;
      assertBreached(await client.post('/me/secure-account', { password, newPassword: listed[5] }));
      assert.equal((await t.latch.storage.users.findById(userId))!.passwordHash, hashBefore);
      assert.equal((await other.get('/me')).status, 200, 'the other session lives on');
    });

    it('skips the check with a warning when the service fails, hangs past the timeout or answers garbage', async () => {
      const outcomes: Record<string, number> = {};
      for (const [i, mode] of (['error', 'hang', 'garbled'] as const).entries()) {
        api.mode = mode;
        const warned = warnings.length;
        try {
          const r = await t.client().post('/sign-up', { email: uniqueEmail(`outage-${mode}`), password: listedDuringOutage[i] });
          outcomes[mode] = r.status;
        } finally {
          api.mode = 'normal';
        }
        const warning = warnings.slice(warned).find((w) => w.event === 'password.breach_check_skipped');
        assert.ok(warning, `a warning for ${mode}`);
      }
      assert.deepEqual(outcomes, { error: 201, hang: 201, garbled: 201 }, 'the password is accepted, never a failure');
      const metrics = await t.latch.metrics().render();
      const count = (outcome: string) => Number(new RegExp(`^latch_breached_password_checks_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
      assert.ok(count('skipped') >= 3, metrics);
      assert.ok(count('breached') >= 7, 'every refusal above was counted');
      assert.ok(count('clean') >= 1);
      const log = everything.join('\n');
      for (const password of listedDuringOutage) {
        assert.ok(!log.includes(password) && !log.includes(sha1Hex(password)) && !log.includes(sha1Hex(password).slice(0, 5)), 'no password, hash or prefix in the log');
      }
    });
  });
}
