import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the signature. */
export const signatureHeaderName = 'X-Latch-Signature';

/** Hex HMAC-SHA256 of `"<t>.<body>"` under `secret`: the `v1` scheme. */
export function signPayload(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/**
 * The `X-Latch-Signature` value: `t=<unix seconds>,v1=<hex>`, with one `v1` per secret (the
 * current one first; a retiring one after it during a rotation).
 * @example signatureHeader(['…32+ bytes…'], 1767225600, body) // 't=1767225600,v1=5f…'
 */
export function signatureHeader(secrets: readonly string[], timestampSeconds: number, body: string): string {
  return [`t=${timestampSeconds}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestampSeconds, body)}`)].join(',');
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureOptions {
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string;
  /** The `X-Latch-Signature` header. */
  header: string | null | undefined;
  /** The shared secret. */
  secret: string;
  /** Oldest (and furthest ahead) signature time accepted, in seconds from now. Default 300. */
  toleranceSeconds?: number;
  /** The current time (default: now). */
  now?: Date;
}

/**
 * Checks a webhook delivery on the receiving side: a `v1` signature that matches (compared in
 * constant time) and a timestamp within the tolerance, which refuses a replay of an old delivery.
 * Deduplicate by the event id as well: a delivery can arrive more than once.
 * @example
 * if (!verifyWebhookSignature({ body: raw, header: req.headers['x-latch-signature'], secret })) return res.writeHead(400).end();
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): boolean {
  const { body, header, secret } = options;
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, t, body), 'hex');
  return parts.some(([key, value]) => {
    if (key !== 'v1' || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, 'hex'), expected);
  });
}
