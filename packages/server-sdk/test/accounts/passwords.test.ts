import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Algorithm, hash } from '@node-rs/argon2';
import { createTestServer, testDatabaseKinds, uniqueEmail, type TestServer } from '@latch/server-sdk/testing';

const precomposed = 'caf\u00e9-lighthouse-meridian';
const decomposed = 'cafe\u0301-lighthouse-meridian';

for (const kind of testDatabaseKinds()) {
  describe(`passwords on ${kind}`, () => {
    let t: TestServer;
    before(async () => { t = await createTestServer({ database: kind }); });
    after(() => t.close());

    const signIn = (email: string, password: string) => t.client().post('/sign-in', { email, password });
    const storedHash = async (userId: string) => (await t.latch.database.knex('users').where({ id: userId }).first()).password_hash as string;

    it('compares passwords in NFKC form: precomposed and decomposed é both work', async () => {
      assert.notEqual(precomposed, decomposed);
      const a = await t.signedInUser({ password: precomposed });
      assert.equal((await signIn(a.email, decomposed)).status, 200);
      assert.equal((await signIn(a.email, precomposed)).status, 200);
      const b = await t.signedInUser({ password: decomposed });
      assert.equal((await signIn(b.email, precomposed)).status, 200);
    });

    it('accepts and uses a 128-character password', async () => {
      const password = 'orbit-falcon-'.repeat(10).slice(0, 120) + '-Z9x!k2q';
      assert.equal([...password].length, 128);
      const { email } = await t.signedInUser({ password });
      assert.equal((await signIn(email, password)).status, 200);
      assert.equal((await signIn(email, password.slice(0, 127))).status, 401);
    });

    it('never truncates: an 80-byte password\'s first 72 bytes fail', async () => {
      const eighty = 'quantum-harbor-violet-engine-pelican-ember-7'.padEnd(80, 'q');
      assert.equal(Buffer.byteLength(eighty), 80);
      const { email } = await t.signedInUser({ password: eighty });
      assert.equal((await signIn(email, eighty)).status, 200);
      assert.equal((await signIn(email, eighty.slice(0, 72))).status, 401);
    });

    it('does not fold case', async () => {
      const password = 'Tangerine-Observatory-Quill-8';
      const { email } = await t.signedInUser({ password });
      const swapped = [...password].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
      assert.equal((await signIn(email, swapped)).status, 401);
    });

    it('stores an argon2id PHC string with m=19456, t=2, p=1 and a unique salt', async () => {
      const password = 'shared-password-across-accounts-1';
      const a = await t.signedInUser({ password });
      const b = await t.signedInUser({ password });
      const [ha, hb] = [await storedHash(a.userId), await storedHash(b.userId)];
      assert.match(ha, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22,}\$[A-Za-z0-9+/]{43,}$/);
      assert.notEqual(ha, hb, 'same password, different salts');
      assert.notEqual(ha.split('$')[4], hb.split('$')[4]);
    });

    it('rehashes on sign-in when the stored parameters are below the current ones', async () => {
      const password = 'legacy-parameters-nebula-12';
      const { email, userId } = await t.signedInUser({ password });
      const weak = await hash(password.normalize('NFKC'), { algorithm: Algorithm.Argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
      await t.latch.database.knex('users').where({ id: userId }).update({ password_hash: weak });
      assert.equal((await signIn(email, password)).status, 200, 'the old hash still verifies');
      const upgraded = await storedHash(userId);
      assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      assert.notEqual(upgraded, weak);
      assert.equal((await signIn(email, password)).status, 200, 'the new hash verifies');
      assert.equal(await storedHash(userId), upgraded, 'no rehash when the parameters are current');
    });

    it('refuses passwords over the limit before hashing, and very long input with 413', async () => {
      const email = uniqueEmail('long');
      const tooLong = 'a-long-passphrase-'.repeat(60).slice(0, 1025);
      const r = await t.client().post('/sign-up', { email, password: tooLong });
      assert.equal(r.status, 422);
      const huge = await t.client().post('/sign-in', { email, password: 'x'.repeat(100_000) });
      assert.equal(huge.status, 413);
    });

    it('counts characters as code points, not UTF-16 units or bytes', async () => {
      const email = uniqueEmail('emoji');
      const seven = '🦊🌋🎻🧭🪐🦉🍄';
      const short = await t.client().post('/sign-up', { email, password: seven });
      assert.equal(short.status, 422);
      assert.ok(short.body.messages.some((r: string) => /at least 8/.test(r)) && short.body.reasons.includes('min_length'), 'seven code points are under the minimum');
    });

    it('keeps spaces inside a password', async () => {
      const password = 'correct horse battery staple quietly';
      const { email } = await t.signedInUser({ password });
      assert.equal((await signIn(email, password)).status, 200);
      assert.equal((await signIn(email, password.replace(/ /g, ''))).status, 401);
    });
  });
}
