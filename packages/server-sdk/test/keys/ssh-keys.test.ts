import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isLatchError, parseSshPublicKey } from '@latch/server-sdk';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { bearer, createApiKey, signedInWithRoles } from './helpers.js';
import { keygenFingerprint, requireProgram, sshKeygen } from './system.js';

// FIDO keys cannot be generated without an authenticator: these are fixed public keys (the
// curve points of ordinary keys wrapped in the sk- formats, application "ssh:").
const fidoKeys = {
  'sk-ssh-ed25519@openssh.com': 'sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIE1fSEo3C7AMlUlY23JOJ+2SiIcJzaO4J/KfcyTGztQPAAAABHNzaDo= yubikey@desk',
  'sk-ecdsa-sha2-nistp256@openssh.com': 'sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTItbmlzdHAyNTZAb3BlbnNzaC5jb20AAAAIbmlzdHAyNTYAAABBBKInL8xhPa7NeEzdZ+8YiuQxARGbaBJHlX9r5ltRqsNJremlvzGL6KLD7E9c9rxt51O8slPwhr+Oca3xTnLqc8oAAAAEc3NoOg== solokey@desk',
};

interface KeyFile { type: string; line: string; pubFile: string; bits: number }

let dir: string;
const accepted: KeyFile[] = [];
const files: Record<string, { line: string; privateKey: string }> = {};

before(() => {
  requireProgram('ssh-keygen', 'openssh-client');
  dir = mkdtempSync(join(tmpdir(), 'latch-ssh-keys-'));
  const make = (name: string, type: string, bits?: number) => {
    const file = join(dir, name);
    const line = sshKeygen(file, type, bits, `${name}@test-host`);
    files[name] = { line, privateKey: readFileSync(file, 'utf8') };
    return { line, pubFile: `${file}.pub` };
  };
  accepted.push({ type: 'ssh-ed25519', bits: 256, ...make('ed25519', 'ed25519') });
  accepted.push({ type: 'ecdsa-sha2-nistp256', bits: 256, ...make('ecdsa256', 'ecdsa', 256) });
  accepted.push({ type: 'ecdsa-sha2-nistp384', bits: 384, ...make('ecdsa384', 'ecdsa', 384) });
  accepted.push({ type: 'ecdsa-sha2-nistp521', bits: 521, ...make('ecdsa521', 'ecdsa', 521) });
  accepted.push({ type: 'ssh-rsa', bits: 2048, ...make('rsa2048', 'rsa', 2048) });
  accepted.push({ type: 'ssh-rsa', bits: 3072, ...make('rsa3072', 'rsa', 3072) });
  for (const [type, line] of Object.entries(fidoKeys)) {
    const pubFile = join(dir, `${type.split('@')[0]}.pub`);
    writeFileSync(pubFile, `${line}\n`);
    accepted.push({ type, line, pubFile, bits: 256 });
  }
  make('rsa1024', 'rsa', 1024);
  make('dsa', 'dsa');
  execPem();
});

/** An RSA private key in the old PEM format (`-----BEGIN RSA PRIVATE KEY-----`). */
function execPem() {
  const file = join(dir, 'pem');
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-f', file], { stdio: 'pipe' });
  files.pem = { line: '', privateKey: readFileSync(file, 'utf8') };
}

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const refusal = (input: string): string => {
  try {
    parseSshPublicKey(input);
  } catch (error) {
    assert.ok(isLatchError(error) && error.code === 'invalid_ssh_key', String(error));
    return error.message;
  }
  assert.fail('the key was accepted');
};

describe('SSH public key parsing', () => {
  it('gives every accepted type the fingerprint ssh-keygen -lf prints, and keeps the comment', () => {
    for (const key of accepted) {
      const parsed = parseSshPublicKey(`${key.line}\n`);
      assert.equal(parsed.type, key.type);
      assert.equal(parsed.fingerprint, keygenFingerprint(key.pubFile), key.type);
      assert.equal(parsed.bits, key.bits, key.type);
      assert.equal(parsed.comment, key.line.split(' ').slice(2).join(' '));
      assert.equal(parsed.publicKey, key.line.split(' ').slice(0, 2).join(' '));
    }
  });

  it('refuses DSA, short RSA, certificates, garbage and mismatched or padded blobs', () => {
    assert.match(refusal(files.dsa!.line), /DSA/);
    assert.match(refusal(files.rsa1024!.line), /2048 bits/);
    assert.match(refusal('ssh-ed25519-cert-v01@openssh.com AAAA'), /Certificates/);
    assert.match(refusal('ssh-ed25519 not*base64'), /base64/);
    assert.match(refusal(''), /Paste/);
    assert.match(refusal(`${accepted[0]!.line}\n${accepted[1]!.line}`), /one key/);
    assert.match(refusal('hello world'), /Unsupported key type/);
    const ed = accepted[0]!.line.split(' ');
    assert.match(refusal(`ecdsa-sha2-nistp256 ${ed[1]}`), /does not match/);
    const padded = Buffer.concat([Buffer.from(ed[1]!, 'base64'), Buffer.from([0, 0, 0, 0])]).toString('base64');
    assert.match(refusal(`ssh-ed25519 ${padded}`), /damaged/);
    const truncated = Buffer.from(ed[1]!, 'base64').subarray(0, 40).toString('base64');
    assert.match(refusal(`ssh-ed25519 ${truncated}`), /damaged/);
    assert.match(refusal(`ssh-ed25519 ${ed[1]} bell\u0007`), /control characters/);
    assert.match(refusal('x'.repeat(20_000)), /too long/);
  });

  it('recognizes pasted private keys and never quotes them back', () => {
    for (const privateKey of [files.ed25519!.privateKey, files.pem!.privateKey, files.ed25519!.privateKey.split('\n').slice(1, -2).join('')]) {
      const message = refusal(privateKey);
      assert.match(message, /private key/i);
      assert.ok(!message.includes(privateKey.slice(40, 80)));
    }
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`SSH keys on ${kind}`, () => {
    let t: TestServer;
    const logged: string[] = [];
    const record = (fields: Record<string, unknown>, message?: string) => { logged.push(JSON.stringify({ ...fields, message })); };
    before(async () => {
      t = await createTestServer({ database: kind, config: { logger: { debug: record, info: record, warn: record, error: record } } });
    });
    after(() => t.close());

    it('registers every accepted type with the ssh-keygen fingerprint, type and comment', async () => {
      let user = await t.signedInUser();
      let count = 0;
      for (const key of accepted) {
        if (count === 3) { user = await t.signedInUser(); count = 0; }
        const res = await user.client.post('/me/ssh-keys', { name: `laptop ${key.type}`, publicKey: key.line });
        assert.equal(res.status, 201, res.text);
        count++;
        const { sshKey } = res.body;
        assert.equal(sshKey.fingerprint, keygenFingerprint(key.pubFile));
        assert.equal(sshKey.type, key.type);
        assert.equal(sshKey.comment, key.line.split(' ').slice(2).join(' '));
        const listed = await user.client.get('/me/ssh-keys');
        assert.ok(listed.body.items.some((k: { fingerprint: string; name: string }) => k.fingerprint === sshKey.fingerprint && k.name === `laptop ${key.type}`));
      }
    });

    it('refuses a pasted private key with a clear message, storing and logging nothing of it', async () => {
      const { client, userId } = await t.signedInUser();
      const privateKey = files.ed25519!.privateKey;
      const res = await client.post('/me/ssh-keys', { name: 'oops', publicKey: privateKey });
      assert.equal(res.status, 422);
      assert.equal(res.body.code, 'invalid_ssh_key');
      assert.match(res.body.detail, /private key/i);
      const secretPart = privateKey.split('\n')[2]!;
      assert.ok(!res.text.includes(secretPart));
      assert.equal((await t.latch.database.knex('ssh_keys').where({ user_id: userId })).length, 0);
      const dump = JSON.stringify(await t.latch.database.knex('audit_events').select('detail')) + JSON.stringify(await t.latch.database.knex('outbox').select('subject'));
      assert.ok(!dump.includes(secretPart));
      assert.ok(!logged.some((line) => line.includes(secretPart)), 'the private key is not logged');
      for (const bad of [files.dsa!.line, files.rsa1024!.line, 'garbage']) {
        const refused = await client.post('/me/ssh-keys', { name: 'bad', publicKey: bad });
        assert.equal(refused.status, 422);
        assert.equal(refused.body.code, 'invalid_ssh_key');
      }
      const unnamed = await client.post('/me/ssh-keys', { name: '  ', publicKey: accepted[0]!.line });
      assert.equal(unnamed.status, 422);
      assert.equal(unnamed.body.code, 'validation_failed');
    });

    it('lets a key belong to one account only', async () => {
      const a = await t.signedInUser();
      const b = await t.signedInUser();
      const line = sshKeygen(join(dir, `dup-${kind}`), 'ed25519');
      assert.equal((await a.client.post('/me/ssh-keys', { name: 'k', publicKey: line })).status, 201);
      const again = await a.client.post('/me/ssh-keys', { name: 'k2', publicKey: line.replace(/ \S+$/, ' other-comment') });
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'duplicate_key');
      const other = await b.client.post('/me/ssh-keys', { name: 'k', publicKey: line });
      assert.equal(other.status, 409);
      assert.equal(other.body.code, 'duplicate_key');
    });

    it('allows exactly three keys when ten are added at once', async () => {
      const { client, userId } = await t.signedInUser();
      const lines = Array.from({ length: 10 }, (_, i) => sshKeygen(join(dir, `cap-${kind}-${i}`), 'ed25519'));
      const results = await Promise.all(lines.map((publicKey, i) => client.post('/me/ssh-keys', { name: `k${i}`, publicKey })));
      assert.equal(results.filter((r) => r.status === 201).length, 3, results.map((r) => r.status).join(','));
      assert.ok(results.filter((r) => r.status !== 201).every((r) => r.body.code === 'limit_reached'));
      assert.equal((await t.latch.database.knex('ssh_keys').where({ user_id: userId })).length, 3);
    });

    it('decides a race between two accounts adding the same key', async () => {
      const users = await Promise.all([t.signedInUser(), t.signedInUser(), t.signedInUser()]);
      const line = sshKeygen(join(dir, `race-${kind}`), 'ed25519');
      const results = await Promise.all(users.map((u) => u.client.post('/me/ssh-keys', { name: 'k', publicKey: line })));
      assert.equal(results.filter((r) => r.status === 201).length, 1);
      assert.ok(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.body.code === 'duplicate_key'));
    });

    it('serves authorized_keys to ssh:read keys of the owner and to administrators', async () => {
      const owner = await t.signedInUser();
      const stranger = await t.signedInUser();
      const admin = await signedInWithRoles(t, ['admin']);
      const manager = await signedInWithRoles(t, ['manager']);
      const lines = [sshKeygen(join(dir, `ak1-${kind}`), 'ed25519', undefined, 'alice@laptop'), sshKeygen(join(dir, `ak2-${kind}`), 'ecdsa', 256, '')];
      const ids: string[] = [];
      for (const publicKey of lines) ids.push((await owner.client.post('/me/ssh-keys', { name: 'k', publicKey })).body.sshKey.id);
      const sshRead = await createApiKey(owner.client, { scopes: ['ssh:read'] });
      const readOnly = await createApiKey(owner.client, { scopes: ['read'] });
      const strangerKey = await createApiKey(stranger.client, { scopes: ['ssh:read'] });
      const adminKey = await createApiKey(admin.client, { scopes: ['ssh:read'] });
      const path = `/users/${owner.userId}/authorized_keys`;
      // Order is by creation time; both keys were added at the same (frozen) test time.
      const sorted = (text: string) => text.split('\n').sort().join('\n');
      const expected = sorted(lines.map((l) => `${l.trim()}\n`).join(''));

      const ok = await t.client().get(path, bearer(sshRead.secret));
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type')!, /^text\/plain/);
      assert.equal(sorted(ok.text), expected);
      assert.equal(sorted((await admin.client.get(path)).text), expected, 'an admin session reads anyone');
      assert.equal(sorted((await t.client().get(path, bearer(adminKey.secret))).text), expected, "an admin's ssh:read key reads anyone");
      assert.equal((await t.client().get(path, bearer(readOnly.secret))).status, 403, 'needs ssh:read');
      assert.equal((await t.client().get(path, bearer(strangerKey.secret))).status, 403, "another user's key");
      assert.equal((await manager.client.get(path)).status, 403, 'managers only read');
      assert.equal((await t.client().get(path)).status, 401);
      assert.equal((await admin.client.get('/users/00000000-0000-4000-8000-000000000000/authorized_keys')).status, 404);

      assert.equal(sorted(await t.latch.authorizedKeys(owner.email)), expected);
      assert.equal(sorted(await t.latch.authorizedKeys(owner.userId)), expected);
      await assert.rejects(t.latch.authorizedKeys('nobody@example.com'), (e) => isLatchError(e) && e.code === 'not_found');

      assert.equal((await stranger.client.delete(`/me/ssh-keys/${ids[0]}`)).status, 404, "another user's key is not found");
      assert.equal((await owner.client.delete(`/me/ssh-keys/${ids[0]}`)).status, 204);
      assert.equal((await t.client().get(path, bearer(sshRead.secret))).text, `${lines[1]!.trim()}\n`);
    });
  });
}
