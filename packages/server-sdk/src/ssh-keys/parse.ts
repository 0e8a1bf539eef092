import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { InvalidSshKeyError } from '../errors.js';
import { encodeSshMpint, encodeSshString, SshWireReader, unsignedBytes } from './wire.js';

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
  /**
   * `type base64` of the key re-encoded the way OpenSSH writes it (no comment, no options), so
   * one key has one form however it was padded when pasted.
   */
  publicKey: string;
  /** `SHA256:` + unpadded base64 of SHA-256 over that blob, exactly as `ssh-keygen -lf` prints it. */
  fingerprint: string;
  /** Key size in bits (modulus for RSA, curve size for ECDSA and Ed25519). */
  bits: number;
  /** The comment after the key (often `user@host`), or null. */
  comment: string | null;
}

/** The curves, with their group orders (SEC 2), which OpenSSH's point checks compare against. */
const ecdsaCurves = {
  nistp256: { crv: 'P-256', bytes: 32, bits: 256, order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n },
  nistp384: {
    crv: 'P-384', bytes: 48, bits: 384,
    order: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
  },
  nistp521: {
    crv: 'P-521', bytes: 66, bits: 521,
    order: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
  },
} as const;

type EcdsaCurveName = keyof typeof ecdsaCurves;

const fail = (detail: string) => new InvalidSshKeyError({ detail, errors: [{ field: 'publicKey', code: 'invalid_ssh_key', message: detail }] });
const damaged = () => fail('The key data is damaged or incomplete.');
const mismatched = () => fail('The key data does not match its declared type.');
const badPoint = () => fail('The key is not a valid point on its elliptic curve.');

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
 * refuses DSA, short RSA, certificates, options, several keys, garbage and private keys. The
 * blob is checked as OpenSSH checks it (sshkey_read), plus a sound RSA exponent. Error details
 * never quote the input.
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
  const key = decodeBlob(type as SshKeyType, blob);
  return { type: type as SshKeyType, publicKey: `${type} ${key.blob.toString('base64')}`, fingerprint: sshFingerprint(key.blob), bits: key.bits, comment };
}

function parseComment(raw: string | undefined): string | null {
  const comment = raw?.trim() ?? '';
  if (comment.length === 0) return null;
  if (comment.length > 400) throw fail('The comment after the key is too long (400 characters at most).');
  if (/\p{Cc}/u.test(comment)) throw fail('The comment after the key contains control characters.');
  return comment;
}

/** A key read from its blob. */
interface DecodedKey {
  /** Key size as `ssh-keygen -lf` prints it. */
  bits: number;
  /** The fields after the type name, re-encoded as OpenSSH writes them. */
  fields: Buffer[];
}

/** The blob's fields for each type (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4, OpenSSH PROTOCOL.u2f). */
const decoders: Record<SshKeyType, (reader: SshWireReader) => DecodedKey> = {
  'ssh-ed25519': readEd25519,
  'ecdsa-sha2-nistp256': (reader) => readEcdsa(reader, 'nistp256'),
  'ecdsa-sha2-nistp384': (reader) => readEcdsa(reader, 'nistp384'),
  'ecdsa-sha2-nistp521': (reader) => readEcdsa(reader, 'nistp521'),
  'ssh-rsa': readRsa,
  'sk-ssh-ed25519@openssh.com': (reader) => withApplication(reader, readEd25519(reader)),
  'sk-ecdsa-sha2-nistp256@openssh.com': (reader) => withApplication(reader, readEcdsa(reader, 'nistp256')),
};

/**
 * Validates the blob for its declared type and re-encodes it. OpenSSH fingerprints and compares
 * the re-encoded key, so padded numbers or a trailing NUL in a name give the same key as the
 * plain encoding, and the stored form must be that one for uniqueness to hold.
 */
function decodeBlob(type: SshKeyType, blob: Buffer): { bits: number; blob: Buffer } {
  const reader = new SshWireReader(blob);
  const name = reader.readCString();
  if (name === null) throw damaged();
  if (name !== type) throw mismatched();
  const key = decoders[type](reader);
  if (!reader.done) throw damaged();
  return { bits: key.bits, blob: Buffer.concat([encodeSshString(type), ...key.fields]) };
}

/** OpenSSH checks only the length: any 32 bytes are an Ed25519 public key to it. */
function readEd25519(reader: SshWireReader): DecodedKey {
  const key = reader.readString();
  if (!key || key.length !== 32) throw damaged();
  return { bits: 256, fields: [encodeSshString(key)] };
}

function readRsa(reader: SshWireReader): DecodedKey {
  const e = reader.readMpint();
  const n = reader.readMpint();
  if (e === null || n === null) throw damaged();
  const bits = bitLength(n);
  if (bits < minRsaBits) throw fail(`RSA keys need at least ${minRsaBits} bits (this one has ${bits}). Better: use an Ed25519 key (ssh-keygen -t ed25519).`);
  if (bits > maxRsaBits) throw fail(`RSA keys may have at most ${maxRsaBits} bits.`);
  // OpenSSH does not look at e; but an even e is no RSA key, and with e = 1 anyone can sign.
  if (e < 3n || e % 2n === 0n) throw fail('The RSA public exponent is not valid (it must be odd and at least 3).');
  importOrFail({ kty: 'RSA', n: unsignedBytes(n).toString('base64url'), e: unsignedBytes(e).toString('base64url') }, damaged);
  return { bits, fields: [encodeSshMpint(e), encodeSshMpint(n)] };
}

function readEcdsa(reader: SshWireReader, curveName: EcdsaCurveName): DecodedKey {
  const curve = ecdsaCurves[curveName];
  const name = reader.readCString();
  if (name === null) throw damaged();
  if (name !== curveName) throw mismatched();
  const point = reader.readString();
  if (!point) throw damaged();
  checkEcdsaPoint(curve, point);
  return { bits: curve.bits, fields: [encodeSshString(curveName), encodeSshString(point)] };
}

/** The point checks of OpenSSH (sshbuf_get_ec, then sshkey_ec_validate_public). */
function checkEcdsaPoint(curve: (typeof ecdsaCurves)[EcdsaCurveName], point: Buffer): void {
  // Uncompressed only (0x04, x, y): compressed points and the one-byte point at infinity are refused.
  if (point.length !== 1 + 2 * curve.bytes || point[0] !== 0x04) throw badPoint();
  const x = point.subarray(1, 1 + curve.bytes);
  const y = point.subarray(1 + curve.bytes);
  // OpenSSL refuses a point that is not on the curve.
  importOrFail({ kty: 'EC', crv: curve.crv, x: x.toString('base64url'), y: y.toString('base64url') }, badPoint);
  // Each coordinate has more than half the bits of the group order and is below order - 1.
  // (OpenSSH's n·Q = infinity check holds for every point on these curves: their cofactor is 1.)
  const minBits = Math.floor(bitLength(curve.order) / 2);
  for (const coordinate of [x, y]) {
    const value = BigInt(`0x${coordinate.toString('hex')}`);
    if (bitLength(value) <= minBits || value >= curve.order - 1n) throw badPoint();
  }
}

/**
 * FIDO keys carry the FIDO application after the plain key. OpenSSH takes any string; Latch
 * also wants it printable and short, as every authenticator's ("ssh:…") is.
 */
function withApplication(reader: SshWireReader, key: DecodedKey): DecodedKey {
  const application = reader.readCString();
  if (application === null || !/^[\x20-\x7e]{1,256}$/.test(application)) throw damaged();
  return { bits: key.bits, fields: [...key.fields, encodeSshString(application)] };
}

/** The number of bits of a non-negative integer (OpenSSL's BN_num_bits). */
function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function importOrFail(jwk: JsonWebKey, error: () => InvalidSshKeyError): void {
  try {
    createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    throw error();
  }
}
