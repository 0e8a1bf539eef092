import { NotFoundError } from '../errors.js';
import type { LatchResponse } from '../http/handler.js';
import { problemResponse } from '../http/problem.js';
import type { HeaderMap } from '../http/request-facts.js';
import { requestIdOf } from '../http/request-facts.js';
import { mountPointOf, pathBelow, readRouteRequest, type MountableLatch, type MountOptions } from './mount.js';
import { checkRequest, isAnsweredError, type LatchAuth, type RequireAuthLatch, type RequireAuthOptions } from './require-auth.js';

export type { LatchAuth, LatchAuthUser, RequireAuthOptions } from './require-auth.js';
export type { MountableLatch, MountOptions } from './mount.js';
export { readFetchBody } from './read-body.js';

/**
 * What the runtime knows about a request beyond the `Request` itself. A `Request` carries no
 * socket, so the client's address comes from here (Bun's `server.requestIP(req)`, Deno's
 * `info.remoteAddr`, `@hono/node-server`'s `getConnInfo`), or, with `security.trustProxy`, from
 * the `X-Forwarded-For` entry the proxy appended, under the same rule as the node adapters.
 */
export interface FetchRequestInfo {
  /** The peer address of the connection (`203.0.113.7`, `::1`). */
  remoteAddress?: string | null;
}

/** A Web-standard handler: `Request` in, `Response` out. */
export type FetchHandler = (request: Request, info?: FetchRequestInfo) => Promise<Response>;

/** Options of {@link toFetchHandler}. */
export type FetchHandlerOptions = MountOptions;

/** The parts of a Latch the fetch adapter uses: the handler, `basePath` and the logger. */
export interface FetchLatch extends MountableLatch {
  readonly config: MountableLatch['config'] & { readonly security: { readonly trustProxy: boolean } };
  readonly services?: { readonly logger: { warn(fields: Record<string, unknown>, message: string): void } };
}

/** Request headers as the handler reads them (lower-case names; repeated ones joined by the platform). */
export function headersOf(request: Request): HeaderMap {
  const headers: HeaderMap = {};
  request.headers.forEach((value, name) => { headers[name] = value; });
  return headers;
}

/** A {@link LatchResponse} as a Web `Response` (each `Set-Cookie` its own header). */
export function toResponse(response: LatchResponse): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const bodiless = response.status === 204 || response.status === 304 || (response.body === '' && !headers.has('content-type'));
  return new Response(bodiless ? null : response.body, { status: response.status, headers });
}

/** Warns once per Latch when requests arrive with no client address and no trusted proxy header. */
function addressWarner(latch: FetchLatch): (address: string | null, forwarded: boolean) => void {
  let warned = false;
  return (address, forwarded) => {
    if (warned || address || (latch.config.security.trustProxy && forwarded)) return;
    warned = true;
    latch.services?.logger.warn({ event: 'fetch.no_client_address' },
      'latch.fetch received a request without a client address: per-address rate limits then count every client together. '
      + 'Pass { remoteAddress } as the second argument, or set security.trustProxy behind a proxy that sets X-Forwarded-For.');
  };
}

/**
 * The Latch API as a Web-standard handler, for any runtime with `Request` and `Response`:
 * Next.js route handlers, Hono, Bun, Deno, Cloudflare Workers. It serves the configured
 * `basePath` (default `/auth`) and answers a 404 problem elsewhere; it runs the same pipeline,
 * body limit, cookie and CSRF rules as the node adapters. `latch.fetch` is this handler.
 * @example
 * // Next.js: app/api/auth/[...latch]/route.ts, with basePath: '/api/auth'
 * export const GET = (request: Request) => latch.fetch(request);
 * export const POST = GET, PATCH = GET, PUT = GET, DELETE = GET;
 */
export function toFetchHandler(latch: FetchLatch, options: FetchHandlerOptions = {}): FetchHandler {
  const mountPoint = mountPointOf(latch, options, 'toFetchHandler');
  const warnNoAddress = addressWarner(latch);
  return async (request, info = {}) => {
    const headers = headersOf(request);
    try {
      const url = new URL(request.url);
      const path = pathBelow(url.pathname, mountPoint);
      if (path === null) {
        await request.body?.cancel().catch(() => {});
        return toResponse(problemResponse(new NotFoundError({ detail: 'Nothing is served at this path.' }), requestIdOf(headers)));
      }
      const remoteAddress = info.remoteAddress ?? null;
      warnNoAddress(remoteAddress, headers['x-forwarded-for'] !== undefined);
      const routed = await readRouteRequest(latch, { method: request.method, path, query: url.searchParams, headers, remoteAddress }, { fetch: request });
      return toResponse(await latch.handler.handle(routed));
    } catch (error) {
      return toResponse(problemResponse(error, requestIdOf(headers)));
    }
  };
}

/**
 * Checks a `Request` to a host route with the same steps and rules as Latch's own API (session
 * cookie, then `Authorization: Bearer` with an API key or an access token; the origin check for
 * cookie-riding writes; scopes and roles). Resolves to the caller, or to the problem `Response`
 * (401, 403, 429, 503) to return as it is. Other failures are thrown to the framework.
 * @example
 * const auth = await requireAuth(latch, { scopes: ['read'] })(request);
 * if (auth instanceof Response) return auth;
 * return Response.json({ owner: auth.user.email });
 */
export function requireAuth(latch: RequireAuthLatch, options: RequireAuthOptions = {}) {
  return async (request: Request, info: FetchRequestInfo = {}): Promise<LatchAuth | Response> => {
    const outcome = await checkRequest(latch, { method: request.method, headers: headersOf(request), remoteAddress: info.remoteAddress ?? null }, options);
    if (outcome.ok) return outcome.auth;
    if (!isAnsweredError(outcome.error)) throw outcome.error;
    return toResponse(outcome.response);
  };
}

/** Options of {@link withAuth}: what the route demands, and where the client's address comes from. */
export interface WithAuthOptions<Rest extends unknown[] = unknown[]> extends RequireAuthOptions {
  /**
   * The client's address for a request, for per-address rate limits and the address recorded
   * with API-key use (Bun: `(request) => server.requestIP(request)?.address`). By default it is
   * the `remoteAddress` of a `{ remoteAddress }` second argument, as `latch.fetch` takes it.
   */
  remoteAddress?: (request: Request, ...rest: Rest) => string | null | undefined;
}

/** The `remoteAddress` of a {@link FetchRequestInfo}-like value, or null for anything else (a Next.js route context). */
function addressIn(info: unknown): string | null {
  if (typeof info !== 'object' || info === null) return null;
  const address = (info as FetchRequestInfo).remoteAddress;
  return typeof address === 'string' ? address : null;
}

/**
 * Wraps a fetch-style route so it runs only for authenticated callers, who arrive as the second
 * argument; refusals are answered with the problem `Response`. The wrapped route is called like
 * `latch.fetch`, `(request, { remoteAddress })`, so the client's address reaches the checks; other
 * arguments (a framework's route context) are passed on to the route unchanged.
 * @example
 * export const GET = withAuth(latch, { scopes: ['read'] }, (request, auth) => Response.json({ owner: auth.user.id }));
 * // Called as latch.fetch is: notes(request, { remoteAddress })
 * const notes = withAuth(latch, {}, (request, auth, _info: FetchRequestInfo) => Response.json({ owner: auth.user.id }));
 */
export function withAuth<Rest extends unknown[]>(
  latch: RequireAuthLatch,
  options: WithAuthOptions<Rest>,
  route: (request: Request, auth: LatchAuth, ...rest: Rest) => Response | Promise<Response>,
) {
  const { remoteAddress = (_request: Request, ...rest: Rest) => addressIn(rest[0]), ...required } = options;
  const check = requireAuth(latch, required);
  return async (request: Request, ...rest: Rest): Promise<Response> => {
    const auth = await check(request, { remoteAddress: remoteAddress(request, ...rest) ?? null });
    return auth instanceof Response ? auth : route(request, auth, ...rest);
  };
}
