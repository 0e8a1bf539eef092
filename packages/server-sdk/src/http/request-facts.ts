import { randomUUID } from 'node:crypto';
import type { ResolvedConfig } from '../core/config.js';
import type { RequestContext } from '../context.js';
import { UnauthenticatedError } from '../errors.js';
import { clientIp } from './client-ip.js';

/** Request headers as node:http hands them over. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** One header's first value. */
export function header(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller's `X-Request-Id` when it is a safe token, else a new UUID. */
export function requestIdOf(headers: HeaderMap): string {
  const incoming = header(headers, 'x-request-id');
  return incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

/** Client address (behind `trustProxy`, from `X-Forwarded-For`), user agent and request id. */
export function requestContext(config: ResolvedConfig, request: { headers: HeaderMap; remoteAddress: string | null }, requestId: string): RequestContext {
  return {
    ip: clientIp(request.remoteAddress, header(request.headers, 'x-forwarded-for'), config.security.trustProxy),
    userAgent: header(request.headers, 'user-agent')?.slice(0, 512) ?? null,
    requestId,
  };
}

const originCache = new WeakMap<ResolvedConfig, ReadonlySet<string>>();

/** The origins allowed to make cookie-authenticated writes: the server's own and the trusted ones. */
export function allowedOriginsOf(config: ResolvedConfig): ReadonlySet<string> {
  let origins = originCache.get(config);
  if (!origins) {
    origins = new Set([config.origin, ...config.security.trustedOrigins.map((o) => new URL(o).origin)]);
    originCache.set(config, origins);
  }
  return origins;
}

/** The token of an `Authorization: Bearer …` header (printable ASCII, at most 8 KB); throws when malformed. */
export function bearerToken(authorization: string): string {
  const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(authorization);
  if (!match) throw new UnauthenticatedError({ detail: 'Malformed Authorization header.' });
  return match[1]!;
}
