import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestServer, testDatabaseKinds, type TestServer } from '@latch/server-sdk/testing';
import { createApiKey } from './helpers.js';
import { requireProgram, sshKeygen } from './system.js';

// sshd insists that AuthorizedKeysCommand lives in a root-owned folder that no one else can
// write to, all the way up, so it cannot sit under /tmp.
const commandParent = '/usr/local/libexec';

/** Runs a program; resolves with its exit status and output. */
function run(file: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts sshd in the foreground and resolves once it listens. */
async function startSshd(config: string): Promise<{ process: ChildProcess; log: () => string }> {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const check = spawnSync('/usr/sbin/sshd', ['-t', '-f', config], { encoding: 'utf8' });
  assert.equal(check.status, 0, `sshd rejects its configuration: ${check.stderr}`);
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start: ${output}`)), 10_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Server listening on')) { clearTimeout(timer); resolve(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sshd exited with ${code}: ${output}`)); });
  });
  child.removeAllListeners('exit');
  return { process: child, log: () => output };
}

for (const kind of testDatabaseKinds()) {
  describe(`SSH logins through a real sshd and AuthorizedKeysCommand on ${kind}`, () => {
    let t: TestServer;
    let work: string;
    let commandDir: string;
    let sshd: { process: ChildProcess; log: () => string } | undefined;
    let port: number;
    const login = userInfo().username;

    before(async () => {
      requireProgram('/usr/sbin/sshd', 'openssh-server');
      requireProgram('ssh', 'openssh-client');
      requireProgram('ssh-keygen', 'openssh-client');
      requireProgram('curl', 'curl');
      if (process.getuid?.() !== 0) throw new Error('This test starts sshd, which must run as root (as it does in CI).');
      t = await createTestServer({ database: kind });
      work = mkdtempSync(join(tmpdir(), 'latch-sshd-'));
      mkdirSync(commandParent, { recursive: true, mode: 0o755 });
      commandDir = mkdtempSync(join(commandParent, 'latch-test-'));
      chmodSync(commandDir, 0o755);
      port = await freePort();
    });

    after(async () => {
      if (sshd) {
        sshd.process.kill('SIGTERM');
        await new Promise((resolve) => sshd!.process.once('exit', resolve));
      }
      if (commandDir) rmSync(commandDir, { recursive: true, force: true });
      if (work) rmSync(work, { recursive: true, force: true });
      await t?.close();
    });

    // Asynchronous, so sshd's log keeps flowing into this process while ssh runs.
    const ssh = (identity: string) => run('ssh', [
      '-F', '/dev/null', '-i', identity, '-p', String(port),
      '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'ConnectTimeout=10', '-o', 'LogLevel=ERROR',
      `${login}@127.0.0.1`, 'echo latch-login-ok',
    ]);

    it('logs in with a key registered in Latch and is refused once the key is deleted', async () => {
      const { client, userId } = await t.signedInUser();
      const identity = join(work, 'id_ed25519');
      const publicKey = sshKeygen(identity, 'ed25519', undefined, 'e2e@latch');
      const other = sshKeygen(join(work, 'id_other'), 'ed25519', undefined, 'unregistered@latch');
      assert.ok(other);
      const added = await client.post('/me/ssh-keys', { name: 'e2e laptop', publicKey });
      assert.equal(added.status, 201, added.text);
      const { secret } = await createApiKey(client, { name: 'sshd on test host', scopes: ['ssh:read'] });

      // The command sshd runs as `nobody`: fetch this account's keys with an ssh:read API key.
      const command = join(commandDir, 'latch-authorized-keys');
      writeFileSync(command, [
        '#!/bin/sh',
        '# $1 is the login name (%u); every login on this host maps to one Latch account.',
        `exec curl -fsS --max-time 5 -H 'Authorization: Bearer ${secret}' '${t.baseUrl}/users/${userId}/authorized_keys'`,
        '',
      ].join('\n'), { mode: 0o755 });
      assert.equal(statSync(command).uid, 0);

      const hostKey = join(work, 'ssh_host_ed25519_key');
      sshKeygen(hostKey, 'ed25519');
      const config = join(work, 'sshd_config');
      writeFileSync(config, [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        'PidFile none',
        'UsePAM no',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin prohibit-password',
        'AuthorizedKeysFile none',
        `AuthorizedKeysCommand ${command} %u`,
        'AuthorizedKeysCommandUser nobody',
        'LogLevel VERBOSE',
        '',
      ].join('\n'));
      sshd = await startSshd(config);

      const ok = await ssh(identity);
      assert.equal(ok.status, 0, `ssh failed: ${ok.stderr}\nsshd: ${sshd.log()}`);
      assert.equal(ok.stdout.trim(), 'latch-login-ok');

      const stranger = await ssh(join(work, 'id_other'));
      assert.notEqual(stranger.status, 0, 'a key not registered in Latch is refused');

      const keyId = (await client.get('/me/ssh-keys')).body.items[0].id;
      assert.equal((await client.delete(`/me/ssh-keys/${keyId}`)).status, 204);
      const refused = await ssh(identity);
      assert.notEqual(refused.status, 0, 'the deleted key no longer logs in');
      assert.match(refused.stderr, /Permission denied/);
      const usage = (await client.get('/me/api-keys')).body.items[0];
      assert.ok(usage.usageCount >= 2, 'sshd asked Latch with the API key');
    });
  });
}
