import { createCipheriv } from 'node:crypto';
import { decodeStandardBase64 } from './base64.js';
import { anyCandidate, integer, lengthProblem, sameBytes, type HashFormat } from './format.js';
import { deriveScrypt, scryptCostProblem } from './scrypt.js';

/** A Firebase project's password hash parameters (Console → Authentication → Users → Password hash parameters). */
export interface FirebaseHashParameters {
  /** `base64_signer_key`. */
  signerKey: string;
  /** `base64_salt_separator`. */
  saltSeparator: string;
  /** `rounds` (scrypt's block size r; 8 in every Firebase project seen). */
  rounds: number;
  /** `mem_cost` (log2 of scrypt's N; 14 in every Firebase project seen). */
  memCost: number;
}

// GoTrue's spelling, so hashes move between the two unchanged:
// `$fbscrypt$v=1,n=<mem_cost>,r=<rounds>,p=1,ss=<salt separator>,sk=<signer key>$<salt>$<hash>`, standard base64.
const modular = /^\$fbscrypt\$v=([0-9]+),n=([0-9]+),r=([0-9]+),p=([0-9]+),ss=([^,$]+),sk=([^,$]+)\$([^$]+)\$([^$]+)$/;

interface FirebaseHash { logN: number; blockSize: number; parallelism: number; saltSeparator: Buffer; signerKey: Buffer; salt: Buffer; hash: Buffer }

function parse(text: string): FirebaseHash | string {
  const m = modular.exec(text);
  if (!m) return 'Not a Firebase scrypt string ($fbscrypt$v=1,n=…,r=…,p=1,ss=…,sk=…$salt$hash).';
  if (m[1] !== '1') return `Firebase scrypt version ${m[1]} is not known; only v=1 is.`;
  const [logN, blockSize, parallelism] = [integer(m[2]), integer(m[3]), integer(m[4])];
  const [saltSeparator, signerKey, salt, hash] = [m[5]!, m[6]!, m[7]!, m[8]!].map(decodeStandardBase64);
  const problem = scryptCostProblem(logN, blockSize, parallelism)
    ?? lengthProblem('salt separator', saltSeparator, 0, 64)
    ?? lengthProblem('signer key', signerKey, 16, 256)
    ?? lengthProblem('salt', salt, 1, 128)
    ?? lengthProblem('hash', hash, 16, 256);
  if (problem) return problem;
  if (hash!.length !== signerKey!.length) return 'The hash and the signer key differ in length; check the project parameters.';
  return { logN, blockSize, parallelism, saltSeparator: saltSeparator!, signerKey: signerKey!, salt: salt!, hash: hash! };
}

/**
 * Builds the stored form of a Firebase account's password from its export (`passwordHash` and
 * `salt`, base64) and the project's parameters. The string carries the signer key, as GoTrue's
 * does: it is needed to verify and disappears with the rehash at the owner's next sign-in.
 * @example toFirebaseScryptHash({ passwordHash: 'lSrfV15c…', salt: '42xEC+ixf3L2lw==' }, { signerKey, saltSeparator: 'Bw==', rounds: 8, memCost: 14 })
 */
export function toFirebaseScryptHash(account: { passwordHash: string; salt: string }, project: FirebaseHashParameters): string {
  return `$fbscrypt$v=1,n=${project.memCost},r=${project.rounds},p=1,ss=${project.saltSeparator},sk=${project.signerKey}$${account.salt}$${account.passwordHash}`;
}

/**
 * Firebase Authentication's modified scrypt: key = scrypt(password, salt ‖ saltSeparator,
 * N = 2^mem_cost, r = rounds, p = 1, 32 bytes); the stored hash is the project's signer key
 * encrypted with AES-256-CTR under that key and a zero IV. Both steps run in node:crypto, the
 * scrypt on libuv's thread pool.
 */
export const firebaseScryptFormat: HashFormat = {
  name: 'firebase-scrypt',
  claims: (hash) => hash.startsWith('$fbscrypt$'),
  problem(hash) {
    const parsed = parse(hash);
    return typeof parsed === 'string' ? parsed : null;
  },
  async verify(text, password) {
    const parsed = parse(text);
    if (typeof parsed === 'string') return false;
    const salt = Buffer.concat([parsed.salt, parsed.saltSeparator]);
    return anyCandidate(password, async (candidate) => {
      const key = await deriveScrypt(candidate, salt, { ...parsed, keyLength: 32 });
      const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
      return sameBytes(Buffer.concat([cipher.update(parsed.signerKey), cipher.final()]), parsed.hash);
    });
  },
};
