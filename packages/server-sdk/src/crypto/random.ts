import { randomBytes, randomInt } from 'node:crypto';

/** A base64url string carrying `bytes` random bytes from the CSPRNG (32 bytes = 256 bits by default). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A string of `length` random decimal digits (uniform, CSPRNG). */
export function randomDigits(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` random Crockford base-32 characters (5 bits each, CSPRNG). */
export function randomCrockford(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += crockford[randomInt(32)];
  return out;
}
