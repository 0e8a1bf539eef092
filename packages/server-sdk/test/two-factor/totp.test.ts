import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { URI } from 'otpauth';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, enableTotp, mailAfter, oathtool, otpauthCode, sessionCookie, signInPending } from './helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`authenticator apps (TOTP) on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('sets up with a QR code and codes computed by oathtool, then signs in with it', async () => {
      const { client, email, password } = await t.signedInUser();
      t.clock.advance(6 * 60_000);
      assertProblem(await client.post('/me/two-factor/totp/setup', {}), 403, 'reauthentication_required');
      assertProblem(await client.post('/me/two-factor/totp/setup', { password: 'not-my-password-at-all' }), 403, 'reauthentication_required');
      const setup = await client.post('/me/two-factor/totp/setup', { password });
      assert.equal(setup.status, 200, setup.text);
      const { secret, otpauthUri, qrSvg } = setup.body;
      assert.match(secret, /^[A-Z2-7]{32}$/, '160 bits, unpadded base32');
      const uri = URI.parse(otpauthUri);
      assert.equal(uri.issuer, 'Latch');
      assert.equal(uri.label, email);
      assert.equal(uri.secret.base32, secret);
      assert.match(qrSvg, /^<svg/);
      const again = await client.post('/me/two-factor/totp/setup', { password });
      assert.notEqual(again.body.secret, secret, 'each set-up makes a new secret');
      const secret2: string = again.body.secret;

      // Not enabled until confirmed.
      assert.equal((await t.client().post('/sign-in', { email, password })).body.twoFactorRequired, undefined);
      assertProblem(await client.post('/me/two-factor/totp/enable', { code: oathtool(secret, t.clock.now()) }), 400, 'invalid_code');
      const mark = t.mail.messages.length;
      const enable = await client.post('/me/two-factor/totp/enable', { code: oathtool(secret2, t.clock.now()) });
      assert.equal(enable.status, 200, enable.text);
      assert.equal(enable.body.backupCodes.length, 10);
      assert.equal(enable.body.backupCodesRemaining, 10);
      const notice = await mailAfter(t, email, mark, (m) => /Authenticator app set up/.test(m.subject));
      assert.doesNotMatch(notice.text, new RegExp(secret2));
      assert.deepEqual((await client.get('/me')).body.twoFactor, { totp: true, email: false, passkeys: 0, backupCodesRemaining: 10 });

      const pending = await signInPending(t, email, password, ['totp', 'backup_code']);
      // The step used to confirm the set-up cannot sign in.
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: oathtool(secret2, t.clock.now()) }), 400, 'invalid_code');
      t.clock.advance(30_000);
      const done = await pending.post('/sign-in/two-factor', { method: 'totp', code: oathtool(secret2, t.clock.now()) });
      assert.equal(done.status, 200, done.text);
      assert.ok(pending.cookies.get(sessionCookie));
      assert.equal((await pending.get('/me')).status, 200);
    });

    it('accepts T-1, T and T+1, refuses T-2 and T+2, and never the same step twice', async () => {
      const { client, email, password } = await t.signedInUser();
      const { secret } = await enableTotp(t, client, password);
      t.clock.advance(10 * 60_000);
      const now = t.clock.now();
      const code = (offset: number) => otpauthCode(secret, now, offset);
      const differs = (offset: number) => [-1, 0, 1].every((o) => code(o) !== code(offset));

      let pending = await signInPending(t, email, password);
      if (differs(-2)) assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: code(-2) }), 400, 'invalid_code');
      if (differs(2)) assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: code(2) }), 400, 'invalid_code');
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: code(-1) })).status, 200, 'T-1');

      pending = await signInPending(t, email, password);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: code(-1) }), 400, 'invalid_code');
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: code(0) })).status, 200, 'T');

      pending = await signInPending(t, email, password);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: code(0) }), 400, 'invalid_code');
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: code(1) })).status, 200, 'T+1');

      pending = await signInPending(t, email, password);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: code(0) }), 400, 'invalid_code', );
    });

    it('lets exactly one of ten parallel sign-ins use one code', async () => {
      const { client, email, password } = await t.signedInUser();
      const { secret } = await enableTotp(t, client, password);
      t.clock.advance(30_000);
      const pendings = await Promise.all(Array.from({ length: 10 }, () => signInPending(t, email, password)));
      const code = otpauthCode(secret, t.clock.now());
      const results = await Promise.all(pendings.map((p) => p.post('/sign-in/two-factor', { method: 'totp', code })));
      assert.equal(results.filter((r) => r.status === 200).length, 1, results.map((r) => r.status).join(','));
      assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.code === 'invalid_code'));
    });

    it('disables with a current code or a backup code, which voids the backup codes', async () => {
      const { client, email, password } = await t.signedInUser();
      const { secret, backupCodes } = await enableTotp(t, client, password);
      assert.ok(backupCodes);
      assertProblem(await client.post('/me/two-factor/totp/disable', {}), 422, 'validation_failed');
      assertProblem(await client.post('/me/two-factor/totp/disable', { code: '000000' === otpauthCode(secret, t.clock.now(), 1) ? '111111' : '000000' }), 400, 'invalid_code');
      const mark = t.mail.messages.length;
      const off = await client.post('/me/two-factor/totp/disable', { code: backupCodes[0] });
      assert.equal(off.status, 204, off.text);
      await mailAfter(t, email, mark, (m) => /Authenticator app removed/.test(m.subject));
      await mailAfter(t, email, mark, (m) => /backup code was used/.test(m.subject));
      assert.deepEqual((await client.get('/me')).body.twoFactor, { totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 });
      assert.ok((await t.client().post('/sign-in', { email, password })).body.session, 'sign-in needs no second step now');
      assertProblem(await client.post('/me/two-factor/totp/disable', { code: otpauthCode(secret, t.clock.now(), 1) }), 404, 'not_found');

      // Enabling again issues a fresh set (the old one is void); disabling with a TOTP code works too.
      const second = await enableTotp(t, client, password);
      assert.equal(second.backupCodes?.length, 10);
      t.clock.advance(30_000);
      assert.equal((await client.post('/me/two-factor/totp/disable', { code: otpauthCode(second.secret, t.clock.now()) })).status, 204);
    });

    it('accepts a TOTP code as proof of presence for reauthentication operations', async () => {
      const { client, password } = await t.signedInUser();
      const { secret } = await enableTotp(t, client, password);
      t.clock.advance(6 * 60_000);
      assertProblem(await client.post('/me/two-factor/backup-codes', {}), 403, 'reauthentication_required');
      assertProblem(await client.post('/me/two-factor/backup-codes', { code: '12345' }), 403, 'reauthentication_required');
      const res = await client.post('/me/two-factor/backup-codes', { code: otpauthCode(secret, t.clock.now()) });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.backupCodes.length, 10);
    });

    it('replaces the app on a new set-up and keeps the backup codes', async () => {
      const { client, email, password } = await t.signedInUser();
      const first = await enableTotp(t, client, password);
      t.clock.advance(30_000);
      const setup = await client.post('/me/two-factor/totp/setup', { password });
      const res = await client.post('/me/two-factor/totp/enable', { code: otpauthCode(setup.body.secret, t.clock.now()) });
      assert.equal(res.status, 200);
      assert.equal(res.body.backupCodes, undefined, 'no new backup codes for a second app');
      assert.equal(res.body.backupCodesRemaining, 10);
      t.clock.advance(30_000);
      const pending = await signInPending(t, email, password);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(first.secret, t.clock.now()) }), 400, 'invalid_code');
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'totp', code: otpauthCode(setup.body.secret, t.clock.now()) })).status, 200);
    });
  });
}
