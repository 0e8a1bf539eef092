import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createManualClock } from '@latch/server-sdk';
import { createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const isReset = (m: { text: string }) => m.text.includes('/reset-password?token=');

/** Waits until the outbox row for `to` has failed at least `attempts` times. */
async function failedAttempts(t: TestServer, to: string, attempts = 1) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await t.latch.database.knex('outbox').where({ to_address: to }).orderBy('created_at', 'desc').first();
    if (row && row.attempts >= attempts) return row;
    if (Date.now() > deadline) throw new Error(`no failed delivery attempt for ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`mail delivery on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    it('loses no email during an SMTP outage: retried with back-off and delivered once the server accepts', async () => {
      const email = uniqueEmail('outage');
      await t.latch.provisionUser({ email, password: strongPassword });
      t.mail.setRefusing(true);
      try {
        assert.equal((await t.client().post('/password/forgot', { email })).status, 202, 'the answer does not depend on SMTP');
        const row = await failedAttempts(t, email);
        assert.equal(row.sent_at, null);
        assert.ok(row.last_error);
        assert.ok(new Date(row.next_attempt_at).getTime() > t.clock.now().getTime(), 'the next attempt is backed off');
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(t.mail.for(email).length, 0);
        assert.equal((await t.latch.database.knex('outbox').where({ id: row.id }).first()).attempts, row.attempts, 'no retry before the back-off');
      } finally {
        t.mail.setRefusing(false);
      }
      t.clock.advance(10 * 60_000);
      const mail = await t.mail.waitFor(email, isReset);
      assert.equal(t.mail.for(email).filter(isReset).length, 1, 'delivered exactly once');
      assert.ok(mail);
    });

    it('keeps retrying through a two-hour outage instead of giving the message up', async () => {
      const email = uniqueEmail('long-outage');
      await t.latch.provisionUser({ email, password: strongPassword });
      const started = t.clock.now().getTime();
      t.mail.setRefusing(true);
      try {
        await t.client().post('/password/forgot', { email });
        let row = await failedAttempts(t, email);
        while (t.clock.now().getTime() - started < 2 * 3600_000) {
          // Move to just past the next attempt and wait for it to fail as well.
          t.clock.set(new Date(Math.max(new Date(row.next_attempt_at).getTime(), t.clock.now().getTime()) + 1000));
          row = await failedAttempts(t, email, row.attempts + 1);
          assert.equal(row.failed_at, null, `given up after ${row.attempts} attempts`);
          assert.ok(new Date(row.next_attempt_at).getTime() - t.clock.now().getTime() <= 3600_000, 'waits at most an hour');
        }
        assert.ok(row.attempts > 8);
      } finally {
        t.mail.setRefusing(false);
      }
      t.clock.advance(3600_000 + 1000);
      await t.mail.waitFor(email, isReset);
    });
  });

  describe(`mail across a restart on ${kind}`, () => {
    it('delivers mail that was pending when Latch closed, from a new Latch on the same database', async () => {
      const clock = createManualClock();
      const dataDir = kind === 'pglite' ? await mkdtemp(join(tmpdir(), 'latch-outbox-')) : undefined;
      const first = await createTestServer({ database: kind, dataDir, keepDatabase: true, clock });
      let second: TestServer | undefined;
      try {
        const email = uniqueEmail('restart');
        await first.latch.provisionUser({ email, password: strongPassword });
        first.mail.setRefusing(true);
        assert.equal((await first.client().post('/password/forgot', { email })).status, 202);
        await failedAttempts(first, email);
        await first.close();
        assert.equal(first.mail.for(email).length, 0, 'nothing went out before the restart');

        second = await createTestServer({ database: kind, dataDir, reuseDatabase: first.database, clock });
        clock.advance(10 * 60_000);
        const mail = await second.mail.waitFor(email, isReset);
        assert.match(mail.subject, /Reset your password/);
        const token = new URL(mail.text.match(/https?:\/\/\S+reset-password\S+/)![0]).searchParams.get('token');
        const reset = await second.client().post('/password/reset', { token, newPassword: 'restart-proof-lantern-41' });
        assert.equal(reset.status, 204, 'the link delivered after the restart works');
      } finally {
        await second?.close();
        await first.database.drop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
