import type { LatchAuth, LatchAuthUser } from '../core/auth-state.js';
import { isLatchError } from '../errors.js';
import type { HostRequest, LatchHandler, LatchResponse } from '../http/handler.js';
import { isDatabaseUnavailable, problemResponse } from '../http/problem.js';
import { requestIdOf } from '../http/request-facts.js';

export type { LatchAuth, LatchAuthUser };

/** What a route protected by `requireAuth` demands. */
export interface RequireAuthOptions {
  /** Scopes the credential must carry, all of them (a session cookie holds every scope of its user). */
  scopes?: string[];
  /** Roles the user must have, any one of them. */
  roles?: string[];
  /**
   * A permission one of the caller's platform roles grants (the configured `roles`: `tickets:read`)
   * or the caller's role in the active organization grants (`members:write`); either is enough,
   * and a caller granted it by neither is refused (403).
   */
  permission?: string;
  /** At least this role in the active organization (`admin` lets admins and owners in). */
  orgRole?: string;
}

/** The parts of a request authentication looks at. */
export type AuthRequest = HostRequest;

/** The parts of a Latch `requireAuth` uses. */
export interface RequireAuthLatch {
  readonly handler: Pick<LatchHandler, 'identify'>;
}

/** The result of checking a request: the caller, or the problem response to send. */
export type AuthOutcome = { ok: true; auth: LatchAuth } | { ok: false; response: LatchResponse; error: unknown };

/**
 * Authenticates a request to a host-app route with the same steps and rules as Latch's own API
 * (session cookie, then `Authorization: Bearer` with an API key or an access token; the origin
 * check for cookie-riding writes; scopes and roles). Access tokens are verified locally with no
 * database access; sessions and API keys are looked up through caches that revocations clear.
 * @throws UnauthenticatedError, ForbiddenError, CsrfRejectedError, RateLimitedError
 * @example const auth = await authenticateRequest(latch, { method: 'GET', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null }, { scopes: ['read'] });
 */
export function authenticateRequest(latch: RequireAuthLatch, request: AuthRequest, options: RequireAuthOptions = {}): Promise<LatchAuth> {
  return latch.handler.identify(request, options);
}

/** The problem+json answer for a refused request, from the one problem writer. */
export function authProblemResponse(error: unknown, request: AuthRequest): LatchResponse {
  return problemResponse(error, requestIdOf(request.headers));
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
