import type { Latch } from '@latch/server-sdk';
import { NotFoundError } from '@latch/server-sdk';

/** Prints a user's SSH keys in authorized_keys format (filled in with the SSH-keys feature). */
export async function authorizedKeysCommand(_latch: Latch, _user: string): Promise<string> {
  throw new NotFoundError({ detail: 'SSH keys are not available yet' });
}
