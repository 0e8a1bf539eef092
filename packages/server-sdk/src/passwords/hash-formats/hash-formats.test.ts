import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { createArgon2Hasher } from '../hasher.js';
import { hashFormatOf, inspectHash, toFirebaseScryptHash, verifyStoredHash } from './index.js';

// Hashes come from tools that share no code with Latch: the reference argon2 CLI and Apache's
// htpasswd (Debian packages `argon2` and `apache2-utils`, installed by .ci/run), node:crypto's
// own scrypt and PBKDF2 for the PHC strings, and the vector Firebase publishes for its scrypt.
const argon2Cli = (password: string, variant: '-id' | '-i', ...extra: string[]) =>
  execFileSync('argon2', ['somesalt', variant, '-e', ...extra], { input: password }).toString().trim();
const htpasswdBcrypt = (password: string, cost = 10) =>
  execFileSync('htpasswd', ['-bnBC', String(cost), '', password]).toString().trim().replace(/^:/, '');

const phcB64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const passlibAb64 = (bytes: Buffer) => phcB64(bytes).replaceAll('+', '.');

const password = 'correct-horse-battery-staple';
const wrong = 'correct-horse-battery-stapler';

async function assertVerifies(hash: string, format: string) {
  assert.deepEqual(inspectHash(hash), { ok: true, format });
  assert.equal(await verifyStoredHash(hash, password), true, `${format}: the right password`);
  assert.equal(await verifyStoredHash(hash, wrong), false, `${format}: a wrong password`);
  assert.equal(await verifyStoredHash(hash, ''), false, `${format}: an empty password`);
}

describe('imported hash formats', () => {
  it('argon2id and argon2i from the reference CLI, both versions', async () => {
    await assertVerifies(argon2Cli(password, '-id'), 'argon2id');
    await assertVerifies(argon2Cli(password, '-i'), 'argon2i');
    await assertVerifies(argon2Cli(password, '-id', '-v', '10', '-t', '2', '-k', '8192', '-p', '2'), 'argon2id');
  });

  it('bcrypt $2y$ from htpasswd, and the same hash as $2a$ and $2b$', async () => {
    const y = htpasswdBcrypt(password);
    assert.match(y, /^\$2y\$10\$/);
    await assertVerifies(y, 'bcrypt');
    // For passwords like these the three prefixes name the same computation.
    await assertVerifies(y.replace(/^\$2y\$/, '$2a$'), 'bcrypt');
    await assertVerifies(y.replace(/^\$2y\$/, '$2b$'), 'bcrypt');
  });

  it('bcrypt keeps its 72-byte truncation: a longer password verifies against its first 72 bytes', async () => {
    const long = `${'x'.repeat(70)}é-and-a-tail-that-bcrypt-never-saw`; // é is two bytes: 72 bytes end after it
    const hash = htpasswdBcrypt(long, 4);
    assert.equal(await verifyStoredHash(hash, long), true);
    assert.equal(await verifyStoredHash(hash, `${'x'.repeat(70)}é`), true, 'the first 72 bytes alone');
    assert.equal(await verifyStoredHash(hash, `${'x'.repeat(70)}é-another-tail`), true, 'anything after byte 72 is ignored, as before');
    assert.equal(await verifyStoredHash(hash, `${'x'.repeat(70)}e-and-a-tail-that-bcrypt-never-saw`), false, 'a difference inside the 72 bytes counts');
    assert.equal(await verifyStoredHash(hash, 'x'.repeat(71)), false);
  });

  it('scrypt PHC strings built with node:crypto', async () => {
    const salt = randomBytes(16);
    const key = scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    await assertVerifies(`$scrypt$ln=14,r=8,p=1$${phcB64(salt)}$${phcB64(key)}`, 'scrypt');
    const longer = scryptSync(password, salt, 64, { N: 2 ** 10, r: 4, p: 2 });
    await assertVerifies(`$scrypt$ln=10,r=4,p=2$${phcB64(salt)}$${phcB64(longer)}`, 'scrypt');
  });

  it('PBKDF2-SHA256 in the PHC form and in passlib\'s form', async () => {
    const salt = randomBytes(16);
    const key = pbkdf2Sync(password, salt, 29_000, 32, 'sha256');
    await assertVerifies(`$pbkdf2-sha256$i=29000$${phcB64(salt)}$${phcB64(key)}`, 'pbkdf2-sha256');
    await assertVerifies(`$pbkdf2-sha256$i=29000,l=32$${phcB64(salt)}$${phcB64(key)}`, 'pbkdf2-sha256');
    // passlib writes `.` for `+`; find a salt whose encodings differ so the test can tell them apart.
    let s = salt;
    while (!phcB64(s).includes('+') && !phcB64(pbkdf2Sync(password, s, 29_000, 32, 'sha256')).includes('+')) s = randomBytes(16);
    const k = pbkdf2Sync(password, s, 29_000, 32, 'sha256');
    await assertVerifies(`$pbkdf2-sha256$29000$${passlibAb64(s)}$${passlibAb64(k)}`, 'pbkdf2-sha256');
  });

  it('Firebase scrypt: the vector published in the firebase/scrypt README', async () => {
    const project = {
      signerKey: 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
      saltSeparator: 'Bw==', rounds: 8, memCost: 14,
    };
    const account = { salt: '42xEC+ixf3L2lw==', passwordHash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==' };
    const hash = toFirebaseScryptHash(account, project);
    assert.match(hash, /^\$fbscrypt\$v=1,n=14,r=8,p=1,ss=Bw==,sk=jxspr8/);
    assert.deepEqual(inspectHash(hash), { ok: true, format: 'firebase-scrypt' });
    assert.equal(await verifyStoredHash(hash, 'user1password'), true);
    assert.equal(await verifyStoredHash(hash, 'user1password '), false);
    assert.equal(await verifyStoredHash(toFirebaseScryptHash(account, { ...project, saltSeparator: 'Bg==' }), 'user1password'), false, 'another project\'s parameters');
  });

  it('refuses unknown formats and parameters that would make a sign-in too costly', () => {
    for (const hash of ['$1$saltsalt$qjXMvbEw8oaL.CzflDugX/', '$2x$10$' + 'a'.repeat(53), '$argon2d$v=19$m=4096,t=3,p=1$c29tZXNhbHQ$sUZgt8XvgfSLAjB+SJ+xkaWazFixCHscH3bfCQemXjs', 'plain-text', '5f4dcc3b5aa765d61d8327deb882cf99']) {
      const inspection = inspectHash(hash);
      assert.equal(inspection.ok, false, hash);
      assert.equal(!inspection.ok && inspection.reason, 'unknown_hash_format', hash);
    }
    const salt = phcB64(randomBytes(16));
    const key = phcB64(randomBytes(32));
    const tooCostly = [
      `$2b$15$${'a'.repeat(53)}`,
      `$argon2id$v=19$m=1048576,t=3,p=1$${salt}$${key}`,
      `$argon2id$v=19$m=4096,t=100,p=1$${salt}$${key}`,
      `$scrypt$ln=21,r=8,p=1$${salt}$${key}`,
      `$scrypt$ln=19,r=8,p=1$${salt}$${key}`, // 512 MiB
      `$pbkdf2-sha256$i=50000000$${salt}$${key}`,
      `$fbscrypt$v=1,n=22,r=8,p=1,ss=Bw==,sk=${phcB64(randomBytes(32))}$${salt}$${key}`,
    ];
    for (const hash of tooCostly) {
      const inspection = inspectHash(hash);
      assert.equal(!inspection.ok && inspection.reason, 'invalid_hash', hash);
    }
    const malformed = [
      `$2b$10$${'a'.repeat(52)}`,
      `$argon2id$v=19$m=4096,t=3,p=1$${salt}$`,
      `$scrypt$ln=14,r=8,p=1$${salt}$not*base64`,
      `$pbkdf2-sha256$i=1000,l=16$${salt}$${key}`,
      `$fbscrypt$v=2,n=14,r=8,p=1,ss=Bw==,sk=${key}$${salt}$${key}`,
      `$fbscrypt$v=1,n=14,r=8,p=1,ss=Bw==,sk=${phcB64(randomBytes(64))}$${salt}$${key}`,
    ];
    for (const hash of malformed) {
      const inspection = inspectHash(hash);
      assert.equal(!inspection.ok && inspection.reason, 'invalid_hash', hash);
    }
  });

  it('checks a password as typed and in NFKC form, whichever the previous system hashed', async () => {
    const typed = 'ﬁre-and-ice-42'; // the ligature ﬁ, which NFKC turns into "fi"
    assert.equal(await verifyStoredHash(htpasswdBcrypt(typed, 4), typed), true, 'hashed as typed');
    assert.equal(await verifyStoredHash(htpasswdBcrypt('fire-and-ice-42', 4), typed), true, 'hashed normalized');
    assert.equal(await verifyStoredHash(argon2Cli(typed, '-id'), typed), true);
  });

  it('the hasher verifies every format, and asks to rehash all but current argon2id', async () => {
    const hasher = createArgon2Hasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const own = await hasher.hash(password);
    assert.equal(hashFormatOf(own)?.name, 'argon2id');
    assert.equal(hasher.needsRehash(own), false);
    assert.equal(await hasher.verify(own, password), true);
    const bcrypt = htpasswdBcrypt(password, 4);
    assert.equal(await hasher.verify(bcrypt, password), true);
    assert.equal(hasher.needsRehash(bcrypt), true);
    assert.equal(hasher.needsRehash(argon2Cli(password, '-i')), true);
    assert.equal(hasher.needsRehash(argon2Cli(password, '-id')), true, 'weaker argon2id parameters');
    assert.equal(await hasher.verify('$1$saltsalt$qjXMvbEw8oaL.CzflDugX/', password), false);
  });
});
