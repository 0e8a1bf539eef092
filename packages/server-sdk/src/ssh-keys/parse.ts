import { createHash, createPublicKey } from 'node:crypto';
import sshpk from 'sshpk';
import { InvalidSshKeyError } from '../errors.js';
import { SshWireReader } from './wire.js';

/** Key types Latch accepts, in the order the docs list them. */
export const acceptedSshKeyTypes = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

/** One of {@link acceptedSshKeyTypes}. */
export type SshKeyType = (typeof acceptedSshKeyTypes)[number];

/**
 * Smallest RSA modulus accepted. 2048 bits (about 112-bit security) is what OpenSSH itself
 * requires and what most deployed keys have; ASVS suggests 3072 for 128-bit security, which is
 * why Ed25519 is the documented recommendation.
 */
export const minRsaBits = 2048;

/** Largest RSA modulus accepted (bounds the verification cost sshd pays). */
export const maxRsaBits = 16384;

/** Longest accepted input, far above any real public key line. */
export const maxSshKeyInputLength = 16 * 1024;

/** A validated public key in canonical form. */
export interface ParsedSshKey {
  type: SshKeyType;
  /** `type base64`, re-encoded from the parsed blob (no comment, no options). */
  publicKey: string;
  /** `SHA256:` + unpadded base64 of SHA-256 over the key blob, exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Key size in bits (modulus for RSA, curve size for ECDSA and Ed25519). */
  bits: number;
  /** The comment after the key (often `user@host`), or null. */
  comment: string | null;
}

const ecdsaCurves = {
  nistp256: { crv: 'P-256', bytes: 32, bits: 256 },
  nistp384: { crv: 'P-384', bytes: 48, bits: 384 },
  nistp521: { crv: 'P-521', bytes: 66, bits: 521 },
} as const;

const fail = (detail: string) => new InvalidSshKeyError({ detail, errors: [{ field: 'publicKey', code: 'invalid_ssh_key', message: detail }] });

const privateKeyMarkers = [
  /PRIVATE KEY/i,
  /PuTTY-User-Key-File/i,
  // "openssh-key-v1\0" in base64: the body of an OpenSSH private key pasted without its armour.
  /b3BlbnNzaC1rZXktdjE/,
];

/** True when the text looks like a private key (which must never be stored, echoed or logged). */
export function looksLikePrivateKey(text: string): boolean {
  return privateKeyMarkers.some((marker) => marker.test(text));
}

/**
 * The SSH fingerprint of a key blob: `SHA256:` and the unpadded base64 of its SHA-256, as
 * `ssh-keygen -lf` prints it.
 * @example sshFingerprint(Buffer.from(base64Part, 'base64')) // 'SHA256:…'
 */
export function sshFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/**
 * Parses and validates one OpenSSH public key line (`type base64 [comment]`). Accepts Ed25519,
 * ECDSA on nistp256/384/521, RSA of at least {@link minRsaBits} bits and the FIDO `sk-` types;
 * refuses DSA, short RSA, certificates, options, several keys, garbage and private keys. Error
 * details never quote the input.
 * @throws InvalidSshKeyError
 * @example parseSshPublicKey('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI… alice@laptop').fingerprint
 */
export function parseSshPublicKey(input: string): ParsedSshKey {
  if (input.length > maxSshKeyInputLength) throw fail('This is far too long for a public key.');
  if (looksLikePrivateKey(input)) {
    throw fail('This is a private key. Never share it: paste the public key instead (the contents of the .pub file, e.g. ~/.ssh/id_ed25519.pub). If this private key was sent anywhere, replace it.');
  }
  const line = input.trim();
  if (line.length === 0) throw fail('Paste a public key.');
  if (/[\r\n]/.test(line)) throw fail('Paste exactly one key, on one line.');
  if (line.startsWith('---- BEGIN SSH2 PUBLIC KEY')) throw fail('Use the OpenSSH format (one line starting with the key type, as in a .pub file).');
  const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
  if (!match) throw fail('A public key line has a type, the key in base64, and an optional comment.');
  const [, type, base64, rawComment] = match as unknown as [string, string, string, string | undefined];
  if (type === 'ssh-dss') throw fail('DSA keys are not accepted (they are limited to 1024 bits). Use an Ed25519 key: ssh-keygen -t ed25519.');
  if (type.endsWith('-cert-v01@openssh.com')) throw fail('Certificates are not accepted; paste the plain public key.');
  if (!(acceptedSshKeyTypes as readonly string[]).includes(type)) {
    throw fail(`Unsupported key type. Accepted: ${acceptedSshKeyTypes.join(', ')}.`);
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw fail('The key is not valid base64.');
  const blob = Buffer.from(base64, 'base64');
  // Node decodes leniently; a round trip proves the text was canonical base64 of these bytes.
  if (blob.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) throw fail('The key is not valid base64.');
  const comment = parseComment(rawComment);
  const bits = validateBlob(type as SshKeyType, blob);
  return { type: type as SshKeyType, publicKey: `${type} ${blob.toString('base64')}`, fingerprint: sshFingerprint(blob), bits, comment };
}

function parseComment(raw: string | undefined): string | null {
  const comment = raw?.trim() ?? '';
  if (comment.length === 0) return null;
  if (comment.length > 400) throw fail('The comment after the key is too long (400 characters at most).');
  if (/\p{Cc}/u.test(comment)) throw fail('The comment after the key contains control characters.');
  return comment;
}

/** Checks the blob's structure and key material for its declared type; returns the size in bits. */
function validateBlob(type: SshKeyType, blob: Buffer): number {
  const reader = new SshWireReader(blob);
  if (reader.readText() !== type) throw fail('The key data does not match its declared type.');
  if (type.startsWith('sk-')) return validateSecurityKey(type, reader);
  // The fields of each type (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4), and nothing after them.
  const fields = type === 'ssh-ed25519' ? 1 : 2;
  for (let i = 0; i < fields; i++) if (!reader.readString()) throw fail('The key data is damaged or incomplete.');
  if (!reader.done) throw fail('The key data is damaged or incomplete.');
  let key: sshpk.Key;
  try {
    key = sshpk.parseKey(`${type} ${blob.toString('base64')}`, 'ssh');
    // OpenSSL validates the material (points on the curve, RSA structure) while importing it.
    createPublicKey(key.toString('pkcs8'));
  } catch {
    throw fail('The key data is damaged or incomplete.');
  }
  if (type === 'ssh-rsa') {
    if (key.size < minRsaBits) throw fail(`RSA keys need at least ${minRsaBits} bits (this one has ${key.size}). Better: use an Ed25519 key (ssh-keygen -t ed25519).`);
    if (key.size > maxRsaBits) throw fail(`RSA keys may have at most ${maxRsaBits} bits.`);
  }
  if (type.startsWith('ecdsa-') && `ecdsa-sha2-${key.curve}` !== type) throw fail('The key data does not match its declared type.');
  return key.size;
}

/**
 * FIDO keys (`sk-…@openssh.com`), which sshpk does not read: the blob is the plain key followed
 * by the FIDO application string (RFC 4251 strings; see OpenSSH's PROTOCOL.u2f).
 */
function validateSecurityKey(type: SshKeyType, reader: SshWireReader): number {
  let bits: number;
  if (type === 'sk-ssh-ed25519@openssh.com') {
    const point = reader.readString();
    if (!point || point.length !== 32) throw fail('The key data is damaged or incomplete.');
    importOrFail({ kty: 'OKP', crv: 'Ed25519', x: point.toString('base64url') });
    bits = 256;
  } else {
    const curveName = reader.readText();
    const point = reader.readString();
    const curve = ecdsaCurves.nistp256;
    if (curveName !== 'nistp256' || !point || point.length !== 1 + 2 * curve.bytes || point[0] !== 0x04) {
      throw fail('The key data is damaged or incomplete.');
    }
    importOrFail({
      kty: 'EC', crv: curve.crv,
      x: point.subarray(1, 1 + curve.bytes).toString('base64url'),
      y: point.subarray(1 + curve.bytes).toString('base64url'),
    });
    bits = curve.bits;
  }
  const application = reader.readText();
  if (!application || application.length > 256 || !reader.done) throw fail('The key data is damaged or incomplete.');
  return bits;
}

function importOrFail(jwk: Record<string, string>): void {
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw fail('The key data is damaged or incomplete.');
  }
}
