import { hash, verify, Algorithm } from '@node-rs/argon2';
import { verifyStoredHash } from './hash-formats/index.js';
import { normalizePassword } from './normalize.js';

export { normalizePassword } from './normalize.js';

/** Hashes and verifies passwords. The argon2id implementation runs on libuv's thread pool. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Verifies against a hash of any format in `hash-formats/` (argon2id, and imported ones). */
  verify(hashed: string, password: string): Promise<boolean>;
  /** True when `hashed` is of another format or was made with weaker parameters than the current ones. */
  needsRehash(hashed: string): boolean;
  /** Spends the same time as a verification, for unknown accounts. */
  burn(password: string): Promise<void>;
}

/** argon2id parameters (OWASP: 19456 KiB, 2 iterations, 1 lane). */
export interface Argon2Options {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * argon2id through @node-rs/argon2, off the event loop, never truncating input. Hashes of the
 * imported formats (argon2i, bcrypt, scrypt, PBKDF2-SHA256, Firebase scrypt) verify through their
 * modules in `hash-formats/`; `needsRehash` is true for them, so the next sign-in upgrades them.
 * @example const hasher = createArgon2Hasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
 */
export function createArgon2Hasher(options: Argon2Options): PasswordHasher {
  const params = { algorithm: Algorithm.Argon2id, memoryCost: options.memoryCost, timeCost: options.timeCost, parallelism: options.parallelism };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(normalizePassword(password), params),
    verify: (hashed, password) => verifyStoredHash(hashed, password),
    needsRehash(hashed) {
      const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hashed);
      if (!match) return true;
      return Number(match[1]) < options.memoryCost || Number(match[2]) < options.timeCost || Number(match[3]) !== options.parallelism;
    },
    async burn(password) {
      dummy ??= hash('latch-dummy-password-for-timing', params);
      try { await verify(await dummy, normalizePassword(password)); } catch { /* equal work is the point */ }
    },
  };
}
