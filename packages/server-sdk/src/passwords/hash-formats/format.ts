import { timingSafeEqual } from 'node:crypto';
import { normalizePassword } from '../normalize.js';

/**
 * One stored-hash format Latch verifies. Latch makes argon2id hashes itself; the other formats
 * come from imports (`POST /admin/users/import`) and stay as they are until the owner's next
 * successful sign-in rehashes the password to argon2id.
 */
export interface HashFormat {
  /** Stable name, reported in import answers and audit details (`bcrypt`, `argon2id`). */
  readonly name: string;
  /** Whether the string is of this format (by its prefix; the rest may still be malformed). */
  claims(hash: string): boolean;
  /**
   * Parses the string and checks its parameters against the bounds Latch accepts (so that no
   * imported hash makes a sign-in cost minutes or gigabytes). A sentence saying what is wrong,
   * or null when the hash can be kept.
   */
  problem(hash: string): string | null;
  /**
   * Verifies a password, off the event loop where the library allows. False for a wrong
   * password and for a malformed hash, never a rejection.
   */
  verify(hash: string, password: string): Promise<boolean>;
}

/**
 * The forms of a typed password an imported hash is checked against: as typed (what the previous
 * system most likely hashed) and, when it differs, in NFKC form (what Latch hashes).
 */
export function passwordCandidates(password: string): string[] {
  const normalized = normalizePassword(password);
  return normalized === password ? [password] : [password, normalized];
}

/** True when `check` accepts any of the candidates, tried in order. */
export async function anyCandidate(password: string, check: (candidate: string) => Promise<boolean>): Promise<boolean> {
  for (const candidate of passwordCandidates(password)) {
    if (await check(candidate)) return true;
  }
  return false;
}

/** Compares a derived key with the stored one in constant time (their lengths are public). */
export function sameBytes(derived: Buffer, stored: Buffer): boolean {
  return derived.length === stored.length && timingSafeEqual(derived, stored);
}

/** An integer parameter of a hash string, or NaN when it is not written as one. */
export function integer(text: string | undefined): number {
  return text !== undefined && /^(0|[1-9][0-9]{0,9})$/.test(text) ? Number(text) : Number.NaN;
}

/** A sentence when `value` is outside `[min, max]` (or not a number), else null. */
export function outOfRange(what: string, value: number, min: number, max: number): string | null {
  if (!Number.isInteger(value)) return `The ${what} is not a whole number.`;
  if (value < min || value > max) return `The ${what} ${value} is outside the accepted range ${min}–${max}.`;
  return null;
}

/** A sentence when a decoded part's length is outside `[min, max]` bytes, else null. */
export function lengthProblem(what: string, bytes: Buffer | null, min: number, max: number): string | null {
  if (!bytes) return `The ${what} is not valid base64.`;
  if (bytes.length < min || bytes.length > max) return `The ${what} has ${bytes.length} bytes; ${min}–${max} are accepted.`;
  return null;
}
