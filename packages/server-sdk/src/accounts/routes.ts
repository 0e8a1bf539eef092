import { z } from 'zod';
import type { AccountService } from './service.js';
import { toPublicUser } from './view.js';
import type { Services } from '../core/services.js';
import type { SecondFactorMethod } from '../core/second-factor.js';
import { configuredKinds } from '../core/kinds.js';
import { configuredRoles } from '../core/roles.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { captchaField, displayNameField, emailField, pageQuery, passwordField, reauthFields, tokenField } from '../http/fields.js';
import { clearChallengeCookie, clearSessionCookie, invitationResult, invitationResultSchema, signInResult, signInResultSchema } from './sign-in-result.js';
import { ValidationFailedError } from '../errors.js';
import { activityPageSchema, meSchema, publicConfigSchema, userAnswerSchema, verifyEmailResultSchema } from './responses.js';
import { accepted, acceptedSchema } from '../response-schemas.js';
import { checkPassword, passwordCheckSchema } from '../passwords/policy.js';

/** The second factors a user can set up, in the order the components offer them. */
function secondFactorsOf(config: Services['config']): SecondFactorMethod[] {
  return ['totp', ...(config.twoFactor.emailEnabled ? ['email' as const] : []), 'backup_code', ...(config.passkeys.enabled ? ['passkey' as const] : [])];
}

/** Sign-up, verification, sign-in and sign-out, password reset, invitations and `/me`. */
export function accountRoutes(services: Services, accounts: AccountService, features: readonly string[]): RouteDefinition[] {
  const has = (name: string) => features.includes(name);
  const { config } = services;
  return [
    defineRoute({
      method: 'GET', path: '/config', tag: 'Sign-in', auth: 'none',
      summary: 'Public settings the components need',
      response: publicConfigSchema,
      responses: { 200: 'Public configuration' },
      handler: async () => json(200, {
        signUp: config.signUp.mode,
        ...(config.turnstile.siteKey ? { turnstileSiteKey: config.turnstile.siteKey } : {}),
        passwordPolicy: {
          minLength: config.passwords.minLength, maxLength: config.passwords.maxLength,
          minScore: config.passwords.minScore, requireComposition: config.passwords.requireComposition,
        },
        secondFactors: has('two-factor') ? secondFactorsOf(config) : [],
        passkeys: has('two-factor') && config.passkeys.enabled,
        idleTimeoutSeconds: config.sessions.idleTimeoutSeconds,
        apiKeyScopes: config.apiKeys.scopes,
        kinds: configuredKinds(config),
        roles: configuredRoles(config),
        ...(has('organizations') ? {
          organizations: {
            creation: config.organizations.creation,
            roles: config.organizations.roleList.map(({ name, rank, permissions }) => ({ name, rank, permissions: [...permissions] })),
          },
        } : {}),
        // The installed features, so the components show only the panels that work here.
        features: [...features],
      }),
    }),
    defineRoute({
      method: 'POST', path: '/password/check', tag: 'Sign-in', auth: 'none',
      summary: 'Checks a candidate password against the server policy (for strength meters)',
      body: z.object({ password: passwordField, email: emailField.optional(), displayName: displayNameField.optional() }),
      response: passwordCheckSchema,
      responses: { 200: '`{ ok, score, reasons, messages, suggestions, estimated }`' },
      errors: ['rate_limited'],
      handler: async ({ body, ctx }) => {
        await services.limits.passwordCheckPerIp.consume(ctx.ip ?? 'unknown');
        const userInputs = [body.email ?? '', body.displayName ?? ''].filter(Boolean);
        return json(200, await checkPassword(body.password, config.passwords, userInputs, { breached: services.breachedPasswords }));
      },
    }),
    defineRoute({
      method: 'POST', path: '/sign-up', tag: 'Sign-in', auth: 'none',
      summary: 'Registers an account and emails a verification link',
      body: z.object({ email: emailField, password: passwordField, displayName: displayNameField.optional(), captchaToken: captchaField }),
      response: userAnswerSchema,
      responses: { 201: 'The same `{ user }` answer whether or not the address was already registered' },
      errors: ['sign_up_disabled', 'weak_password', 'captcha_failed', 'rate_limited'],
      handler: async ({ body, ctx }) => json(201, { user: await accounts.signUp(body, ctx) }),
    }),
    defineRoute({
      method: 'POST', path: '/verify-email', tag: 'Sign-in', auth: 'optional',
      summary: 'Verifies the email address with the emailed token and signs in, unless the browser is already signed in',
      body: z.object({ token: tokenField }),
      response: verifyEmailResultSchema,
      responses: { 200: '`{ user, session }` and the session cookie (or a second-factor challenge); `{ user, signedIn: false }` when another account is signed in, whose session is kept' },
      errors: ['invalid_token'],
      handler: async ({ body, ctx, caller }) => {
        // Login CSRF: a link someone else sent must not swap the signed-in account for theirs.
        if (caller?.via === 'session' && caller.session) {
          const user = await accounts.verifyEmailOnly(body.token, ctx);
          if (user.id !== caller.user.id) return json(200, { user: toPublicUser(user), signedIn: false as const });
          return json(200, { user: toPublicUser(user), session: { id: caller.session.id, expiresAt: services.sessions.expiresAt(caller.session).toISOString() } });
        }
        return signInResult(services, await accounts.verifyEmail(body.token, ctx));
      },
    }),
    defineRoute({
      method: 'POST', path: '/verify-email/resend', tag: 'Sign-in', auth: 'none',
      summary: 'Sends a new verification link (same answer for every address)',
      body: z.object({ email: emailField }),
      response: acceptedSchema,
      responses: { 202: 'Accepted' },
      errors: ['rate_limited'],
      handler: async ({ body, ctx }) => { await accounts.resendVerification(body.email, ctx); return json(202, accepted); },
    }),
    defineRoute({
      method: 'POST', path: '/sign-in', tag: 'Sign-in', auth: 'none',
      summary: 'Signs in with email and password',
      body: z.object({ email: emailField, password: passwordField, captchaToken: captchaField }),
      response: signInResultSchema,
      responses: { 200: '`{ user, session }` and the session cookie, or `{ twoFactorRequired, methods }` and a challenge cookie' },
      errors: ['invalid_credentials', 'email_not_verified', 'account_disabled', 'password_reset_required', 'captcha_failed', 'rate_limited'],
      handler: async ({ body, ctx }) => signInResult(services, await accounts.signIn(body, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/sign-out', tag: 'Sign-in', auth: 'optional',
      summary: 'Revokes the current session and clears the cookie',
      responses: { 204: 'Signed out' },
      handler: async ({ caller, ctx }) => {
        if (caller?.via === 'session') await accounts.signOut(caller, ctx);
        return { status: 204, cookies: [clearSessionCookie(services), clearChallengeCookie(services)] };
      },
    }),
    defineRoute({
      method: 'POST', path: '/password/forgot', tag: 'Sign-in', auth: 'none',
      summary: 'Emails a password reset link (same answer for every address)',
      body: z.object({ email: emailField, captchaToken: captchaField }),
      response: acceptedSchema,
      responses: { 202: 'Accepted' },
      errors: ['rate_limited', 'captcha_failed'],
      handler: async ({ body, ctx }) => { await accounts.forgotPassword(body, ctx); return json(202, accepted); },
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
      method: 'POST', path: '/invitations/accept', tag: 'Sign-in', auth: 'optional',
      summary: 'Accepts an invitation: a new account sets its password and signs in; an organization invitation to an existing account joins it once that account is signed in',
      body: z.object({ token: tokenField, password: passwordField.optional(), displayName: displayNameField.optional() }),
      response: invitationResultSchema,
      responses: { 200: '`{ user, session, organization? }` and, for a new account, the session cookie (or a second-factor challenge)' },
      errors: ['invalid_token', 'weak_password', 'unauthenticated', 'invitation_mismatch'],
      handler: async ({ caller, body, ctx }) => {
        // Features' invitation kinds first (organizations), then the core's own account invitations.
        for (const acceptor of services.invitations) {
          const outcome = await acceptor.accept(body, caller, ctx);
          if (outcome) return invitationResult(services, outcome);
        }
        if (body.password === undefined) throw new ValidationFailedError({ errors: [{ field: 'password', code: 'required', message: 'This field is required.' }] });
        return signInResult(services, await accounts.acceptInvitation({ ...body, password: body.password }, ctx));
      },
    }),
    defineRoute({
      method: 'GET', path: '/me', tag: 'Me', auth: 'user', scopes: ['read'],
      summary: 'The signed-in user, the session and second-factor status',
      response: meSchema,
      responses: { 200: '`{ user, session, twoFactor, activeOrganization }`' },
      handler: async ({ caller }) => {
        const { user, session, organization } = caller;
        const summary = organization ? await services.organizations.describe(organization.id) : null;
        return json(200, {
          user: toPublicUser(user),
          session: session ? { id: session.id, expiresAt: services.sessions.expiresAt(session).toISOString() } : null,
          twoFactor: await services.secondFactor.summary(user),
          activeOrganization: summary && organization ? { ...summary, role: organization.role } : null,
        });
      },
    }),
    defineRoute({
      method: 'PATCH', path: '/me', tag: 'Me', auth: 'session',
      summary: 'Updates the display name and the phone number (E.164 or any international form with `+country`; null removes it). A phone number change needs reauthentication (`password` or `code`), emails a notice and emits `user.phone_changed`',
      body: z.object({ displayName: displayNameField.optional(), phoneNumber: z.string().max(64).nullable().optional(), ...reauthFields }),
      response: userAnswerSchema,
      responses: { 200: '`{ user }`' },
      errors: ['reauthentication_required', 'conflict'],
      handler: async ({ caller, body, ctx }) => {
        const { password, code, ...changes } = body;
        return json(200, { user: await accounts.updateProfile(caller, changes, ctx, { password, code }) });
      },
    }),
    defineRoute({
      method: 'POST', path: '/me/email', tag: 'Me', auth: 'session', reauth: true,
      summary: 'Starts a login-email change (reauth): link to the new address, notice to the old',
      body: z.object({ newEmail: emailField, ...reauthFields }),
      response: acceptedSchema,
      responses: { 202: 'Accepted' },
      errors: ['reauthentication_required', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => { await accounts.requestEmailChange(caller, body, ctx); return json(202, accepted); },
    }),
    defineRoute({
      method: 'POST', path: '/me/email/confirm', tag: 'Me', auth: 'none',
      summary: 'Confirms a login-email change with the link sent to the new address',
      body: z.object({ token: tokenField }),
      response: userAnswerSchema,
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
      handler: async ({ caller, body, ctx }) => { await accounts.changePassword(caller, body, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'GET', path: '/me/activity', tag: 'Me', auth: 'user', scopes: ['read'],
      summary: 'Recent security events of the signed-in user, newest first',
      query: pageQuery,
      response: activityPageSchema,
      responses: { 200: '`{ items, nextCursor }`' },
      handler: async ({ caller, query }) => {
        const page = await services.storage.audit.listForUser(caller.user.id, query);
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
