import bcrypt from 'bcryptjs';
import { anyCandidate, integer, outOfRange, type HashFormat } from './format.js';

/**
 * Accepted bcrypt costs. 14 is about 1.5 s of verification in bcryptjs; a higher cost would hold
 * a sign-in (and, in chunks of up to 100 ms, the event loop) for several seconds.
 */
export const bcryptBounds = { minCost: 4, maxCost: 14 } as const;

// `$2b$10$` + 22 characters of salt + 31 of hash, in bcrypt's own base64 alphabet.
const modular = /^\$2[aby]\$([0-9]{2})\$[./A-Za-z0-9]{53}$/;

/**
 * bcrypt `$2a$`, `$2b$` and `$2y$` (through bcryptjs, whose asynchronous compare runs in short
 * chunks and compares in constant time). Like every bcrypt, only the first 72 bytes of the UTF-8
 * password count: a longer password verifies against the hash of its first 72 bytes, as it did in
 * the system the hash comes from. The rehash at the next sign-in keeps the whole password.
 */
export const bcryptFormat: HashFormat = {
  name: 'bcrypt',
  claims: (hash) => /^\$2[aby]\$/.test(hash),
  problem(hash) {
    const m = modular.exec(hash);
    if (!m) return 'Not a bcrypt string ($2a$, $2b$ or $2y$, a two-digit cost, 53 characters of salt and hash).';
    return outOfRange('bcrypt cost', integer(m[1]!.replace(/^0/, '')), bcryptBounds.minCost, bcryptBounds.maxCost);
  },
  async verify(hash, password) {
    if (!modular.test(hash)) return false;
    return anyCandidate(password, async (candidate) => {
      try {
        return await bcrypt.compare(candidate, hash);
      } catch {
        return false;
      }
    });
  },
};
