import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Fails (never skips) when a system program the test needs is missing, naming the Debian
 * package that provides it.
 */
export function requireProgram(path: string, debianPackage: string): string {
  const found = path.startsWith('/') ? existsSync(path) : spawnSync('sh', ['-c', `command -v ${path}`]).status === 0;
  if (!found) {
    throw new Error(`This test needs ${path}, which is missing. Install it with: apt-get install -y ${debianPackage}`);
  }
  return path;
}

/** Generates an SSH key pair with ssh-keygen; returns the public key line. */
export function sshKeygen(file: string, type: string, bits?: number, comment = 'test@latch'): string {
  const args = ['-q', '-t', type, '-N', '', '-C', comment, '-f', file];
  if (bits) args.push('-b', String(bits));
  execFileSync('ssh-keygen', args, { stdio: 'pipe' });
  return execFileSync('cat', [`${file}.pub`], { encoding: 'utf8' }).trim();
}

/** The fingerprint `ssh-keygen -lf` prints for a public key file (`SHA256:…`). */
export function keygenFingerprint(pubFile: string): string {
  const out = execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' });
  const match = /SHA256:[A-Za-z0-9+/]+/.exec(out);
  if (!match) throw new Error(`unexpected ssh-keygen output: ${out}`);
  return match[0];
}
