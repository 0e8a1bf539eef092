import { parseEmail } from '../accounts/email.js';
import { NotFoundError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { SshKeyRecord } from './repository.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Formats keys as an authorized_keys file: one `type base64 [comment]` line per key, no options.
 * Keys were validated and re-encoded when stored and comments hold no control characters, so a
 * line can never carry options or break into a second line.
 * @example formatAuthorizedKeys(keys) // 'ssh-ed25519 AAAA… alice@laptop\n'
 */
export function formatAuthorizedKeys(keys: Array<Pick<SshKeyRecord, 'publicKey' | 'comment'>>): string {
  return keys.map((k) => (k.comment ? `${k.publicKey} ${k.comment}\n` : `${k.publicKey}\n`)).join('');
}

/**
 * Finds an account by id (UUID) or login email.
 * @throws NotFoundError with a one-line reason when no account matches.
 */
export async function findAccount(storage: Storage, userIdOrEmail: string): Promise<UserRecord> {
  const value = userIdOrEmail.trim();
  let user: UserRecord | null = null;
  if (uuid.test(value)) user = await storage.users.findById(value.toLowerCase());
  else {
    const email = parseEmail(value);
    if (email) user = await storage.users.findByEmail(email.normalized);
  }
  if (!user) throw new NotFoundError({ detail: 'No account has this id or email address.' });
  return user;
}
