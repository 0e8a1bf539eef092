import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  createTestServer, strongPassword, testDatabaseKinds, tokenIn, uniqueEmail, type TestClient, type TestServer,
} from '@latch/server-sdk/testing';

// Hashes made by tools that share no code with Latch (Debian's `argon2` and `apache2-utils`,
// node:crypto for the PHC strings) and Firebase's published vector.
const argon2Cli = (password: string, variant: '-id' | '-i') =>
  execFileSync('argon2', ['somesalt', variant, '-e'], { input: password }).toString().trim();
const htpasswdBcrypt = (password: string, cost = 10) =>
  execFileSync('htpasswd', ['-bnBC', String(cost), '', password]).toString().trim().replace(/^:/, '');
const phcB64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

const firebaseProject = {
  signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  saltSeparator: 'Bw==', rounds: 8, memCost: 14,
};
const firebaseAccount = { salt: '42xEC+ixf3L2lw==', hash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==', password: 'user1password' };

interface Row { email: string; passwordHash?: string | null; emailVerified?: boolean; displayName?: string; roles?: unknown; kind?: string; hashParameters?: unknown }

for (const kind of testDatabaseKinds()) {
  describe(`user import on ${kind}`, () => {
    let t: TestServer;
    let superAdmin: TestClient;
    let admin: TestClient;

    async function signedIn(roles: string[]) {
      const email = uniqueEmail(roles[0]);
      await t.latch.provisionUser({ email, password: strongPassword, roles, displayName: 'Someone' });
      const client = t.client();
      assert.equal((await client.post('/sign-in', { email, password: strongPassword })).status, 200);
      return client;
    }
    const storedHash = async (email: string) => (await t.latch.storage.users.findByEmail(email.toLowerCase()))?.passwordHash;
    const signIn = (email: string, password: string) => t.client().post('/sign-in', { email, password });

    before(async () => {
      t = await createTestServer({ database: kind });
      superAdmin = await signedIn(['super_admin']);
      admin = await signedIn(['admin']);
    });
    after(() => t.close());

    it('keeps every format, signs in with the right password only, and upgrades to argon2id at that sign-in', async () => {
      const password = 'maple-syrup-canoe-trip-31';
      const scryptSalt = randomBytes(16);
      const pbkdf2Salt = randomBytes(16);
      const bcrypt = htpasswdBcrypt(password);
      const cheapBcrypt = htpasswdBcrypt(password, 5);
      const hashes: Record<string, string> = {
        argon2id: argon2Cli(password, '-id'),
        argon2i: argon2Cli(password, '-i'),
        bcrypt2y: bcrypt,
        // The same computation under the other two prefixes, for passwords like this one.
        bcrypt2a: cheapBcrypt.replace(/^\$2y\$/, '$2a$'),
        bcrypt2b: cheapBcrypt.replace(/^\$2y\$/, '$2b$'),
        scrypt: `$scrypt$ln=14,r=8,p=1$${phcB64(scryptSalt)}$${phcB64(scryptSync(password, scryptSalt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`,
        pbkdf2: `$pbkdf2-sha256$i=100000$${phcB64(pbkdf2Salt)}$${phcB64(pbkdf2Sync(password, pbkdf2Salt, 100_000, 32, 'sha256'))}`,
      };
      const rows: Row[] = Object.entries(hashes).map(([name, passwordHash]) => ({ email: uniqueEmail(name), passwordHash, emailVerified: true, displayName: name }));
      const firebaseEmail = uniqueEmail('firebase');
      rows.push({ email: firebaseEmail, passwordHash: firebaseAccount.hash, hashParameters: { algorithm: 'firebase-scrypt', salt: firebaseAccount.salt }, emailVerified: true });

      const imported = await superAdmin.post('/admin/users/import', { users: rows, firebase: firebaseProject });
      assert.equal(imported.status, 200, imported.text);
      assert.deepEqual(imported.body, { created: rows.length, skipped: [], invited: 0 });

      for (const row of rows) {
        const right = row.email === firebaseEmail ? firebaseAccount.password : password;
        const before = await storedHash(row.email);
        assert.equal(before, row.email === firebaseEmail ? `$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=${firebaseProject.signerKey}$${firebaseAccount.salt}$${firebaseAccount.hash}` : row.passwordHash, 'kept as it came');
        const refused = await signIn(row.email, `${right}-not`);
        assert.equal(refused.status, 401, row.email);
        assert.equal(refused.body.code, 'invalid_credentials');
        assert.equal(await storedHash(row.email), before, 'a wrong password never upgrades');

        assert.equal((await signIn(row.email, right)).status, 200, row.email);
        const after = await storedHash(row.email);
        assert.match(after!, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, `${row.email} upgraded`);
        if (row === rows[0] || row.email === firebaseEmail) {
          assert.equal((await signIn(row.email, right)).status, 200, 'the password still works after the upgrade');
          assert.equal(await storedHash(row.email), after, 'an upgraded hash is not rehashed again');
        }
      }
    });

    it('keeps bcrypt\'s 72-byte truncation until the upgrade, which keeps the whole password', async () => {
      const long = `${'lantern-'.repeat(9)}and-the-rest-bcrypt-never-saw`; // 72 bytes of "lantern-", then more
      const email = uniqueEmail('long');
      const r = await superAdmin.post('/admin/users/import', { users: [{ email, passwordHash: htpasswdBcrypt(long, 6), emailVerified: true }] });
      assert.equal(r.body.created, 1, r.text);
      assert.equal((await signIn(email, 'lantern-'.repeat(9))).status, 200, 'the first 72 bytes sign in, as they did before');
      // That sign-in upgraded the hash to argon2id of exactly what was typed: no truncation from now on.
      assert.match((await storedHash(email))!, /^\$argon2id\$/);
      assert.equal((await signIn(email, long)).status, 401, 'argon2id does not truncate');
      assert.equal((await signIn(email, 'lantern-'.repeat(9))).status, 200);
    });

    it('is idempotent by normalized email: a second run skips every row as existing and changes nothing', async () => {
      const rows = Array.from({ length: 5 }, () => ({ email: uniqueEmail('again'), passwordHash: htpasswdBcrypt('quiet-river-stone-88', 4), emailVerified: true }));
      const first = await superAdmin.post('/admin/users/import', { users: rows });
      assert.equal(first.body.created, 5, first.text);
      assert.equal((await signIn(rows[0]!.email, 'quiet-river-stone-88')).status, 200);
      const upgraded = await storedHash(rows[0]!.email);

      const shouted = rows.map((row) => ({ ...row, email: `  ${row.email.toUpperCase()} ` }));
      const second = await superAdmin.post('/admin/users/import', { users: shouted });
      assert.equal(second.status, 200);
      assert.equal(second.body.created, 0);
      assert.deepEqual(second.body.skipped.map((s: { index: number; reason: string }) => [s.index, s.reason]), rows.map((_, i) => [i, 'exists']));
      assert.equal(await storedHash(rows[0]!.email), upgraded, 'an existing account is never overwritten');
    });

    it('creates each account once under two concurrent identical imports', async () => {
      const rows = Array.from({ length: 40 }, (_, i) => ({ email: uniqueEmail(`race${i}`), passwordHash: null }));
      const [a, b] = await Promise.all([
        superAdmin.post('/admin/users/import', { users: rows }),
        superAdmin.post('/admin/users/import', { users: [...rows].reverse() }),
      ]);
      assert.equal(a.status, 200, a.text);
      assert.equal(b.status, 200, b.text);
      assert.equal(a.body.created + b.body.created, rows.length, 'every row created by exactly one of the two');
      assert.equal(a.body.skipped.length + b.body.skipped.length, rows.length);
      assert.ok([...a.body.skipped, ...b.body.skipped].every((s: { reason: string }) => s.reason === 'exists'));
      const count = await t.latch.database.knex('users').whereIn('email_normalized', rows.map((r) => r.email.toLowerCase())).count<{ count: string }[]>('* as count');
      assert.equal(Number(count[0]!.count), rows.length);
    });

    it('skips invalid rows with their reason and creates the rest', async () => {
      const good = uniqueEmail('good');
      const dup = uniqueEmail('dup');
      const salt = phcB64(randomBytes(16));
      const rows: Row[] = [
        { email: good, passwordHash: htpasswdBcrypt('amber-field-clock-5', 4) },
        { email: 'not-an-email', passwordHash: null },
        { email: uniqueEmail('md5'), passwordHash: '$1$saltsalt$qjXMvbEw8oaL.CzflDugX/' },
        { email: uniqueEmail('plain'), passwordHash: 'hunter2' },
        { email: uniqueEmail('costly'), passwordHash: `$2b$17$${'a'.repeat(53)}` },
        { email: uniqueEmail('ram'), passwordHash: `$argon2id$v=19$m=4194304,t=1,p=1$${salt}$${salt}` },
        { email: dup, roles: ['owner'] },
        { email: dup.toUpperCase() },
        { email: good },
        { email: uniqueEmail('kind'), kind: 'Not A Kind' },
        { email: uniqueEmail('name'), displayName: 'Eve\r\nBcc: x@example.com' },
        { email: uniqueEmail('fb'), passwordHash: firebaseAccount.hash, hashParameters: { algorithm: 'firebase-scrypt', salt: firebaseAccount.salt } },
        { email: uniqueEmail('alg'), passwordHash: 'abc', hashParameters: { algorithm: 'md5-crypt' } },
      ];
      const r = await superAdmin.post('/admin/users/import', { users: rows });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.created, 1);
      assert.deepEqual(r.body.skipped.map((s: { index: number; reason: string }) => [s.index, s.reason]), [
        [1, 'invalid_email'], [2, 'unknown_hash_format'], [3, 'unknown_hash_format'], [4, 'invalid_hash'], [5, 'invalid_hash'],
        [6, 'invalid_roles'], [7, 'duplicate_in_batch'], [8, 'duplicate_in_batch'], [9, 'invalid_kind'], [10, 'invalid_display_name'],
        [11, 'missing_hash_parameters'], [12, 'unknown_hash_format'],
      ]);
      for (const s of r.body.skipped) {
        assert.equal(s.email, rows[s.index]!.email);
        assert.ok(s.message.length > 0);
        assert.ok(!s.message.includes('qjXMvbEw8oaL'), 'the hash is never echoed');
      }
      assert.match(r.body.skipped[3].message, /cost 17/);
      assert.equal(await t.latch.storage.users.findByEmail(dup.toLowerCase()), null);
    });

    it('refuses a malformed body, and more than 1,000 users, with 422 naming the field', async () => {
      const cases: Array<[unknown, string]> = [
        [{ users: Array.from({ length: 1001 }, (_, i) => ({ email: `u${i}@example.com` })) }, 'users'],
        [{ users: [] }, 'users'],
        [{ users: [{ email: uniqueEmail(), roles: 'admin' }] }, 'users.0.roles'],
        [{ users: [{ email: uniqueEmail() }, { passwordHash: 'x' }] }, 'users.1.email'],
        [{ users: [{ email: uniqueEmail(), emailVerified: 'yes' }] }, 'users.0.emailVerified'],
        [{ users: [{ email: uniqueEmail() }], firebase: { ...firebaseProject, rounds: 99 } }, 'firebase.rounds'],
        [{ users: [{ email: uniqueEmail() }], sendInvitations: 'true' }, 'sendInvitations'],
      ];
      for (const [body, field] of cases) {
        const r = await superAdmin.post('/admin/users/import', body);
        assert.equal(r.status, 422, field);
        assert.equal(r.body.code, 'validation_failed');
        assert.ok(r.body.errors.some((e: { field: string }) => e.field === field), `${field}: ${JSON.stringify(r.body.errors)}`);
      }
      assert.equal(await t.latch.storage.users.findByEmail('u0@example.com'), null, 'nothing of a refused batch is created');
    });

    it('emails a set-password link to accounts without a hash when asked, and only then', async () => {
      const invitedEmail = uniqueEmail('invited');
      const quietEmail = uniqueEmail('quiet');
      const withHash = uniqueEmail('hashed');
      const r = await superAdmin.post('/admin/users/import', {
        users: [{ email: invitedEmail, displayName: 'Invited Person' }, { email: withHash, passwordHash: htpasswdBcrypt('amber-field-clock-5', 4) }],
        sendInvitations: true,
      });
      assert.deepEqual(r.body, { created: 2, skipped: [], invited: 1 });
      const mail = await t.mail.waitFor(invitedEmail, (m) => m.text.includes('/accept-invite?token='));
      const accepted = await t.client().post('/invitations/accept', { token: tokenIn(mail, '/accept-invite'), password: 'golden-meadow-kite-64' });
      assert.equal(accepted.status, 200, accepted.text);
      assert.equal((await signIn(invitedEmail, 'golden-meadow-kite-64')).status, 200);

      const quiet = await superAdmin.post('/admin/users/import', { users: [{ email: quietEmail }] });
      assert.deepEqual(quiet.body, { created: 1, skipped: [], invited: 0 });
      const queued = await t.latch.storage.outbox.listRecent(500);
      assert.ok(queued.some((m) => m.toAddress === invitedEmail));
      assert.ok(!queued.some((m) => m.toAddress === quietEmail || m.toAddress === withHash), 'no mail without sendInvitations, none for accounts with a hash');
      const quietUser = await t.latch.storage.users.findByEmail(quietEmail);
      assert.equal(quietUser?.passwordHash, null);
      assert.equal((await signIn(quietEmail, 'anything-at-all-9')).status, 401, 'an account without a password cannot sign in');
    });

    it('takes a full batch of 1,000 rows with hashes, over the default 64 KiB body limit', async () => {
      const hash = htpasswdBcrypt('crimson-tide-lamp-12', 4);
      const tag = randomBytes(4).toString('hex');
      const users = Array.from({ length: 1000 }, (_, i) => ({ email: `bulk.${tag}.${i}@example.com`, displayName: `Bulk user ${i}`, passwordHash: hash, emailVerified: true, kind: 'customer' }));
      const body = JSON.stringify({ users });
      assert.ok(body.length > 64 * 1024, `${body.length} bytes`);
      const r = await superAdmin.post('/admin/users/import', { users });
      assert.equal(r.status, 200, r.text.slice(0, 300));
      assert.equal(r.body.created, 1000);
      assert.equal((await signIn(`bulk.${tag}.999@example.com`, 'crimson-tide-lamp-12')).status, 200);
      const huge = await superAdmin.request('POST', '/admin/users/import', { raw: JSON.stringify({ users, padding: 'x'.repeat(1024 * 1024) }), contentType: 'application/json' });
      assert.equal(huge.status, 413);
      assert.equal(huge.body.code, 'payload_too_large');
      const elsewhere = await superAdmin.request('POST', '/admin/users', { raw: JSON.stringify({ email: uniqueEmail(), displayName: 'x'.repeat(70 * 1024) }), contentType: 'application/json' });
      assert.equal(elsewhere.status, 413, 'other routes keep 64 KiB');
    });

    it('audits the import once with its counts, and each created account', async () => {
      const email = uniqueEmail('audited');
      const r = await superAdmin.post('/admin/users/import', { users: [{ email, passwordHash: argon2Cli('x-ray-yankee-zulu-7', '-i') }, { email: 'broken' }] });
      assert.equal(r.body.created, 1);
      const summary = await superAdmin.get('/admin/audit?type=admin.users_imported&limit=1');
      assert.equal(summary.status, 200);
      assert.deepEqual(
        { ...summary.body.items[0].detail, requestId: undefined },
        { actorId: summary.body.items[0].actorId, rows: 2, created: 1, skipped: 1, invited: 0, reasons: { invalid_email: 1 }, requestId: undefined },
      );
      const user = await t.latch.storage.users.findByEmail(email);
      const created = await superAdmin.get(`/admin/audit?type=admin.user_created&userId=${user!.id}`);
      assert.equal(created.body.items.length, 1);
      assert.equal(created.body.items[0].detail.source, 'import');
      assert.equal(created.body.items[0].detail.passwordFormat, 'argon2i');
    });

    it('is for super_admin only: admins and users get 403, anonymous callers 401', async () => {
      const email = uniqueEmail('refused');
      const body = { users: [{ email }] };
      for (const client of [admin, (await t.signedInUser()).client]) {
        const r = await client.post('/admin/users/import', body);
        assert.equal(r.status, 403);
        assert.equal(r.body.code, 'forbidden');
      }
      assert.equal((await t.client().post('/admin/users/import', body)).status, 401);
      assert.equal(await t.latch.storage.users.findByEmail(email), null);
    });
  });
}
