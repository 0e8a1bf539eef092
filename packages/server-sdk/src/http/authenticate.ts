import type { RequestContext } from '../context.js';
import { CsrfRejectedError, ForbiddenError, UnauthenticatedError } from '../errors.js';
import { authUserOf, type AuthState, type BearerKind, type LatchAuth } from '../core/auth-state.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import { isOriginAllowed } from './csrf.js';
import { bearerToken, header, type HeaderMap } from './request-facts.js';

/** How one kind of caller (`AuthState` for Latch's routes, `LatchAuth` for host routes) is resolved. */
export interface CallerResolvers<T> {
  /** The caller behind a session cookie's token, or null when it names no live session. */
  session(token: string): Promise<T | null>;
  /** Bearer kinds in order; the first that accepts a token resolves it. */
  bearer: ReadonlyArray<{ accepts(token: string): boolean; resolve(token: string, ctx: RequestContext): Promise<T | null> }>;
}

/**
 * The one authentication order of Latch, for its own routes and for `requireAuth`: the session
 * cookie, then `Authorization: Bearer` dispatched by the token's form (an API key's prefix, a
 * JWT's shape). A bearer credential that is malformed or not valid is `unauthenticated` (never
 * silently anonymous); no credentials at all is null.
 */
export async function resolveCaller<T>(
  request: { headers: HeaderMap; cookies: Record<string, string>; sessionCookieName: string },
  resolvers: CallerResolvers<T>,
  ctx: RequestContext,
): Promise<T | null> {
  const cookie = request.cookies[request.sessionCookieName];
  if (cookie) {
    const found = await resolvers.session(cookie);
    if (found) return found;
  }
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return null;
  const token = bearerToken(authorization);
  const kind = resolvers.bearer.find((k) => k.accepts(token));
  const found = kind ? await kind.resolve(token, ctx) : null;
  if (!found) throw new UnauthenticatedError({ detail: 'The bearer token is not valid.' });
  return found;
}

/**
 * The one CSRF rule: an unsafe request that rides on Latch's cookies (a session, even a stale
 * one, or a pending sign-in) must come from an allowed origin; a request with `Origin` always
 * must. Bearer-only requests from scripts carry neither cookie and are not asked.
 * @throws CsrfRejectedError
 */
export function requireAllowedOrigin(request: {
  method: string;
  headers: HeaderMap;
  cookies: Record<string, string>;
  cookieNames: readonly string[];
  allowedOrigins: ReadonlySet<string>;
}): void {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  const cookieAuthenticated = request.cookieNames.some((name) => Boolean(request.cookies[name]));
  if (!isOriginAllowed({
    origin: header(request.headers, 'origin'),
    referer: header(request.headers, 'referer'),
    cookieAuthenticated,
    allowed: request.allowedOrigins,
  })) throw new CsrfRejectedError();
}

/**
 * The one authorization check: every required scope (a missing one answers 403 naming it, with
 * `insufficient_scope` for bearer clients) and at least one of the roles.
 * @throws ForbiddenError
 */
export function requireGrants(held: { scopes: readonly string[]; roles: readonly string[] }, required: { scopes?: readonly string[]; roles?: readonly string[] }): void {
  const missing = (required.scopes ?? []).filter((s) => !held.scopes.includes(s));
  if (missing.length > 0) {
    throw new ForbiddenError({ detail: `This needs the scope ${required.scopes!.join(', ')}.`, extensions: { requiredScopes: [...required.scopes!] } });
  }
  if (required.roles?.length && !required.roles.some((r) => held.roles.includes(r))) {
    throw new ForbiddenError({ detail: 'Your account does not have a role this needs.' });
  }
}

/** A session cookie's caller for Latch's own routes (a cookie session holds every scope of its user). */
export function sessionCaller(found: { user: UserRecord; session: SessionRecord }, scopesOf: (user: UserRecord) => string[]): AuthState {
  return { user: found.user, session: found.session, via: 'session', scopes: scopesOf(found.user) };
}

/** The host-app view of a caller of Latch's own kind. */
export function toLatchAuth(state: AuthState): LatchAuth {
  const auth: LatchAuth = { via: state.via, user: authUserOf(state.user), session: state.session ? { id: state.session.id } : null, scopes: state.scopes };
  if (state.apiKeyId) auth.apiKey = { id: state.apiKeyId };
  return auth;
}

/** Bearer kinds as the API handler resolves them (full account). */
export function fullResolvers(kinds: readonly BearerKind[]): CallerResolvers<AuthState>['bearer'] {
  return kinds.map((kind) => ({ accepts: (t) => kind.accepts(t), resolve: (t, ctx) => kind.authenticate(t, ctx) }));
}

/** Bearer kinds as `requireAuth` resolves them (cheapest form each kind offers). */
export function hostResolvers(kinds: readonly BearerKind[]): CallerResolvers<LatchAuth>['bearer'] {
  return kinds.map((kind) => ({
    accepts: (t) => kind.accepts(t),
    resolve: kind.identify
      ? (t, ctx) => kind.identify!(t, ctx)
      : async (t, ctx) => { const state = await kind.authenticate(t, ctx); return state ? toLatchAuth(state) : null; },
  }));
}
