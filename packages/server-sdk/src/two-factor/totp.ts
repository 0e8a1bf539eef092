import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { constantTimeEqual } from '../crypto/digest.js';

/** Seconds per time step (RFC 6238 X). */
export const totpPeriodSeconds = 30;
/** Digits of an authenticator-app code. */
export const totpDigits = 6;

/** Hash functions RFC 6238 allows; Latch enrols SHA1, the one every authenticator app supports. */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * A new 160-bit secret (RFC 4226's recommended size) as unpadded base32, from the CSPRNG
 * (`crypto.getRandomValues` inside otpauth).
 * @example const secret = createTotpSecret(); // 32 base32 characters
 */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step (T) that contains `at`, counted from the Unix epoch (T0 = 0). */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / totpPeriodSeconds);
}

/** Options of {@link totpCode}. */
export interface TotpCodeOptions {
  /** The shared secret as base32. */
  secret: string;
  /** The time step; use {@link totpStep}. */
  step: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
}

/**
 * The code of one time step: HOTP(K, T) with leading zeros kept.
 * @example totpCode({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', step: 1, digits: 8 }); // '94287082'
 */
export function totpCode(options: TotpCodeOptions): string {
  return HOTP.generate({
    secret: Secret.fromBase32(options.secret),
    counter: options.step,
    digits: options.digits ?? totpDigits,
    algorithm: options.algorithm ?? 'SHA1',
  });
}

/** Removes the spaces people type in codes; null unless what remains is exactly `digits` digits. */
export function normalizeDigitCode(input: string, digits = totpDigits): string | null {
  const code = input.replace(/[\s-]/g, '');
  return code.length === digits && /^[0-9]+$/.test(code) ? code : null;
}

/**
 * The time step whose code `code` is, among T-1, T and T+1 around `now` (RFC 6238 §5.2 delay
 * window, the Latch decision), or null. All three codes are computed and compared in constant
 * time, so the answer's timing does not tell which step matched.
 * @example const step = matchTotpStep(secret, '123456', clock.now());
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const normalized = normalizeDigitCode(code);
  if (!normalized) return null;
  const current = totpStep(now);
  let matched: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    if (constantTimeEqual(totpCode({ secret, step }), normalized)) matched = step;
  }
  return matched;
}

/** Options of {@link totpUri}. */
export interface TotpUriOptions {
  secret: string;
  /** Shown as the provider name in authenticator apps. */
  issuer: string;
  /** The account name (the sign-in email). */
  account: string;
}

/**
 * The Key URI (`otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`)
 * with every parameter explicit, so all authenticator apps agree.
 * @example totpUri({ secret, issuer: 'Latch', account: 'ada@example.com' });
 */
export function totpUri(options: TotpUriOptions): string {
  return new TOTP({
    issuer: options.issuer,
    label: options.account,
    secret: Secret.fromBase32(options.secret),
    algorithm: 'SHA1',
    digits: totpDigits,
    period: totpPeriodSeconds,
  }).toString();
}

/**
 * The Key URI as an SVG QR code (about 3 KB), for the set-up screen.
 * @example const svg = await totpQrSvg(uri);
 */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
