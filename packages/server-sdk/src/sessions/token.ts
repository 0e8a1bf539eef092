import { randomToken } from '../crypto/random.js';
import { sha256 } from '../crypto/digest.js';

/** A new session token: 256 random bits, base64url. Only its hash is stored. */
export function createSessionToken(): { token: string; tokenHash: string } {
  const token = randomToken(32);
  return { token, tokenHash: sha256(token) };
}

/** Session tokens are exactly 43 base64url characters; anything else is refused before a lookup. */
export function isWellFormedSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
