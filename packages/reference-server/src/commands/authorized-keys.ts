import type { Latch } from '@latch/server-sdk';
import { defineCommand, UsageError } from './command.js';

/**
 * `latch-server authorized-keys USER`: a user's SSH public keys (by id or login email) in
 * authorized_keys format, for sshd's `AuthorizedKeysCommand`. Disabled accounts print nothing.
 * @throws NotFoundError (one-line message) when no account matches.
 * @example process.stdout.write(await authorizedKeysCommand(latch, 'alice@example.com'));
 */
export async function authorizedKeysCommand(latch: Pick<Latch, 'authorizedKeys'>, user: string): Promise<string> {
  return latch.authorizedKeys(user);
}

/** The CLI form of {@link authorizedKeysCommand}. */
export const authorizedKeysCliCommand = defineCommand({
  name: 'authorized-keys',
  synopsis: 'USER',
  summary: "print USER's SSH keys (id or email) in authorized_keys format",
  parse(args) {
    if (args.length !== 1) throw new UsageError('authorized-keys needs exactly one USER (id or email)');
    return { user: args[0]! };
  },
  async run(latch, options) {
    return { stdout: await authorizedKeysCommand(latch, options.user) };
  },
});
