import { sha256 } from '../crypto/digest.js';
import { randomToken } from '../crypto/random.js';

/** Random bytes in every API key (256 bits). */
export const apiKeyRandomBytes = 32;

/** Characters of the random part shown in listings after the fixed prefix. */
const displayedCharacters = 6;

/** A freshly made API key: the secret (shown once), its hash (stored) and display prefix. */
export interface GeneratedApiKey {
  /** The whole key, `latch_` + 43 base64url characters. Shown once, never stored. */
  secret: string;
  /** SHA-256 of the key (base64url), the only form stored. */
  hash: string;
  /** The fixed prefix plus the first random characters, e.g. `latch_Xy3k9A`. */
  displayPrefix: string;
}

/**
 * Makes a new API key: the fixed prefix (so secret scanners and the server recognize it) and 256
 * bits from the CSPRNG.
 * @example const { secret, hash, displayPrefix } = generateApiKey('latch_');
 */
export function generateApiKey(prefix: string): GeneratedApiKey {
  const secret = prefix + randomToken(apiKeyRandomBytes);
  return { secret, hash: hashApiKey(secret), displayPrefix: secret.slice(0, prefix.length + displayedCharacters) };
}

/** The stored form of a key. Keys carry 256 random bits, so a fast hash suffices. */
export function hashApiKey(secret: string): string {
  return sha256(secret);
}

/**
 * True when `value` has the exact shape of a key with this prefix; anything else is refused
 * before it costs a lookup.
 */
export function isWellFormedApiKey(value: string, prefix: string): boolean {
  return value.length === prefix.length + 43 && value.startsWith(prefix) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(prefix.length));
}
