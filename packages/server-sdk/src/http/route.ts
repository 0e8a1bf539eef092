import type { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { LatchErrorCode } from '../errors.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';

/** How a request proved who it is. */
export type AuthMethod = 'session' | 'jwt' | 'api_key';

/** The authenticated caller of a request. */
export interface AuthState {
  user: UserRecord;
  /** The login session (cookie), or the session a JWT was minted from; null for API keys. */
  session: SessionRecord | null;
  via: AuthMethod;
  /** Scopes granted (null: a cookie session, which has every right of its user). */
  scopes: string[] | null;
  /** The API key behind the request, when `via` is `api_key`. */
  apiKeyId?: string;
}

/**
 * Who may call a route:
 * - `none`: anyone;
 * - `optional`: anyone, with `auth` filled when credentials are present;
 * - `user`: any credential (session cookie, JWT, API key), narrowed by `scopes`;
 * - `session`: a cookie session only (managing credentials is refused to API keys and JWTs).
 */
export type RouteAuth = 'none' | 'optional' | 'user' | 'session';

/** A cookie a route sets or clears. */
export interface CookieSpec {
  name: string;
  value: string;
  /** Seconds; 0 clears the cookie. */
  maxAgeSeconds: number;
}

/** What a handler returns; JSON unless `text` is set. */
export interface RouteResult {
  status: number;
  body?: unknown;
  /** A text/plain body instead of JSON. */
  text?: string;
  headers?: Record<string, string>;
  cookies?: CookieSpec[];
}

/** What a handler receives: the validated body and query, path parameters and caller. */
export interface RouteRequest<Body, Query> {
  body: Body;
  query: Query;
  params: Record<string, string>;
  auth: AuthState | null;
  ctx: RequestContext;
  cookies: Record<string, string>;
  headers: Record<string, string | undefined>;
}

/** One endpoint: the single source of routing, validation, auth rules and OpenAPI. */
export interface RouteDefinition<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path relative to the mount point, with `:name` parameters. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  /** Scopes an API key or JWT must carry (cookie sessions have all). */
  scopes?: string[];
  /** Roles the user must have one of. */
  roles?: string[];
  body?: B;
  query?: Q;
  /** Success statuses with a description, for OpenAPI. */
  responses: Record<number, string>;
  /** Error codes this route may answer with, beyond the general ones. */
  errors?: LatchErrorCode[];
  handler(request: RouteRequest<z.infer<B>, z.infer<Q>>): Promise<RouteResult>;
}

/** Declares a route with its types inferred from the schemas. */
export function defineRoute<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined>(
  route: RouteDefinition<B, Q>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}

/** A JSON success answer. */
export function json(status: number, body?: unknown, extra: Omit<RouteResult, 'status' | 'body'> = {}): RouteResult {
  return { status, body, ...extra };
}
