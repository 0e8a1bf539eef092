import { z } from 'zod';
import type { RequestContext } from '../context.js';
import {
  BadRequestError, CsrfRejectedError, ForbiddenError, isLatchError, MethodNotAllowedError, NotFoundError,
  PayloadTooLargeError, RateLimitedError, UnauthenticatedError, UnsupportedMediaTypeError, ValidationFailedError,
} from '../errors.js';
import type { Services } from '../services.js';
import { parseCookies, serializeCookie } from './cookies.js';
import { isOriginAllowed } from './csrf.js';
import { allowedOriginsOf, bearerToken, header, requestContext, requestIdOf } from './request-facts.js';
import { toProblem } from './problem.js';
import type { AuthState, RouteDefinition, RouteResult } from './route.js';

/** Largest accepted request body. */
export const maxBodyBytes = 64 * 1024;

/** A request as any framework adapter hands it over. */
export interface LatchRequest {
  method: string;
  /** Path below the mount point, e.g. `/sign-in`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, or null when there is none. Adapters stop reading at {@link maxBodyBytes} + 1. */
  body: Buffer | null;
  /** True when the adapter stopped reading because the body was over the limit. */
  bodyTooLarge?: boolean;
  remoteAddress: string | null;
}

/** The answer the adapter writes back. */
export interface LatchResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/** Resolves `Authorization: Bearer …` credentials of one kind. */
export type BearerAuthenticator = (token: string, ctx: RequestContext) => Promise<AuthState | null>;

/** What {@link createHandler} needs. */
export interface HandlerOptions {
  services: Services;
  routes: RouteDefinition[];
  /** API keys (recognized by their prefix) and JWT access tokens. */
  bearer: { apiKey?: BearerAuthenticator; jwt?: BearerAuthenticator };
  /** Called once per request with the matched route pattern (metrics). */
  observe?: (info: { method: string; route: string; status: number; seconds: number }) => void;
}

interface CompiledRoute { route: RouteDefinition; pattern: RegExp; keys: string[] }

/** The framework-neutral HTTP handler: routing, body limits, JSON, auth, CSRF, validation, problems. */
export interface LatchHandler {
  handle(request: LatchRequest): Promise<LatchResponse>;
  /** Authenticates a request without routing it (used by `requireAuth` middleware). */
  authenticate(request: Pick<LatchRequest, 'headers' | 'remoteAddress'>): Promise<AuthState | null>;
  readonly routes: RouteDefinition[];
}


function compile(route: RouteDefinition): CompiledRoute {
  const keys: string[] = [];
  const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), keys };
}

function fieldErrors(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    code: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code,
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message,
  }));
}

export function createHandler(options: HandlerOptions): LatchHandler {
  const { services } = options;
  const { config } = services;
  const compiled = options.routes.map(compile);
  // Most paths have no parameters: find their routes with one map lookup, and scan only the
  // parameterized ones with regular expressions.
  const byStaticPath = new Map<string, CompiledRoute[]>();
  for (const c of compiled) if (c.keys.length === 0) byStaticPath.set(c.route.path, [...(byStaticPath.get(c.route.path) ?? []), c]);
  const withParams = compiled.filter((c) => c.keys.length > 0);
  const allowedOrigins = allowedOriginsOf(config);

  const contextOf = (request: Pick<LatchRequest, 'headers' | 'remoteAddress'>, requestId: string): RequestContext =>
    requestContext(config, request, requestId);

  async function authenticateWith(cookies: Record<string, string>, authorization: string | undefined, ctx: RequestContext): Promise<AuthState | null> {
    const cookie = cookies[config.sessionCookieName];
    if (cookie) {
      const found = await services.sessions.validate(cookie);
      if (found) return { user: found.user, session: found.session, via: 'session', scopes: null };
    }
    if (authorization) {
      const token = bearerToken(authorization);
      const authenticator = token.startsWith(config.apiKeys.prefix) ? options.bearer.apiKey : options.bearer.jwt;
      const state = authenticator ? await authenticator(token, ctx) : null;
      if (!state) throw new UnauthenticatedError({ detail: 'The bearer token is not valid.' });
      return state;
    }
    return null;
  }

  function respond(status: number, body: unknown, requestId: string, extra: Partial<RouteResult> = {}, problem = false): LatchResponse {
    const headers: Record<string, string | string[]> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
      ...extra.headers,
    };
    let text = '';
    if (extra.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8';
      text = extra.text;
    } else if (body !== undefined) {
      headers['content-type'] = problem ? 'application/problem+json' : 'application/json; charset=utf-8';
      text = JSON.stringify(body);
    }
    if (extra.cookies?.length) headers['set-cookie'] = extra.cookies.map((c) => serializeCookie(c, config.secure));
    return { status, headers, body: text };
  }

  function problemResponse(error: unknown, requestId: string, method: string, path: string): LatchResponse {
    const problem = toProblem(error, requestId);
    if (problem.status >= 500) {
      services.logger.error({ event: 'http.error', requestId, method, path, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) }, 'request failed');
    }
    const headers: Record<string, string> = {};
    if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (error instanceof MethodNotAllowedError && error.extensions?.allow) headers.allow = String(error.extensions.allow);
    if (problem.allow) delete problem.allow;
    return respond(problem.status, problem, requestId, { headers }, true);
  }

  async function dispatch(request: LatchRequest, requestId: string, matched: { pattern: string }): Promise<LatchResponse> {
    const method = request.method.toUpperCase();
    const exact = byStaticPath.get(request.path);
    const direct = exact?.find((c) => c.route.method === method);
    const matches = direct
      ? [{ c: direct, m: direct.pattern.exec(request.path) }]
      : [...(exact ?? []), ...withParams].map((c) => ({ c, m: c.pattern.exec(request.path) })).filter((x) => x.m);
    if (matches.length === 0) throw new NotFoundError();
    const hit = matches.find((x) => x.c.route.method === method);
    if (!hit) {
      const allow = [...new Set(matches.map((x) => x.c.route.method))].join(', ');
      throw new MethodNotAllowedError({ extensions: { allow } });
    }
    const { route, keys } = hit.c;
    matched.pattern = route.path;
    const params: Record<string, string> = {};
    for (const [i, key] of keys.entries()) {
      // A malformed escape (`%E0%A4%A`) names no resource: 404, not a URIError and a 500.
      try { params[key] = decodeURIComponent(hit.m![i + 1]!); } catch { throw new NotFoundError(); }
    }
    const ctx = contextOf(request, requestId);
    const cookies = parseCookies(header(request.headers, 'cookie'));

    // Body: JSON only, bounded.
    let rawBody: unknown = undefined;
    if (request.bodyTooLarge || (request.body && request.body.length > maxBodyBytes)) throw new PayloadTooLargeError();
    if (request.body && request.body.length > 0) {
      const type = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json' && !type.endsWith('+json')) throw new UnsupportedMediaTypeError();
      try {
        rawBody = JSON.parse(request.body.toString('utf8'));
      } catch {
        throw new BadRequestError({ detail: 'The body is not valid JSON.' });
      }
    }

    const auth = route.auth === 'none' ? null : await authenticateWith(cookies, header(request.headers, 'authorization'), ctx);
    const unsafe = method !== 'GET' && method !== 'HEAD';
    if (unsafe && !isOriginAllowed({
      origin: header(request.headers, 'origin'),
      referer: header(request.headers, 'referer'),
      cookieAuthenticated: auth?.via === 'session' || Boolean(cookies[config.sessionCookieName] || cookies[config.challengeCookieName]),
      allowed: allowedOrigins,
    })) {
      throw new CsrfRejectedError();
    }
    if ((route.auth === 'user' || route.auth === 'session') && !auth) throw new UnauthenticatedError();
    if (auth) {
      if (route.auth === 'session' && auth.via !== 'session') {
        throw new ForbiddenError({ detail: 'This needs a signed-in browser session; API keys and access tokens cannot manage credentials.' });
      }
      if (route.scopes && auth.scopes && !route.scopes.every((s) => auth.scopes!.includes(s))) {
        throw new ForbiddenError({ detail: `This needs the scope ${route.scopes.join(', ')}.` });
      }
      if (route.roles && !route.roles.some((r) => auth.user.roles.includes(r))) throw new ForbiddenError();
    }

    let body: unknown = undefined;
    if (route.body) {
      const parsed = route.body.safeParse(rawBody ?? (unsafe ? {} : undefined));
      if (!parsed.success) throw new ValidationFailedError({ errors: fieldErrors(parsed.error) });
      body = parsed.data;
    }
    let query: unknown = undefined;
    if (route.query) {
      const parsed = route.query.safeParse(Object.fromEntries(request.query));
      if (!parsed.success) throw new ValidationFailedError({ errors: fieldErrors(parsed.error) });
      query = parsed.data;
    }
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
    const result = await route.handler({ body, query, params, auth, ctx, cookies, headers });
    return respond(result.status, result.body, requestId, result);
  }

  return {
    routes: options.routes,
    async authenticate(request) {
      try {
        return await authenticateWith(parseCookies(header(request.headers, 'cookie')), header(request.headers, 'authorization'), contextOf(request, 'auth'));
      } catch (error) {
        if (isLatchError(error)) return null;
        throw error;
      }
    },
    async handle(request) {
      const started = process.hrtime.bigint();
      const requestId = requestIdOf(request.headers);
      // The route pattern, never the raw path, labels metrics (ids would explode cardinality).
      const matched = { pattern: 'unmatched' };
      let response: LatchResponse;
      try {
        response = await dispatch(request, requestId, matched);
      } catch (error) {
        response = problemResponse(error, requestId, request.method, request.path);
      }
      options.observe?.({ method: request.method, route: matched.pattern, status: response.status, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
      return response;
    },
  };
}
