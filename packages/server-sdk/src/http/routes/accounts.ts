import { z } from 'zod';
import type { AccountService } from '../../accounts/service.js';
import { toPublicUser } from '../../accounts/view.js';
import { checkPassword } from '../../passwords/policy.js';
import type { Services } from '../../services.js';
import { defineRoute, json, type RouteDefinition } from '../route.js';
import {
  callerOf, captchaField, clearChallengeCookie, clearSessionCookie, displayNameField, emailField, pageQuery, passwordField,
  signInResult, tokenField,
} from './common.js';

/** Sign-up, verification, sign-in and sign-out, password reset, invitations and `/me`. */
export function accountRoutes(services: Services, accounts: AccountService): RouteDefinition[] {
  const { config } = services;
  return [
    defineRoute({
      method: 'GET', path: '/config', tag: 'Sign-in', auth: 'none',
      summary: 'Public settings the components need',
      responses: { 200: 'Public configuration' },
      handler: async () => json(200, {
        signUp: config.signUp.mode,
        ...(config.turnstile.siteKey ? { turnstileSiteKey: config.turnstile.siteKey } : {}),
        passwordPolicy: {
          minLength: config.passwords.minLength, maxLength: config.passwords.maxLength,
          minScore: config.passwords.minScore, requireComposition: config.passwords.requireComposition,
        },
        secondFactors: ['totp', ...(config.twoFactor.emailEnabled ? ['email'] : []), 'backup_code', ...(config.passkeys.enabled ? ['passkey'] : [])],
        passkeys: config.passkeys.enabled,
        idleTimeoutSeconds: config.sessions.idleTimeoutSeconds,
        apiKeyScopes: config.apiKeys.scopes,
      }),
    }),
    defineRoute({
      method: 'POST', path: '/password/check', tag: 'Sign-in', auth: 'none',
      summary: 'Checks a candidate password against the server policy (for strength meters)',
      body: z.object({ password: passwordField, email: emailField.optional(), displayName: displayNameField.optional() }),
      responses: { 200: '`{ ok, score, reasons, suggestions }`' },
      handler: async ({ body }) => json(200, checkPassword(body.password, config.passwords, [body.email ?? '', body.displayName ?? ''].filter(Boolean))),
    }),
    defineRoute({
      method: 'POST', path: '/sign-up', tag: 'Sign-in', auth: 'none',
      summary: 'Registers an account and emails a verification link',
      body: z.object({ email: emailField, password: passwordField, displayName: displayNameField.optional(), captchaToken: captchaField }),
      responses: { 201: 'The same `{ user }` answer whether or not the address was already registered' },
      errors: ['sign_up_disabled', 'weak_password', 'captcha_failed', 'rate_limited'],
      handler: async ({ body, ctx }) => json(201, { user: await accounts.signUp(body, ctx) }),
    }),
    defineRoute({
      method: 'POST', path: '/verify-email', tag: 'Sign-in', auth: 'none',
      summary: 'Verifies the email address with the emailed token and signs in',
      body: z.object({ token: tokenField }),
      responses: { 200: '`{ user, session }` and the session cookie (or a second-factor challenge)' },
      errors: ['invalid_token'],
      handler: async ({ body, ctx }) => signInResult(services, await accounts.verifyEmail(body.token, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/verify-email/resend', tag: 'Sign-in', auth: 'none',
      summary: 'Sends a new verification link (same answer for every address)',
      body: z.object({ email: emailField }),
      responses: { 202: 'Accepted' },
      errors: ['rate_limited'],
      handler: async ({ body, ctx }) => { await accounts.resendVerification(body.email, ctx); return json(202, { status: 'accepted' }); },
    }),
    defineRoute({
      method: 'POST', path: '/sign-in', tag: 'Sign-in', auth: 'none',
      summary: 'Signs in with email and password',
      body: z.object({ email: emailField, password: passwordField, captchaToken: captchaField }),
      responses: { 200: '`{ user, session }` and the session cookie, or `{ twoFactorRequired, methods }` and a challenge cookie' },
      errors: ['invalid_credentials', 'email_not_verified', 'account_disabled', 'captcha_failed', 'rate_limited'],
      handler: async ({ body, ctx }) => signInResult(services, await accounts.signIn(body, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/sign-out', tag: 'Sign-in', auth: 'optional',
      summary: 'Revokes the current session and clears the cookie',
      responses: { 204: 'Signed out' },
      handler: async ({ auth, ctx }) => {
        if (auth?.via === 'session') await accounts.signOut(callerOf(auth), ctx);
        return { status: 204, cookies: [clearSessionCookie(services), clearChallengeCookie(services)] };
      },
    }),
    defineRoute({
      method: 'POST', path: '/password/forgot', tag: 'Sign-in', auth: 'none',
      summary: 'Emails a password reset link (same answer for every address)',
      body: z.object({ email: emailField, captchaToken: captchaField }),
      responses: { 202: 'Accepted' },
      errors: ['rate_limited', 'captcha_failed'],
      handler: async ({ body, ctx }) => { await accounts.forgotPassword(body, ctx); return json(202, { status: 'accepted' }); },
    }),
    defineRoute({
      method: 'POST', path: '/password/reset', tag: 'Sign-in', auth: 'none',
      summary: 'Sets a new password with a reset link; signs out every session',
      body: z.object({ token: tokenField, newPassword: passwordField }),
      responses: { 204: 'Password reset' },
      errors: ['invalid_token', 'weak_password', 'rate_limited'],
      handler: async ({ body, ctx }) => { await accounts.resetPassword(body, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/invitations/accept', tag: 'Sign-in', auth: 'none',
      summary: 'An invited user sets a password and signs in',
      body: z.object({ token: tokenField, password: passwordField, displayName: displayNameField.optional() }),
      responses: { 200: '`{ user, session }` and the session cookie (or a second-factor challenge)' },
      errors: ['invalid_token', 'weak_password'],
      handler: async ({ body, ctx }) => signInResult(services, await accounts.acceptInvitation(body, ctx)),
    }),
    defineRoute({
      method: 'GET', path: '/me', tag: 'Me', auth: 'user', scopes: ['read'],
      summary: 'The signed-in user, the session and second-factor status',
      responses: { 200: '`{ user, session, twoFactor }`' },
      handler: async ({ auth }) => {
        const { user, session } = callerOf(auth);
        return json(200, {
          user: toPublicUser(user),
          session: session ? { id: session.id, expiresAt: services.sessions.expiresAt(session).toISOString() } : null,
          twoFactor: await services.secondFactor.summary(user),
        });
      },
    }),
    defineRoute({
      method: 'PATCH', path: '/me', tag: 'Me', auth: 'session',
      summary: 'Updates the display name',
      body: z.object({ displayName: displayNameField.optional() }),
      responses: { 200: '`{ user }`' },
      handler: async ({ auth, body, ctx }) => json(200, { user: await accounts.updateProfile(callerOf(auth), body, ctx) }),
    }),
    defineRoute({
      method: 'POST', path: '/me/email', tag: 'Me', auth: 'session',
      summary: 'Starts a login-email change (reauth): link to the new address, notice to the old',
      body: z.object({ newEmail: emailField, password: passwordField.optional(), code: z.string().max(64).optional() }),
      responses: { 202: 'Accepted' },
      errors: ['reauthentication_required', 'rate_limited'],
      handler: async ({ auth, body, ctx }) => { await accounts.requestEmailChange(callerOf(auth), body, ctx); return json(202, { status: 'accepted' }); },
    }),
    defineRoute({
      method: 'POST', path: '/me/email/confirm', tag: 'Me', auth: 'none',
      summary: 'Confirms a login-email change with the link sent to the new address',
      body: z.object({ token: tokenField }),
      responses: { 200: '`{ user }`' },
      errors: ['invalid_token', 'email_taken'],
      handler: async ({ body, ctx }) => json(200, { user: await accounts.confirmEmailChange(body.token, ctx) }),
    }),
    defineRoute({
      method: 'POST', path: '/me/password', tag: 'Me', auth: 'session',
      summary: 'Changes the password; every other session is signed out',
      body: z.object({ currentPassword: passwordField, newPassword: passwordField }),
      responses: { 204: 'Changed' },
      errors: ['invalid_credentials', 'weak_password', 'password_reused', 'rate_limited'],
      handler: async ({ auth, body, ctx }) => { await accounts.changePassword(callerOf(auth), body, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'GET', path: '/me/activity', tag: 'Me', auth: 'user', scopes: ['read'],
      summary: 'Recent security events of the signed-in user, newest first',
      query: pageQuery,
      responses: { 200: '`{ items, nextCursor }`' },
      handler: async ({ auth, query }) => {
        const page = await services.storage.audit.listForUser(callerOf(auth).user.id, query);
        return json(200, {
          items: page.items.map((e) => ({
            id: e.id, type: e.type, at: e.at.toISOString(), ip: e.ip, userAgent: e.userAgent,
            detail: Object.fromEntries(Object.entries(e.detail).filter(([k]) => k !== 'requestId')),
          })),
          nextCursor: page.nextCursor,
        });
      },
    }),
  ];
}
