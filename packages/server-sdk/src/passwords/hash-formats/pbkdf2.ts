import { pbkdf2 } from 'node:crypto';
import { decodeAdaptedBase64, decodePhcBase64 } from './base64.js';
import { anyCandidate, integer, lengthProblem, outOfRange, sameBytes, type HashFormat } from './format.js';

/** Accepted iteration counts: 5,000,000 rounds of HMAC-SHA256 take under two seconds of a pool thread. */
export const pbkdf2Bounds = { minIterations: 1, maxIterations: 5_000_000 } as const;

interface Pbkdf2Hash { iterations: number; salt: Buffer; hash: Buffer }

// PHC form: `$pbkdf2-sha256$i=600000,l=32$salt$hash` (B64, no padding; `l` optional and must match).
const phcForm = /^\$pbkdf2-sha256\$i=([0-9]+)(?:,l=([0-9]+))?\$([^$]*)\$([^$]*)$/;
// passlib form: `$pbkdf2-sha256$29000$salt$hash`, salt and hash in passlib's adapted base64.
const passlibForm = /^\$pbkdf2-sha256\$([0-9]+)\$([^$]*)\$([^$]*)$/;

function parse(text: string): Pbkdf2Hash | string {
  let iterations: number;
  let salt: Buffer | null;
  let hash: Buffer | null;
  let declaredLength: number | undefined;
  const phc = phcForm.exec(text);
  const passlib = phc ? null : passlibForm.exec(text);
  if (phc) {
    [iterations, salt, hash] = [integer(phc[1]), decodePhcBase64(phc[3]!), decodePhcBase64(phc[4]!)];
    if (phc[2] !== undefined) declaredLength = integer(phc[2]);
  } else if (passlib) {
    [iterations, salt, hash] = [integer(passlib[1]), decodeAdaptedBase64(passlib[2]!), decodeAdaptedBase64(passlib[3]!)];
  } else {
    return 'Not a PBKDF2-SHA256 string ($pbkdf2-sha256$i=…$salt$hash, or passlib\'s $pbkdf2-sha256$rounds$salt$hash).';
  }
  const problem = outOfRange('iteration count', iterations, pbkdf2Bounds.minIterations, pbkdf2Bounds.maxIterations)
    ?? lengthProblem('salt', salt, 1, 128)
    ?? lengthProblem('hash', hash, 16, 64);
  if (problem) return problem;
  if (declaredLength !== undefined && declaredLength !== hash!.length) return `The declared length l=${declaredLength} does not match the hash's ${hash!.length} bytes.`;
  return { iterations, salt: salt!, hash: hash! };
}

function derive(password: string, parsed: Pbkdf2Hash): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password, parsed.salt, parsed.iterations, parsed.hash.length, 'sha256', (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * PBKDF2-HMAC-SHA256 in two spellings: the PHC string form (`i=` iterations, optional `l=` length,
 * standard B64 without padding) and passlib's `pbkdf2_sha256` (bare rounds, adapted base64 with
 * `.` for `+`). Verified with node:crypto on libuv's thread pool.
 */
export const pbkdf2Sha256Format: HashFormat = {
  name: 'pbkdf2-sha256',
  claims: (hash) => hash.startsWith('$pbkdf2-sha256$'),
  problem(hash) {
    const parsed = parse(hash);
    return typeof parsed === 'string' ? parsed : null;
  },
  async verify(text, password) {
    const parsed = parse(text);
    if (typeof parsed === 'string') return false;
    return anyCandidate(password, async (candidate) => sameBytes(await derive(candidate, parsed), parsed.hash));
  },
};
