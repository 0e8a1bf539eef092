import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret } from 'otpauth';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { assertProblem, codeIn, enableEmail, enableTotp, mailAfter, signInPending } from './helpers.js';

for (const kind of testDatabaseKinds()) {
  describe(`backup codes and secrets at rest on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('signs in once per code, reports what remains, tells the owner, and regenerates', async () => {
      const { client, email, password } = await t.signedInUser();
      const codes = (await enableEmail(client, password))!;
      assert.equal(codes.length, 10);
      assert.equal((await client.get('/me')).body.twoFactor.backupCodesRemaining, 10);

      let mark = t.mail.messages.length;
      let pending = await signInPending(t, email, password, ['email', 'backup_code']);
      // Typed carelessly: lower case, spaces instead of hyphens.
      const typed = codes[0]!.toLowerCase().replace(/-/g, ' ');
      const ok = await pending.post('/sign-in/two-factor', { method: 'backup_code', code: typed });
      assert.equal(ok.status, 200, ok.text);
      const notice = await mailAfter(t, email, mark, (m) => /backup code was used/.test(m.subject));
      assert.match(notice.text, /9 unused codes remain/);
      assert.doesNotMatch(notice.text, new RegExp(codes[0]!));
      assert.equal((await pending.get('/me')).body.twoFactor.backupCodesRemaining, 9);

      pending = await signInPending(t, email, password);
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'backup_code', code: codes[0] }), 400, 'invalid_code');

      mark = t.mail.messages.length;
      const fresh = await client.post('/me/two-factor/backup-codes', { password });
      assert.equal(fresh.status, 200, fresh.text);
      const newCodes: string[] = fresh.body.backupCodes;
      assert.equal(newCodes.length, 10);
      assert.ok(newCodes.every((c) => !codes.includes(c)));
      await mailAfter(t, email, mark, (m) => /New backup codes created/.test(m.subject));
      assertProblem(await pending.post('/sign-in/two-factor', { method: 'backup_code', code: codes[1] }), 400, 'invalid_code');
      assert.equal((await pending.post('/sign-in/two-factor', { method: 'backup_code', code: newCodes[1] })).status, 200);
      const me = await client.get('/me');
      assert.equal(me.body.twoFactor.backupCodesRemaining, 9);
      const activity = await client.get('/me/activity?limit=50');
      const types = activity.body.items.map((e: { type: string }) => e.type);
      assert.ok(types.includes('backup_code.used') && types.includes('backup_codes.regenerated'));
      assert.ok(!JSON.stringify(activity.body).includes(newCodes[1]!.replace(/-/g, '')), 'no code in the activity log');
    });

    it('lets exactly one of ten parallel uses of one code win', async () => {
      const { client, email, password } = await t.signedInUser();
      const { backupCodes } = await enableTotp(t, client, password);
      const code = backupCodes![3]!;
      const pendings = await Promise.all(Array.from({ length: 10 }, () => signInPending(t, email, password)));
      const results = await Promise.all(pendings.map((p) => p.post('/sign-in/two-factor', { method: 'backup_code', code })));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 200).length, 1, statuses.join(','));
      assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.code === 'invalid_code'), statuses.join(','));
      assert.equal((await client.get('/me')).body.twoFactor.backupCodesRemaining, 9);
    });

    it('lets exactly one of ten parallel disable requests use one backup code', async () => {
      const { client, password } = await t.signedInUser();
      const { backupCodes } = await enableTotp(t, client, password);
      const results = await Promise.all(Array.from({ length: 10 }, () => client.post('/me/two-factor/totp/disable', { code: backupCodes![0] })));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 204).length, 1, statuses.join(','));
      assert.ok(statuses.every((s) => s === 204 || s === 400 || s === 404), statuses.join(','));
    });

    it('refuses to regenerate for an account without a second factor', async () => {
      const { client } = await t.signedInUser();
      assertProblem(await client.post('/me/two-factor/backup-codes', {}), 409, 'conflict');
    });

    it('stores no TOTP secret, emailed code or backup code in plain', async () => {
      const { client, email, password } = await t.signedInUser();
      const { secret, backupCodes } = await enableTotp(t, client, password);
      await enableEmail(client, password);
      let mark = t.mail.messages.length;
      const pending = await signInPending(t, email, password);
      t.clock.advance(31_000);
      assert.equal((await pending.post('/sign-in/two-factor/email')).status, 202);
      const signInCode = codeIn(await mailAfter(t, email, mark, (m) => /sign-in code/.test(m.subject)));
      mark = t.mail.messages.length;
      assert.equal((await client.post('/me/two-factor/email/code')).status, 202);
      const confirmationCode = codeIn(await mailAfter(t, email, mark, (m) => /confirmation code/.test(m.subject)));

      const db = t.latch.database.knex;
      const result = await db.raw(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
      const tables: string[] = result.rows.map((r: { table_name: string }) => r.table_name);
      assert.ok(tables.includes('two_factor_totp') && tables.includes('two_factor_backup_codes') && tables.includes('two_factor_email_codes'));
      let dump = '';
      for (const table of tables) dump += JSON.stringify(await db(table).select('*'), (_k, v) => (typeof v === 'bigint' ? String(v) : v)) + '\n';

      const secretBytes = Secret.fromBase32(secret).bytes;
      const forms = [secret, secret.toLowerCase(), Buffer.from(secretBytes).toString('hex'), Buffer.from(secretBytes).toString('base64'), Buffer.from(secretBytes).toString('base64url')];
      for (const form of forms) assert.ok(!dump.includes(form), 'the TOTP secret is not stored in plain');
      for (const code of backupCodes!) {
        assert.ok(!dump.includes(code) && !dump.includes(code.replace(/-/g, '')), 'no backup code in plain');
      }
      assert.ok(!dump.includes(signInCode), 'no sign-in code in plain');
      assert.ok(!dump.includes(confirmationCode), 'no confirmation code in plain');

      const row = await db('two_factor_totp').first();
      assert.match(row.secret_sealed, /^v1\./, 'the secret is sealed');
      const codes = await db('two_factor_backup_codes').select('code_hash');
      assert.ok(codes.every((c: { code_hash: string }) => c.code_hash.startsWith('$argon2id$')));
      const emailCodes = await db('two_factor_email_codes').select('code_hash');
      assert.ok(emailCodes.length >= 2 && emailCodes.every((c: { code_hash: string }) => /^[A-Za-z0-9_-]{43}$/.test(c.code_hash)));
    });
  });
}
