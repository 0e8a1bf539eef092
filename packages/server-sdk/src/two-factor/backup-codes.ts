import { randomCrockford } from '../crypto/random.js';
import type { PasswordHasher } from '../passwords/hasher.js';

/** Characters of a backup code: 16 Crockford base-32 characters carry 80 bits. */
export const backupCodeLength = 16;

const alphabet = /^[0-9A-HJKMNP-TV-Z]+$/;

/** Shows a code in four groups of four (`7KQ2-M9XD-…`), which people copy and type more reliably. */
export function formatBackupCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/**
 * Reads a typed backup code: case, spaces and hyphens do not matter, and the letters Crockford
 * base-32 leaves out are read as the digits they look like (O → 0, I and L → 1). Null when the
 * input cannot be a backup code.
 * @example normalizeBackupCode('7kq2 m9xd ab1c oilz') // '7KQ2M9XDAB1C011Z'
 */
export function normalizeBackupCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === backupCodeLength && alphabet.test(code) ? code : null;
}

/** A new set of backup codes: what to show once, and what to store. */
export interface PreparedBackupCodes {
  /** The codes, formatted for display; shown to the user once and never stored. */
  codes: string[];
  /** Salted argon2id hashes of the normalized codes. */
  hashes: string[];
}

/**
 * Generates `count` backup codes from the CSPRNG and hashes them. 80 bits is below the 112 bits
 * under which NIST and ASVS ask for a salted password hash, so the password hasher is used.
 * @example const { codes, hashes } = await prepareBackupCodes(services.hasher, 10);
 */
export async function prepareBackupCodes(hasher: PasswordHasher, count: number): Promise<PreparedBackupCodes> {
  const raw = Array.from({ length: count }, () => randomCrockford(backupCodeLength));
  const hashes = await Promise.all(raw.map((code) => hasher.hash(code)));
  return { codes: raw.map(formatBackupCode), hashes };
}
