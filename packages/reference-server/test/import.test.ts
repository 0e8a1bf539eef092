import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, startTestServer, testDatabaseKinds } from './helpers.js';

const htpasswdBcrypt = (password: string) => execFileSync('htpasswd', ['-bnBC', '5', '', password]).toString().trim().replace(/^:/, '');

// Firebase's published example (firebase/scrypt README): its project parameters and one account.
const firebase = ['--firebase-signer-key', 'jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==',
  '--firebase-salt-separator', 'Bw==', '--firebase-rounds', '8', '--firebase-mem-cost', '14'];
const firebaseRow = { passwordHash: 'lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==', hashParameters: { algorithm: 'firebase-scrypt', salt: '42xEC+ixf3L2lw==' } };

for (const kind of testDatabaseKinds()) {
  describe(`latch-server import on ${kind}`, () => {
    const folder = mkdtempSync(join(tmpdir(), 'latch-import-'));
    after(() => rmSync(folder, { recursive: true, force: true }));

    it('imports a JSON Lines file into the running server\'s database, idempotently, and the accounts sign in', async () => {
      const s = await startTestServer(kind);
      try {
        const file = join(folder, `users-${kind}.jsonl`);
        const lines = [
          JSON.stringify({ email: `bcrypt.${kind}@example.com`, displayName: 'Bea Crypt', passwordHash: htpasswdBcrypt('pebble-harbor-quill-19'), emailVerified: true }),
          '',
          JSON.stringify({ email: `fire.${kind}@example.com`, ...firebaseRow, emailVerified: true, roles: ['manager'] }),
          JSON.stringify({ email: `nohash.${kind}@example.com` }),
          JSON.stringify({ email: 'not-an-email' }),
        ];
        writeFileSync(file, lines.join('\n') + '\n');

        const first = await runCli(['import', file, ...firebase], s.env);
        assert.equal(first.code, 0, first.stderr);
        assert.equal(first.stdout, `users-${kind}.jsonl:5: skipped not-an-email: invalid_email (Not a valid email address.)\nimported users-${kind}.jsonl: 3 created, 1 skipped, 0 invited\n`);

        const signIn = (email: string, password: string) => fetch(`${s.url}/auth/sign-in`, {
          method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body: JSON.stringify({ email, password }),
        });
        assert.equal((await signIn(`bcrypt.${kind}@example.com`, 'pebble-harbor-quill-19')).status, 200);
        assert.equal((await signIn(`bcrypt.${kind}@example.com`, 'pebble-harbor-quill-20')).status, 401);
        const fire = await signIn(`fire.${kind}@example.com`, 'user1password');
        assert.equal(fire.status, 200);
        assert.deepEqual((await fire.json()).user.roles, ['manager']);

        const again = await runCli(['import', file, ...firebase], s.env);
        assert.equal(again.code, 0, again.stderr);
        assert.match(again.stdout, /:1: skipped bcrypt\.\S+: exists\n/);
        assert.match(again.stdout, /imported users-\S+: 0 created, 4 skipped, 0 invited\n$/);
        assert.equal((await signIn(`bcrypt.${kind}@example.com`, 'pebble-harbor-quill-19')).status, 200, 'the second run changed nothing');
      } finally {
        await s.close();
      }
    });
  });
}

describe('latch-server import arguments', () => {
  const folder = mkdtempSync(join(tmpdir(), 'latch-import-args-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses a malformed file or options with one line, before importing anything', async () => {
    const env = { LATCH_DATA_DIR: join(folder, 'refused'), PUBLIC_URL: 'http://localhost:3000' };
    const file = join(folder, 'broken.jsonl');
    writeFileSync(file, `${JSON.stringify({ email: 'fine@example.com' })}\n{"email": "half\n`);
    const shaped = join(folder, 'shaped.jsonl');
    writeFileSync(shaped, `${JSON.stringify({ email: 'fine@example.com' })}\n${JSON.stringify({ email: 'x@example.com', roles: 'admin' })}\n`);
    const cases: Array<[string[], RegExp]> = [
      [['import'], /needs exactly one FILE/],
      [['import', join(folder, 'missing.jsonl')], /cannot read .*ENOENT/],
      [['import', file], /broken\.jsonl:2: not valid JSON/],
      [['import', shaped], /shaped\.jsonl:2: roles: /],
      [['import', shaped, '--firebase-rounds', '8'], /the Firebase parameters go together/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args, env)));
    for (const [i, [args, message]] of cases.entries()) {
      const result = results[i]!;
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });
});
