import type { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { LatchErrorCode } from '../errors.js';
import type { AuthState } from './auth-state.js';

/**
 * Who may call a route:
 * - `none`: anyone (no credentials are read);
 * - `optional`: anyone, with `caller` filled when credentials are present;
 * - `user`: any credential (session cookie, JWT, API key), narrowed by `scopes`;
 * - `session`: a cookie session only (managing credentials is refused to API keys and JWTs).
 */
export type RouteAuth = 'none' | 'optional' | 'user' | 'session';

/** The caller a handler receives for each kind of route: never null where credentials are required. */
export type CallerOf<A extends RouteAuth> = A extends 'user' | 'session' ? AuthState : A extends 'optional' ? AuthState | null : null;

/** A cookie a route sets or clears. */
export interface CookieSpec {
  name: string;
  value: string;
  /** Seconds; 0 clears the cookie. */
  maxAgeSeconds: number;
}

/** What a handler returns; JSON unless `text` is set. `T` is the JSON body's type. */
export interface RouteResult<T = unknown> {
  status: number;
  body?: T;
  /** A text/plain body instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
  cookies?: CookieSpec[];
}

/** What a handler receives: the validated body and query, path parameters and caller. */
export interface RouteRequest<Body, Query, A extends RouteAuth = RouteAuth> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  /** Who is calling; non-null on `user` and `session` routes. */
  caller: CallerOf<A>;
  ctx: RequestContext;
  cookies: Record<string, string>;
  headers: Record<string, string | undefined>;
}

/**
 * One endpoint: the single source of routing, validation, auth rules and OpenAPI. With a
 * `response` schema `R`, the handler must answer a body of that schema's type.
 */
export interface RouteDefinition<
  B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, A extends RouteAuth = RouteAuth, R extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path relative to the mount point, with `:name` parameters. */
  path: string;
  summary: string;
  tag: string;
  auth: A;
  /** Scopes an API key or JWT must carry (a cookie session holds every scope of its user). */
  scopes?: string[];
  /** Roles the user must have one of. */
  roles?: string[];
  /**
   * Sensitive (session routes only): the request must prove presence with `password` or `code`
   * in its body, unless the sign-in is younger than the reauthentication window.
   */
  reauth?: A extends 'session' ? boolean : never;
  body?: B;
  /**
   * The largest body this route accepts, in bytes (default: the pipeline's 64 KiB). Adapters read
   * no more than the matched route allows, so only routes that need more (an import) raise it.
   */
  maxBodyBytes?: number;
  query?: Q;
  /**
   * The JSON success body's schema, for OpenAPI and the components' generated client types.
   * Every route that answers JSON declares one; 204-only and text routes do not.
   */
  response?: R;
  /** The success body is `text/plain` (the handler answers `text`), not JSON. */
  textResponse?: boolean;
  /** Success statuses with a description, for OpenAPI. */
  responses: Record<number, string>;
  /** Error codes this route may answer with, beyond the general ones. */
  errors?: LatchErrorCode[];
  handler(request: RouteRequest<z.infer<B>, z.infer<Q>, A>): Promise<RouteResult<z.output<R>>>;
}

/** A route of any body, query and auth kind, as the handler and OpenAPI see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any, any>;

/**
 * Declares a route with its request types inferred from the schemas, its caller from `auth` and
 * the body its handler must answer from `response`.
 */
export function defineRoute<
  B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, A extends RouteAuth = RouteAuth, R extends z.ZodType = z.ZodType,
>(route: RouteDefinition<B, Q, A, R>): AnyRoute {
  return route;
}

/** A JSON success answer. */
export function json<T>(status: number, body?: T, extra: Omit<RouteResult, 'status' | 'body'> = {}): RouteResult<T> {
  return { status, body, ...extra };
}
