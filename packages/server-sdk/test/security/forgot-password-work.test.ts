import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

// Structural checks only: what forgot-password does before it answers, never how long it takes.

/** A statement as issued, without its values: `insert into "x" (...) values (?, ?)`. */
const shapeOf = (sql: string) => sql.replace(/\$\d+/g, '?').replace(/\s+/g, ' ').trim();

let requestCounter = 0;
const contextFor = () => ({ ip: '203.0.113.9', userAgent: 'structural-test', requestId: `forgot-${process.pid}-${++requestCounter}` });

for (const kind of testDatabaseKinds()) {
  describe(`forgot-password work on ${kind}`, () => {
    let t: TestServer;
    // No mail worker: its polling would put statements of its own into the windows observed here.
    before(async () => { t = await createTestServer({ database: kind, config: { mail: { startWorker: false } } }); });
    after(() => t.close());

    /** The shapes of the statements issued while `work` runs (until its promise settles). */
    async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
      const shapes: string[] = [];
      const listener = (query: { sql: string }) => { shapes.push(shapeOf(query.sql)); };
      const knex = t.latch.database.knex;
      knex.on('query', listener);
      try {
        await work();
      } finally {
        knex.off('query', listener);
      }
      return shapes;
    }

    /** Waits until the request's account work has committed its audit row, and returns it. */
    async function auditRowOf(requestId: string) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const rows = await t.latch.database.knex('audit_events').where({ type: 'password.reset_requested' });
        const row = rows.find((r: { detail: unknown }) => {
          const detail = typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail;
          return (detail as { requestId?: string }).requestId === requestId;
        });
        if (row) return row;
        if (Date.now() > deadline) throw new Error(`no audit row for ${requestId}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }

    /** One request through the service: the statements before it returned, and all its statements. */
    async function observe(email: string) {
      const ctx = contextFor();
      let answered: string[] = [];
      const all = await statementsDuring(async () => {
        answered = await statementsDuring(() => t.latch.accounts.forgotPassword({ email }, ctx));
        await auditRowOf(ctx.requestId);
      });
      return { ctx, answered, all };
    }

    it('RT-5: answers a known and an unknown address after the same list of statements, with no account lookup in it', async () => {
      const known = uniqueEmail('known');
      await t.latch.provisionUser({ email: known, displayName: 'Known', sendInvitation: false });
      // Warm both paths once (prepared plans, caches), then compare.
      await observe(known);
      await observe(uniqueEmail('warm'));
      const forKnown = await observe(known);
      const forUnknown = await observe(uniqueEmail('nobody'));
      assert.deepEqual(forKnown.answered, forUnknown.answered);
      for (const table of ['users', 'email_tokens', 'outbox', 'audit_events']) {
        assert.ok(!forKnown.answered.some((s) => s.includes(`"${table}"`)), `nothing reads or writes ${table} before the answer: ${forKnown.answered.join(' | ')}`);
      }
    });

    it('RT-5: then writes the link and mail for a known address, and only an audit row without a user for an unknown one', async () => {
      const known = uniqueEmail('known');
      const { user } = await t.latch.provisionUser({ email: known, displayName: 'Known', sendInvitation: false });
      const forKnown = await observe(known);
      const forUnknown = await observe(uniqueEmail('nobody'));
      /** `verb table` of each write, leaving out the rate limiter's (the same for every address). */
      const writes = (shapes: string[]) => shapes
        .map((s) => s.match(/^(insert|update|delete)(?: into| from)? "?(\w+)"?/i))
        .filter((m): m is RegExpMatchArray => m !== null && m[2] !== 'rate_limits')
        .map((m) => `${m[1]!.toLowerCase()} ${m[2]}`);
      assert.deepEqual(writes(forKnown.all), ['update email_tokens', 'insert email_tokens', 'insert outbox', 'insert audit_events']);
      assert.deepEqual(writes(forUnknown.all), ['insert audit_events']);

      const knownRow = await auditRowOf(forKnown.ctx.requestId);
      assert.equal(knownRow.user_id, user.id);
      const unknownRow = await auditRowOf(forUnknown.ctx.requestId);
      assert.equal(unknownRow.user_id, null, 'an unknown address is audited with no user');
      assert.equal(unknownRow.ip, '203.0.113.9');
      assert.equal((await t.latch.database.knex('outbox').where({ to_address: known })).length, 1, 'the known address has its mail queued');
    });

    it('RT-5: answers a disabled account like an unknown address and sends it nothing', async () => {
      const email = uniqueEmail('disabled');
      const { user } = await t.latch.provisionUser({ email, displayName: 'Disabled', sendInvitation: false });
      await t.latch.storage.users.updateAdministrative(user.id, { disabledAt: t.clock.now() }, t.clock.now());
      const forDisabled = await observe(email);
      const forUnknown = await observe(uniqueEmail('nobody'));
      assert.deepEqual(forDisabled.answered, forUnknown.answered);
      assert.equal((await t.latch.database.knex('outbox').where({ to_address: email })).length, 0);
      assert.equal((await t.latch.database.knex('email_tokens').where({ user_id: user.id, purpose: 'reset_password' })).length, 0);
    });

    it('RT-5 AV-7: a burst larger than the backlog is answered in full and every request is handled', async () => {
      const contexts = Array.from({ length: 150 }, contextFor);
      await Promise.all(contexts.map((ctx, i) => t.latch.accounts.forgotPassword({ email: uniqueEmail(`burst${i}`) }, ctx)));
      for (const ctx of contexts) await auditRowOf(ctx.requestId);
    });

    it('RT-5: the HTTP answer is byte-identical for a known and an unknown address', async () => {
      const known = uniqueEmail('known');
      await t.latch.provisionUser({ email: known, displayName: 'Known', sendInvitation: false });
      const a = await t.client().post('/password/forgot', { email: known });
      const b = await t.client().post('/password/forgot', { email: uniqueEmail('nobody') });
      assert.equal(a.status, 202);
      assert.equal(a.text, b.text);
      await auditRowOf(a.headers.get('x-request-id')!);
      await auditRowOf(b.headers.get('x-request-id')!);
    });
  });
}
