import { scrypt } from 'node:crypto';
import { decodePhcBase64 } from './base64.js';
import { anyCandidate, integer, lengthProblem, outOfRange, sameBytes, type HashFormat } from './format.js';

/**
 * Bounds of accepted scrypt parameters: at most 256 MiB of memory (128·N·r bytes) and 2^25
 * block mixes (N·r·p) per verification, which keeps one sign-in around a second.
 */
export const scryptBounds = { maxLogN: 20, maxBlockSize: 32, maxParallelism: 16, maxMemoryBytes: 256 * 1024 * 1024, maxWork: 2 ** 25 } as const;

/** Derives `keyLength` bytes with node:crypto's scrypt, on libuv's thread pool. */
export function deriveScrypt(password: string | Buffer, salt: Buffer, options: { logN: number; blockSize: number; parallelism: number; keyLength: number }): Promise<Buffer> {
  const N = 2 ** options.logN;
  const maxmem = 128 * N * options.blockSize * options.parallelism + 32 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password, salt, options.keyLength, { N, r: options.blockSize, p: options.parallelism, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A sentence when scrypt parameters are out of bounds, else null. */
export function scryptCostProblem(logN: number, blockSize: number, parallelism: number): string | null {
  const simple = outOfRange('cost ln', logN, 1, scryptBounds.maxLogN)
    ?? outOfRange('block size r', blockSize, 1, scryptBounds.maxBlockSize)
    ?? outOfRange('parallelism p', parallelism, 1, scryptBounds.maxParallelism);
  if (simple) return simple;
  if (128 * 2 ** logN * blockSize > scryptBounds.maxMemoryBytes) return `The scrypt memory 128·N·r is above ${scryptBounds.maxMemoryBytes / 1024 / 1024} MiB.`;
  if (2 ** logN * blockSize * parallelism > scryptBounds.maxWork) return 'The scrypt work N·r·p is above 2^25.';
  return null;
}

// `$scrypt$ln=16,r=8,p=1$salt$hash` (passlib, @phc/scrypt): salt and hash in PHC B64, no padding.
const phc = /^\$scrypt\$ln=([0-9]+),r=([0-9]+),p=([0-9]+)\$([^$]*)\$([^$]*)$/;

interface ScryptHash { logN: number; blockSize: number; parallelism: number; salt: Buffer; hash: Buffer }

function parse(text: string): ScryptHash | string {
  const m = phc.exec(text);
  if (!m) return 'Not a scrypt PHC string ($scrypt$ln=…,r=…,p=…$salt$hash).';
  const [logN, blockSize, parallelism] = [integer(m[1]), integer(m[2]), integer(m[3])];
  const salt = decodePhcBase64(m[4]!);
  const hash = decodePhcBase64(m[5]!);
  const problem = scryptCostProblem(logN, blockSize, parallelism) ?? lengthProblem('salt', salt, 1, 128) ?? lengthProblem('hash', hash, 16, 128);
  return problem ?? { logN, blockSize, parallelism, salt: salt!, hash: hash! };
}

/** scrypt (RFC 7914) in the PHC string form, verified with node:crypto off the event loop. */
export const scryptFormat: HashFormat = {
  name: 'scrypt',
  claims: (hash) => hash.startsWith('$scrypt$'),
  problem(hash) {
    const parsed = parse(hash);
    return typeof parsed === 'string' ? parsed : null;
  },
  async verify(text, password) {
    const parsed = parse(text);
    if (typeof parsed === 'string') return false;
    return anyCandidate(password, async (candidate) => {
      const derived = await deriveScrypt(candidate, parsed.salt, { ...parsed, keyLength: parsed.hash.length });
      return sameBytes(derived, parsed.hash);
    });
  },
};
