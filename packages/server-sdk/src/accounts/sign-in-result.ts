import { z } from 'zod';
import { isoTime, named } from '../response-schemas.js';
import { secondFactorMethodSchema } from '../core/second-factor.js';
import type { Services } from '../core/services.js';
import type { SignInOutcome } from '../core/sign-in.js';
import type { InvitationOutcome } from '../core/organizations.js';
import type { CookieSpec, RouteResult } from '../core/route.js';
import { publicUserSchema, toPublicUser } from './view.js';

/** The session a sign-in started (or the current one): its id and when it expires if unused. */
export const sessionRefSchema = named('SessionRef', z.object({ id: z.string(), expiresAt: isoTime }));

/** A completed sign-in: the user and the new session (its token is in the cookie only). */
export const signedInSchema = named('SignedIn', z.object({ user: publicUserSchema, session: sessionRefSchema }));

/** A sign-in that waits for its second step; the challenge is in a short-lived cookie. */
export const twoFactorRequiredSchema = named('TwoFactorRequired', z.object({
  twoFactorRequired: z.literal(true),
  methods: z.array(secondFactorMethodSchema),
}));

/** An organization as an invitation's answer names it. */
const joinedOrganizationSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** What `POST /invitations/accept` answers: a sign-in (with the organization joined, for an organization's invitation) or a second-factor step. */
export const invitationResultSchema = named('InvitationResult', z.union([
  signedInSchema.extend({ organization: joinedOrganizationSchema.optional() }),
  twoFactorRequiredSchema,
]));

/** What a route that can sign a person in answers. */
export const signInResultSchema = named('SignInResult', z.union([signedInSchema, twoFactorRequiredSchema]));

/** The body of {@link signInResult}. */
export type SignInResultBody = z.infer<typeof signInResultSchema>;

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
export function signInResult(services: Services, outcome: SignInOutcome, successStatus = 200): RouteResult<SignInResultBody> {
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

/**
 * The answer to an accepted invitation: a sign-in as {@link signInResult} gives it (plus the
 * organization joined), or, for a signed-in account that joined, its current session unchanged.
 */
export function invitationResult(services: Services, outcome: InvitationOutcome): RouteResult<z.infer<typeof invitationResultSchema>> {
  if (outcome.kind === 'joined') {
    return {
      status: 200,
      body: {
        user: toPublicUser(outcome.user),
        session: { id: outcome.session.id, expiresAt: services.sessions.expiresAt(outcome.session).toISOString() },
        organization: outcome.organization,
      },
    };
  }
  const result = signInResult(services, outcome);
  if (outcome.kind === 'session' && outcome.organization) return { ...result, body: { ...result.body, organization: outcome.organization } as never };
  return result;
}
