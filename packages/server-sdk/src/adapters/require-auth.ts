import { scopesOfUser } from '../api-keys/scopes.js';
import type { ResolvedConfig } from '../config.js';
import type { RequestContext } from '../context.js';
import { CsrfRejectedError, ForbiddenError, isLatchError, RateLimitedError, UnauthenticatedError } from '../errors.js';
import type { LatchResponse } from '../http/handler.js';
import { parseCookies } from '../http/cookies.js';
import { isOriginAllowed } from '../http/csrf.js';
import { allowedOriginsOf, bearerToken, header, requestContext, requestIdOf } from '../http/request-facts.js';
import { isDatabaseUnavailable, toProblem } from '../http/problem.js';
import type { AuthMethod } from '../http/route.js';
import type { Services } from '../services.js';
import type { KeysApi } from '../tokens/feature.js';

/** What a route protected by `requireAuth` demands. */
export interface RequireAuthOptions {
  /** Scopes the credential must carry, all of them (a session cookie holds every scope of its user). */
  scopes?: string[];
  /** Roles the user must have, any one of them. */
  roles?: string[];
}

/**
 * Who is calling a protected route, handed to the route by `requireAuth`.
 * @example router.get('/notes', requireAuth(latch, { scopes: ['read'] }), (ctx) => { ctx.body = notesOf(ctx.state.auth.user.id); });
 */
export interface LatchAuth {
  /** How the request proved who it is. */
  via: AuthMethod;
  /** The user: id and roles (from the account, or from the access token's claims). */
  user: { id: string; roles: string[] };
  /** The login session (cookie), or the one the access token was minted from. */
  session?: { id: string };
  /** The API key behind the request. */
  apiKey?: { id: string };
  /** Scopes the credential carries (for a session cookie: every scope of its user). */
  scopes: string[];
}

/** The parts of a request authentication looks at. */
export interface AuthRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | null;
}

/** The parts of a Latch `requireAuth` uses. */
export interface RequireAuthLatch {
  readonly config: ResolvedConfig;
  readonly services: Services;
  readonly keys: KeysApi;
}

/** The result of checking a request: the caller, or the problem response to send. */
export type AuthOutcome = { ok: true; auth: LatchAuth } | { ok: false; response: LatchResponse; error: unknown };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates a request to a host-app route, in the order of Latch's own API: session cookie,
 * then `Authorization: Bearer` with an API key (recognized by its prefix) or an access token.
 * Access tokens are verified locally with no database access; sessions and API keys are looked
 * up through in-process caches that revocations clear. Then checks scopes and roles.
 * @throws UnauthenticatedError, ForbiddenError, CsrfRejectedError, RateLimitedError
 * @example const auth = await authenticateRequest(latch, { method: 'GET', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null }, { scopes: ['read'] });
 */
export async function authenticateRequest(latch: RequireAuthLatch, request: AuthRequest, options: RequireAuthOptions = {}): Promise<LatchAuth> {
  const auth = await identify(latch, request);
  if (options.scopes?.length && !options.scopes.every((s) => auth.scopes.includes(s))) {
    throw new ForbiddenError({ detail: `This needs the scope ${options.scopes.join(', ')}.`, extensions: { requiredScopes: options.scopes } });
  }
  if (options.roles?.length && !options.roles.some((r) => auth.user.roles.includes(r))) {
    throw new ForbiddenError({ detail: 'Your account does not have a role this needs.' });
  }
  return auth;
}

async function identify(latch: RequireAuthLatch, request: AuthRequest): Promise<LatchAuth> {
  const { config, services, keys } = latch;
  const cookie = parseCookies(header(request.headers, 'cookie'))[config.sessionCookieName];
  if (cookie) {
    const found = await services.sessions.validate(cookie);
    if (found) {
      // A cookie rides along on cross-site requests: writes must come from a trusted origin.
      if (!safeMethods.has(request.method.toUpperCase()) && !isOriginAllowed({
        origin: header(request.headers, 'origin'),
        referer: header(request.headers, 'referer'),
        cookieAuthenticated: true,
        allowed: allowedOriginsOf(config),
      })) throw new CsrfRejectedError();
      return {
        via: 'session',
        user: { id: found.user.id, roles: found.user.roles },
        session: { id: found.session.id },
        scopes: scopesOfUser(found.user, config.apiKeys.scopes),
      };
    }
  }
  const authorization = header(request.headers, 'authorization');
  if (!authorization) throw new UnauthenticatedError();
  const token = bearerToken(authorization);
  if (token.startsWith(config.apiKeys.prefix)) {
    const state = await keys.apiKeys.authenticate(token, contextOf(config, request));
    if (!state) throw new UnauthenticatedError({ detail: 'The API key is not valid.' });
    return { via: 'api_key', user: { id: state.user.id, roles: state.user.roles }, apiKey: { id: state.apiKeyId! }, scopes: state.scopes ?? [] };
  }
  const claims = await keys.accessTokens.verify(token);
  return { via: 'jwt', user: { id: claims.sub, roles: claims.roles }, session: { id: claims.sid }, scopes: claims.scopes };
}

function contextOf(config: ResolvedConfig, request: AuthRequest): RequestContext {
  return requestContext(config, request, requestIdOf(request.headers));
}

/**
 * The problem+json answer for a refused request: 401 with `WWW-Authenticate: Bearer`, 403 (with
 * `error="insufficient_scope"` for missing scopes), 429 with `Retry-After`, 503 when the
 * database is down. Unknown errors become a 500 without detail.
 */
export function authProblemResponse(error: unknown, request: AuthRequest): LatchResponse {
  const requestId = requestIdOf(request.headers);
  const problem = toProblem(error, requestId);
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="latch"';
  if (problem.status === 403 && Array.isArray(problem.requiredScopes)) {
    headers['www-authenticate'] = `Bearer realm="latch", error="insufficient_scope", scope="${(problem.requiredScopes as string[]).join(' ')}"`;
  }
  if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: problem.status, headers, body: JSON.stringify(problem) };
}

/**
 * Checks a request and never throws for a refusal: the caller, or the response to send.
 * Errors that are neither Latch's nor a database outage are returned too (`error`), so adapters
 * can hand them to the host framework's error handling.
 */
export async function checkRequest(latch: RequireAuthLatch, request: AuthRequest, options: RequireAuthOptions = {}): Promise<AuthOutcome> {
  try {
    return { ok: true, auth: await authenticateRequest(latch, request, options) };
  } catch (error) {
    return { ok: false, response: authProblemResponse(error, request), error };
  }
}

/** True for errors `requireAuth` answers itself (refusals and database outages). */
export function isAnsweredError(error: unknown): boolean {
  return isLatchError(error) || isDatabaseUnavailable(error);
}
