import { z } from 'zod';
import type { RequestContext } from '../context.js';
import {
  BadRequestError, MethodNotAllowedError, NotFoundError, PayloadTooLargeError, UnauthenticatedError,
  UnsupportedMediaTypeError, ValidationFailedError, ForbiddenError,
} from '../errors.js';
import type { AuthState } from '../core/auth-state.js';
import type { ReauthProof } from '../core/reauth.js';
import { requireAllowedOrigin, requireGrants } from './authenticate.js';
import { header, type HeaderMap } from './request-facts.js';
import { reauthBody } from './fields.js';
import type { AnyRoute, RouteResult } from '../core/route.js';

/** Largest accepted request body, unless the route declares its own `maxBodyBytes`. */
export const maxBodyBytes = 64 * 1024;

/** A request as any framework adapter hands it over. */
export interface LatchRequest {
  method: string;
  /** Path below the mount point, e.g. `/sign-in`. */
  path: string;
  query: URLSearchParams;
  headers: HeaderMap;
  /** The raw body, or null when there is none. Adapters stop reading past the route's limit (`handler.bodyLimit`). */
  body: Buffer | null;
  /** True when the adapter stopped reading because the body was over the limit. */
  bodyTooLarge?: boolean;
  remoteAddress: string | null;
}

/** What one request has gathered so far as it passes the steps. */
export interface Exchange {
  readonly request: LatchRequest;
  readonly method: string;
  readonly requestId: string;
  readonly ctx: RequestContext;
  readonly cookies: Record<string, string>;
  /** The matched route (set by `match`, which runs first). */
  route: AnyRoute | undefined;
  /** The route's pattern, for metrics and logs (`unmatched` until `match`). */
  pattern: string;
  params: Record<string, string>;
  rawBody: unknown;
  caller: AuthState | null;
  body: unknown;
  query: unknown;
  result: RouteResult | undefined;
}

/** What the steps need from the Latch they serve. */
export interface PipelineDeps {
  /** Finds the route for a method and path, or throws 404 / 405. */
  match(method: string, path: string): { route: AnyRoute; params: Record<string, string> };
  authenticate(x: Exchange): Promise<AuthState | null>;
  /** Names of the cookies that make a request cookie-authenticated (session, pending sign-in). */
  cookieNames: readonly string[];
  allowedOrigins: ReadonlySet<string>;
  /** Writes the trace of a refused cross-site write (audit event), before it is answered. */
  csrfRejected(x: Exchange): Promise<void>;
  /** Proof of presence for `reauth` routes; throws `reauthentication_required`. */
  reauthenticate(caller: AuthState, proof: ReauthProof, ctx: RequestContext): Promise<void>;
}

/** One named step of the request pipeline. */
export interface Step {
  readonly name: string;
  run(x: Exchange, deps: PipelineDeps): void | Promise<void>;
}

function fieldErrors(error: z.ZodError) {
  return error.issues.map((issue) => ({
    field: issue.path.join('.') || '(body)',
    code: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code,
    message: issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message,
  }));
}

const isUnsafe = (method: string) => method !== 'GET' && method !== 'HEAD';

/** Finds the route; a malformed escape in a parameter names no resource (404, not a 500). */
export const match: Step = {
  name: 'match',
  run(x, deps) {
    const found = deps.match(x.method, x.request.path);
    x.route = found.route;
    x.pattern = found.route.path;
    x.params = found.params;
  },
};

/** JSON only, bounded by the route's limit: 413 over it, 415 for another type, 400 for broken JSON. */
export const readBody: Step = {
  name: 'read body',
  run(x) {
    const { request } = x;
    const limit = x.route!.maxBodyBytes ?? maxBodyBytes;
    if (request.bodyTooLarge || (request.body && request.body.length > limit)) throw new PayloadTooLargeError();
    if (!request.body || request.body.length === 0) return;
    const type = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json' && !type.endsWith('+json')) throw new UnsupportedMediaTypeError();
    try {
      x.rawBody = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new BadRequestError({ detail: 'The body is not valid JSON.' });
    }
  },
};

/** Resolves the caller (cookie, then bearer), except on routes that read no credentials. */
export const authenticate: Step = {
  name: 'authenticate',
  async run(x, deps) {
    if (x.route!.auth !== 'none') x.caller = await deps.authenticate(x);
  },
};

/** Refuses cookie-riding writes from foreign origins, and leaves a trace of each refusal. */
export const checkOrigin: Step = {
  name: 'check origin',
  async run(x, deps) {
    try {
      requireAllowedOrigin({ method: x.method, headers: x.request.headers, cookies: x.cookies, cookieNames: deps.cookieNames, allowedOrigins: deps.allowedOrigins });
    } catch (error) {
      await deps.csrfRejected(x);
      throw error;
    }
  },
};

/** Credentials the route demands: any for `user`, a cookie session for `session`; then scopes and roles. */
export const authorize: Step = {
  name: 'authorize',
  run(x) {
    const { caller } = x;
    const route = x.route!;
    if (route.auth !== 'user' && route.auth !== 'session') return;
    if (!caller) throw new UnauthenticatedError();
    if (route.auth === 'session' && caller.via !== 'session') {
      throw new ForbiddenError({ detail: 'This needs a signed-in browser session; API keys and access tokens cannot manage credentials.' });
    }
    requireGrants({ scopes: caller.scopes, roles: caller.user.roles }, { scopes: route.scopes, roles: route.roles });
  },
};

/** Sensitive routes: `password` or `code` in the body, or a sign-in younger than the window. */
export const requireFreshSession: Step = {
  name: 'require a fresh session',
  async run(x, deps) {
    if (!x.route!.reauth) return;
    const parsed = reauthBody.safeParse(x.rawBody ?? {});
    await deps.reauthenticate(x.caller!, parsed.success ? parsed.data : {}, x.ctx);
  },
};

/** Body and query against the route's schemas; only an absent body stands for `{}`. */
export const validate: Step = {
  name: 'validate',
  run(x) {
    const route = x.route!;
    if (route.body) {
      const parsed = route.body.safeParse(x.rawBody === undefined && isUnsafe(x.method) ? {} : x.rawBody);
      if (!parsed.success) throw new ValidationFailedError({ errors: fieldErrors(parsed.error) });
      x.body = parsed.data;
    }
    if (route.query) {
      const parsed = route.query.safeParse(Object.fromEntries(x.request.query));
      if (!parsed.success) throw new ValidationFailedError({ errors: fieldErrors(parsed.error) });
      x.query = parsed.data;
    }
  },
};

/** The route's own work. */
export const run: Step = {
  name: 'run',
  async run(x) {
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(x.request.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
    x.result = await x.route!.handler({ body: x.body, query: x.query, params: x.params, caller: x.caller, ctx: x.ctx, cookies: x.cookies, headers });
  },
};

/** The API's steps in order; answering (success or problem) is the handler's. */
export const apiSteps: readonly Step[] = [match, readBody, authenticate, checkOrigin, authorize, requireFreshSession, validate, run];

/** Runs the steps in order; the first that throws ends the request. */
export async function runSteps(steps: readonly Step[], x: Exchange, deps: PipelineDeps): Promise<void> {
  for (const step of steps) await step.run(x, deps);
}

/**
 * The body limit of the route a method and path lead to: its `maxBodyBytes`, or the default for
 * routes without one and for paths no route matches (they are answered 404 or 405 anyway).
 */
export function bodyLimitOf(match: PipelineDeps['match'], method: string, path: string): number {
  try {
    return match(method.toUpperCase(), path).route.maxBodyBytes ?? maxBodyBytes;
  } catch {
    return maxBodyBytes;
  }
}

/** The matcher over a route table: exact static paths by map lookup, parameterized ones by pattern. */
export function createMatcher(routes: readonly AnyRoute[]): PipelineDeps['match'] {
  interface Compiled { route: AnyRoute; pattern: RegExp; keys: string[] }
  const compiled: Compiled[] = routes.map((route) => {
    const keys: string[] = [];
    const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    return { route, pattern: new RegExp(`^${source}$`), keys };
  });
  const byStaticPath = new Map<string, Compiled[]>();
  for (const c of compiled) if (c.keys.length === 0) byStaticPath.set(c.route.path, [...(byStaticPath.get(c.route.path) ?? []), c]);
  const withParams = compiled.filter((c) => c.keys.length > 0);
  return (method, path) => {
    const exact = byStaticPath.get(path);
    const direct = exact?.find((c) => c.route.method === method);
    const matches = direct
      ? [{ c: direct, m: direct.pattern.exec(path) }]
      : [...(exact ?? []), ...withParams].map((c) => ({ c, m: c.pattern.exec(path) })).filter((x) => x.m);
    if (matches.length === 0) throw new NotFoundError();
    const hit = matches.find((x) => x.c.route.method === method);
    if (!hit) throw new MethodNotAllowedError({ extensions: { allow: [...new Set(matches.map((x) => x.c.route.method))].join(', ') } });
    const params: Record<string, string> = {};
    for (const [i, key] of hit.c.keys.entries()) {
      try { params[key] = decodeURIComponent(hit.m![i + 1]!); } catch { throw new NotFoundError(); }
    }
    return { route: hit.c.route, params };
  };
}
