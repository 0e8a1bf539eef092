import { argon2iFormat, argon2idFormat } from './argon2.js';
import { bcryptFormat } from './bcrypt.js';
import { firebaseScryptFormat } from './firebase-scrypt.js';
import type { HashFormat } from './format.js';
import { pbkdf2Sha256Format } from './pbkdf2.js';
import { scryptFormat } from './scrypt.js';

export type { HashFormat } from './format.js';
export { toFirebaseScryptHash, type FirebaseHashParameters } from './firebase-scrypt.js';

/**
 * Every stored-hash format Latch verifies, one module each. A new format is one more module here;
 * the first whose prefix claims a string verifies it.
 */
export const hashFormats: readonly HashFormat[] = [argon2idFormat, argon2iFormat, bcryptFormat, scryptFormat, pbkdf2Sha256Format, firebaseScryptFormat];

/** The format of a stored hash, by its prefix, or undefined when Latch knows none. */
export function hashFormatOf(hash: string): HashFormat | undefined {
  return hashFormats.find((format) => format.claims(hash));
}

/** Whether an imported hash can be kept: its format, or why not. */
export type HashInspection =
  | { ok: true; format: string }
  | { ok: false; reason: 'unknown_hash_format' | 'invalid_hash'; message: string };

/**
 * Checks a hash before it is stored: a known format, well formed, with parameters inside the
 * bounds (so no imported hash makes a sign-in cost minutes or gigabytes).
 * @example inspectHash('$2y$10$…') // { ok: true, format: 'bcrypt' }
 */
export function inspectHash(hash: string): HashInspection {
  const format = hashFormatOf(hash);
  if (!format) {
    return { ok: false, reason: 'unknown_hash_format', message: 'Known formats: argon2id, argon2i, bcrypt ($2a$, $2b$, $2y$), scrypt and PBKDF2-SHA256 (PHC strings), Firebase scrypt.' };
  }
  const problem = format.problem(hash);
  return problem ? { ok: false, reason: 'invalid_hash', message: problem } : { ok: true, format: format.name };
}

/** Verifies a password against a stored hash of any known format; false for unknown or malformed hashes. */
export async function verifyStoredHash(hash: string, password: string): Promise<boolean> {
  const format = hashFormatOf(hash);
  if (!format) return false;
  try {
    return await format.verify(hash, password);
  } catch {
    return false;
  }
}
