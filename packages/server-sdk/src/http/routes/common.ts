import { z } from 'zod';
import type { SignInOutcome } from '../../accounts/service.js';
import { toPublicUser } from '../../accounts/view.js';
import type { Services } from '../../services.js';
import type { AuthState, CookieSpec, RouteResult } from '../route.js';
import { UnauthenticatedError } from '../../errors.js';

/** Field schemas shared by routes. Lengths are bounded before any expensive work. */
export const emailField = z.string().max(320);
export const passwordField = z.string().min(1).max(4096);
export const tokenField = z.string().min(1).max(256);
export const displayNameField = z.string().max(400);
export const captchaField = z.string().max(4096).optional();
export const codeField = z.string().min(1).max(64);

/** Pagination query `?limit=&cursor=`. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(400).optional(),
});

/** The cookie that carries a new session token. */
export function sessionCookie(services: Services, token: string): CookieSpec {
  return { name: services.config.sessionCookieName, value: token, maxAgeSeconds: services.config.sessions.absoluteTimeoutSeconds };
}

/** Clears the session cookie. */
export function clearSessionCookie(services: Services): CookieSpec {
  return { name: services.config.sessionCookieName, value: '', maxAgeSeconds: 0 };
}

/** The cookie that carries a pending second-factor challenge. */
export function challengeCookie(services: Services, token: string, expiresAt: Date): CookieSpec {
  return { name: services.config.challengeCookieName, value: token, maxAgeSeconds: Math.ceil((expiresAt.getTime() - services.clock.now().getTime()) / 1000) };
}

/** Clears the challenge cookie. */
export function clearChallengeCookie(services: Services): CookieSpec {
  return { name: services.config.challengeCookieName, value: '', maxAgeSeconds: 0 };
}

/** The HTTP answer to a sign-in outcome: a session cookie, or a challenge cookie and the methods. */
export function signInResult(services: Services, outcome: SignInOutcome, successStatus = 200): RouteResult {
  if (outcome.kind === 'challenge') {
    return {
      status: 200,
      body: { twoFactorRequired: true, methods: outcome.challenge.methods },
      cookies: [challengeCookie(services, outcome.challenge.challengeToken, outcome.challenge.expiresAt), clearSessionCookie(services)],
    };
  }
  return {
    status: successStatus,
    body: {
      user: toPublicUser(outcome.user),
      session: { id: outcome.session.id, expiresAt: services.sessions.expiresAt(outcome.session).toISOString() },
    },
    cookies: [sessionCookie(services, outcome.token), clearChallengeCookie(services)],
  };
}

/** The caller of an authenticated route (the route's `auth` guarantees it). */
export function callerOf(auth: AuthState | null): { user: AuthState['user']; session: AuthState['session'] } {
  if (!auth) throw new UnauthenticatedError();
  return { user: auth.user, session: auth.session };
}
