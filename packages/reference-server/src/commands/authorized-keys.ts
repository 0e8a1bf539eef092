import type { Latch } from '@latch/server-sdk';

/**
 * `latch-server authorized-keys USER`: a user's SSH public keys (by id or login email) in
 * authorized_keys format, for sshd's `AuthorizedKeysCommand`. Disabled accounts print nothing.
 * @throws NotFoundError (one-line message) when no account matches.
 * @example process.stdout.write(await authorizedKeysCommand(latch, 'alice@example.com'));
 */
export async function authorizedKeysCommand(latch: Pick<Latch, 'authorizedKeys'>, user: string): Promise<string> {
  return latch.authorizedKeys(user);
}
