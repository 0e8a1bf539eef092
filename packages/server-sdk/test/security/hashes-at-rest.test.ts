import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, tokenIn, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('base64url');

for (const kind of testDatabaseKinds()) {
  describe(`secrets at rest on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    /** Every row of every table as one JSON text. */
    async function dump(): Promise<string> {
      const db = t.latch.database.knex;
      const tables: Array<{ table_name: string }> = (await db.raw(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`)).rows;
      const out: Record<string, unknown[]> = {};
      for (const { table_name: name } of tables) out[name] = await db(name).select('*');
      return JSON.stringify(out);
    }

    it('stores no session token, link token or password in plain', async () => {
      const password = 'plaintext-canary-password-5581';
      const { client, email, userId } = await t.signedInUser({ password });
      const sessionToken = client.cookies.get('latch_session')!;
      assert.match(sessionToken, /^[A-Za-z0-9_-]{43}$/, '256-bit base64url token');

      await t.client().post('/password/forgot', { email });
      const resetToken = tokenIn(await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token=')), '/reset-password');
      const newEmail = uniqueEmail('moved');
      assert.equal((await client.post('/me/email', { newEmail, password })).status, 202);
      const changeToken = tokenIn(await t.mail.waitFor(newEmail, (m) => m.text.includes('/confirm-email?token=')), '/confirm-email');
      const { invitationUrl } = await t.latch.provisionUser({ email: uniqueEmail('invited'), sendInvitation: false });
      const inviteToken = new URL(invitationUrl!).searchParams.get('token')!;

      const text = await dump();
      for (const [name, secret] of Object.entries({ sessionToken, resetToken, changeToken, inviteToken, password })) {
        assert.ok(!text.includes(secret), `${name} is not stored in plain`);
      }
      assert.ok(text.includes(sha256(sessionToken)), 'the session is found by its SHA-256');
      assert.ok(text.includes(sha256(resetToken)), 'the reset link is found by its SHA-256');
      const user = await t.latch.database.knex('users').where({ id: userId }).first();
      assert.match(user.password_hash, /^\$argon2id\$/);
    });

    it('keeps rate-limit keys free of email addresses', async () => {
      const email = uniqueEmail('limited');
      await t.client().post('/sign-in', { email, password: 'wrong-password-for-limits' });
      const keys = (await t.latch.database.knex('rate_limits').select('key')).map((r: { key: string }) => r.key);
      assert.ok(keys.length > 0);
      assert.ok(keys.every((k: string) => !k.includes('@')), keys.join());
    });

    it('seals queued mail bodies and erases them once delivered', async () => {
      const { email } = await t.signedInUser();
      t.mail.setRefusing(true);
      try {
        await t.client().post('/password/forgot', { email });
        const pending = await waitForRow(t, email);
        assert.match(pending.body_sealed, /^v1\./);
        assert.doesNotMatch(pending.body_sealed, /reset-password|token|Hello/);
        t.mail.setRefusing(false);
        t.clock.advance(60_000);
        const mail = await t.mail.waitFor(email, (m) => m.text.includes('/reset-password?token='));
        const token = tokenIn(mail, '/reset-password');
        assert.ok(!pending.body_sealed.includes(token));
        const sent = await waitFor(async () => {
          const row = await t.latch.database.knex('outbox').where({ id: pending.id }).first();
          return row.sent_at ? row : null;
        });
        assert.equal(sent.body_sealed, null, 'the body is erased after SMTP delivery');
      } finally {
        t.mail.setRefusing(false);
      }
    });
  });
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function waitForRow(t: TestServer, email: string) {
  return waitFor(async () => {
    const row = await t.latch.database.knex('outbox').where({ to_address: email, template: 'resetPassword' }).orderBy('created_at', 'desc').first();
    return row && row.attempts > 0 ? row : null;
  });
}
