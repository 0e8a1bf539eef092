import { verify } from '@node-rs/argon2';
import { normalizePassword } from '../normalize.js';
import { decodePhcBase64 } from './base64.js';
import { integer, lengthProblem, outOfRange, type HashFormat } from './format.js';

/** Largest accepted memory (KiB), passes and lanes: a sign-in stays under a second and 256 MiB. */
export const argon2Bounds = { maxMemoryKiB: 262_144, maxPasses: 16, maxLanes: 16 } as const;

// `$argon2id$v=19$m=65536,t=3,p=4$salt$hash`; `v=` is absent in version 1.0 (0x10) strings.
const phc = /^\$(argon2id|argon2i)\$(?:v=(16|19)\$)?m=([0-9]+),t=([0-9]+),p=([0-9]+)\$([^$]*)\$([^$]*)$/;

function argon2Format(variant: 'argon2id' | 'argon2i'): HashFormat {
  const prefix = `$${variant}$`;
  return {
    name: variant,
    claims: (hash) => hash.startsWith(prefix),
    problem(hash) {
      const m = phc.exec(hash);
      if (!m || m[1] !== variant) return `Not an ${variant} PHC string ($${variant}$v=19$m=…,t=…,p=…$salt$hash).`;
      const lanes = integer(m[5]);
      return outOfRange('lane count p', lanes, 1, argon2Bounds.maxLanes)
        ?? outOfRange('memory m (KiB)', integer(m[3]), 8 * lanes, argon2Bounds.maxMemoryKiB)
        ?? outOfRange('pass count t', integer(m[4]), 1, argon2Bounds.maxPasses)
        ?? lengthProblem('salt', decodePhcBase64(m[6]!), 8, 64)
        ?? lengthProblem('hash', decodePhcBase64(m[7]!), 12, 128);
    },
    async verify(hash, password) {
      // Latch's own hashes are of the NFKC form; an imported one may be of the password as typed.
      const normalized = normalizePassword(password);
      for (const candidate of normalized === password ? [password] : [normalized, password]) {
        try {
          if (await verify(hash, candidate)) return true;
        } catch {
          return false;
        }
      }
      return false;
    },
  };
}

/** argon2id (RFC 9106) PHC strings: Latch's own format, and imported ones. */
export const argon2idFormat = argon2Format('argon2id');

/** argon2i PHC strings (imported; upgraded to argon2id at the next sign-in). */
export const argon2iFormat = argon2Format('argon2i');
