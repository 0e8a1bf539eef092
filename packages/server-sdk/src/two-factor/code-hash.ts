import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Hashes short emailed codes with HMAC-SHA256 under a key derived from the master secret.
 * A six-digit code has too few bits for any unkeyed hash (a dump would be reversed in seconds);
 * with the key kept outside the database, a dump alone reveals nothing. The scope (the pending
 * sign-in or the user) is mixed in, so a code never matches outside the flow it was sent for.
 */
export type EmailCodeHasher = (scope: string, code: string) => string;

/**
 * Creates an {@link EmailCodeHasher} from the master secret.
 * @example const hash = createEmailCodeHasher(config.secret); hash(`sign_in:${challengeId}`, '123456');
 */
export function createEmailCodeHasher(masterSecret: string): EmailCodeHasher {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.alloc(0), 'latch:two-factor-email-code', 32));
  return (scope, code) => createHmac('sha256', key).update(`${scope}\n${code}`, 'utf8').digest('base64url');
}
