import { z } from 'zod';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { NotFoundError } from '../errors.js';
import { codeField, emailField, reauthBody } from '../http/fields.js';
import { signInResult, signInResultSchema } from '../accounts/sign-in-result.js';
import { pageOf, sent, sentSchema } from '../response-schemas.js';
import { backupCodesSchema, enableResultSchema } from './enrollment.js';
import { passkeyViewSchema } from './passkeys.js';
import { totpSetupSchema } from './totp-factor.js';
import { passkeyCreationOptionsSchema, passkeyRequestOptionsSchema } from './webauthn-views.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import type { Services } from '../core/services.js';
import type { Enrollment } from './enrollment.js';
import type { EmailFactor } from './email-factor.js';
import type { Passkeys } from './passkeys.js';
import type { SecondStepSignIn } from './sign-in.js';
import type { TotpFactor } from './totp-factor.js';

/** The parts the routes call into. */
export interface TwoFactorRouteParts {
  secondStep: SecondStepSignIn;
  totp: TotpFactor;
  email: EmailFactor;
  enrollment: Enrollment;
  passkeys: Passkeys;
}

/** Proof of presence for **reauth** operations: the password, a second-factor code, or neither within 5 minutes of signing in. */

const bounded = z.string().max(16384);
/** A WebAuthn response as @simplewebauthn/browser produces it; unknown members are kept for the verifier. */
const registrationResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: bounded, attestationObject: bounded }),
  clientExtensionResults: z.looseObject({}).default({}),
});
const authenticationResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: bounded, authenticatorData: bounded, signature: bounded, userHandle: bounded.optional() }),
  clientExtensionResults: z.looseObject({}).default({}),
});

const passkeyId = (id: string | undefined): string => {
  if (!id || !z.uuid().safeParse(id).success) throw new NotFoundError();
  return id;
};

/** `POST /sign-in/two-factor*`, `/sign-in/passkey*`, `/me/two-factor/*` and `/me/passkeys*`. */
export function twoFactorRoutes(services: Services, parts: TwoFactorRouteParts): RouteDefinition[] {
  const { secondStep, totp, email, enrollment, passkeys } = parts;
  // The services take the pending sign-in's token, not the request's cookies.
  const challengeOf = (cookies: Record<string, string>) => cookies[services.config.challengeCookieName];
  return [
    defineRoute({
      method: 'POST', path: '/sign-in/two-factor', tag: 'Sign-in', auth: 'none',
      summary: 'Completes a pending sign-in (challenge cookie) with an authenticator-app, emailed or backup code',
      body: z.object({ method: z.enum(['totp', 'email', 'backup_code']), code: codeField }),
      response: signInResultSchema,
      responses: { 200: '`{ user, session }`, the session cookie, and the challenge cookie cleared' },
      errors: ['invalid_code', 'challenge_expired', 'rate_limited', 'account_disabled'],
      handler: async ({ body, cookies, ctx }) => signInResult(services, await secondStep.withCode(challengeOf(cookies), body.method, body.code, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/sign-in/two-factor/email', tag: 'Sign-in', auth: 'none',
      summary: 'Emails a new sign-in code for the pending sign-in (voids the previous code)',
      response: sentSchema,
      responses: { 202: 'Sent' },
      errors: ['challenge_expired', 'rate_limited'],
      handler: async ({ cookies, ctx }) => { await secondStep.sendEmailCode(challengeOf(cookies), ctx); return json(202, sent); },
    }),
    defineRoute({
      method: 'POST', path: '/sign-in/passkey/options', tag: 'Sign-in', auth: 'none',
      summary: 'WebAuthn request options: passwordless (discoverable, also for autofill) or, with a challenge cookie, the second step',
      body: z.object({ email: emailField.optional() }),
      response: passkeyRequestOptionsSchema,
      responses: { 200: 'PublicKeyCredentialRequestOptionsJSON for `startAuthentication`' },
      errors: ['rate_limited'],
      handler: async ({ cookies, ctx }) => json(200, await passkeys.signInOptions(challengeOf(cookies), ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/sign-in/passkey', tag: 'Sign-in', auth: 'none',
      summary: 'Signs in with a passkey (passwordless, or as the second step of the pending sign-in)',
      body: z.object({ response: authenticationResponse }),
      response: signInResultSchema,
      responses: { 200: '`{ user, session }` and the session cookie' },
      errors: ['invalid_passkey', 'account_disabled'],
      handler: async ({ body, cookies, ctx }) => signInResult(services, await passkeys.signIn(challengeOf(cookies), body.response as unknown as AuthenticationResponseJSON, ctx)),
    }),

    defineRoute({
      method: 'POST', path: '/me/two-factor/totp/setup', tag: 'Second factors', auth: 'session', reauth: true,
      summary: 'Starts setting up an authenticator app (reauth): a new secret, its otpauth URI and QR code',
      body: reauthBody,
      response: totpSetupSchema,
      responses: { 200: '`{ secret, otpauthUri, qrSvg }` (not enabled until confirmed)' },
      errors: ['reauthentication_required', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => json(200, await totp.setup(caller, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/totp/enable', tag: 'Second factors', auth: 'session',
      summary: 'Confirms the authenticator app with a code from it',
      body: z.object({ code: codeField }),
      response: enableResultSchema,
      responses: { 200: '`{ backupCodes, backupCodesRemaining }`; `backupCodes` only when this is the first factor' },
      errors: ['invalid_code'],
      handler: async ({ caller, body, ctx }) => json(200, await totp.enable(caller, body.code, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/totp/disable', tag: 'Second factors', auth: 'session',
      summary: 'Removes the authenticator app with a current code from it or a backup code',
      body: z.object({ code: codeField }),
      responses: { 204: 'Removed; notice emailed' },
      errors: ['invalid_code', 'rate_limited', 'not_found'],
      handler: async ({ caller, body, ctx }) => { await totp.disable(caller, body.code, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/email/enable', tag: 'Second factors', auth: 'session', reauth: true,
      summary: 'Turns on sign-in codes by email (reauth); the weakest second factor',
      body: reauthBody,
      response: enableResultSchema,
      responses: { 200: '`{ backupCodes, backupCodesRemaining }`; `backupCodes` only when this is the first factor' },
      errors: ['reauthentication_required', 'rate_limited', 'not_found'],
      handler: async ({ caller, body, ctx }) => json(200, await email.enable(caller, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/email/code', tag: 'Second factors', auth: 'session',
      summary: 'Emails a one-time code that confirms a sensitive change (usable as `code` on reauth operations)',
      response: sentSchema,
      responses: { 202: 'Sent' },
      errors: ['rate_limited', 'not_found'],
      handler: async ({ caller, ctx }) => { await email.sendConfirmationCode(caller, ctx); return json(202, sent); },
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/email/disable', tag: 'Second factors', auth: 'session',
      summary: 'Turns off sign-in codes by email with a code from an enabled factor',
      body: z.object({ code: codeField }),
      responses: { 204: 'Turned off; notice emailed' },
      errors: ['invalid_code', 'rate_limited', 'not_found'],
      handler: async ({ caller, body, ctx }) => { await email.disable(caller, body.code, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/me/two-factor/backup-codes', tag: 'Second factors', auth: 'session', reauth: true,
      summary: 'Creates a new set of backup codes (reauth); the old set stops working',
      body: reauthBody,
      response: backupCodesSchema,
      responses: { 200: '`{ backupCodes }`, shown once' },
      errors: ['reauthentication_required', 'rate_limited', 'conflict'],
      handler: async ({ caller, body, ctx }) => json(200, { backupCodes: await enrollment.regenerate(caller, ctx) }),
    }),

    defineRoute({
      method: 'POST', path: '/me/passkeys/options', tag: 'Passkeys', auth: 'session', reauth: true,
      summary: 'WebAuthn creation options for a new passkey (reauth)',
      body: reauthBody,
      response: passkeyCreationOptionsSchema,
      responses: { 200: 'PublicKeyCredentialCreationOptionsJSON for `startRegistration`' },
      errors: ['reauthentication_required', 'rate_limited', 'limit_reached', 'not_found'],
      handler: async ({ caller, body, ctx }) => json(200, await passkeys.registrationOptions(caller, ctx)),
    }),
    defineRoute({
      method: 'POST', path: '/me/passkeys', tag: 'Passkeys', auth: 'session',
      summary: 'Registers a passkey from the browser\'s registration response',
      body: z.object({ response: registrationResponse, name: z.string().max(400).optional() }),
      response: z.object({ passkey: passkeyViewSchema }),
      responses: { 201: '`{ passkey: { id, name, createdAt, lastUsedAt, backedUp } }`' },
      errors: ['invalid_passkey', 'limit_reached', 'not_found'],
      handler: async ({ caller, body, ctx }) => json(201, {
        passkey: await passkeys.register(caller, body.response as unknown as RegistrationResponseJSON, body.name, ctx),
      }),
    }),
    defineRoute({
      method: 'GET', path: '/me/passkeys', tag: 'Passkeys', auth: 'session',
      summary: 'The signed-in user\'s passkeys',
      response: pageOf(passkeyViewSchema),
      responses: { 200: '`{ items, nextCursor }`' },
      handler: async ({ caller }) => json(200, { items: await passkeys.list(caller.user), nextCursor: null }),
    }),
    defineRoute({
      method: 'PATCH', path: '/me/passkeys/:id', tag: 'Passkeys', auth: 'session',
      summary: 'Renames a passkey',
      body: z.object({ name: z.string().max(400) }),
      response: z.object({ passkey: passkeyViewSchema }),
      responses: { 200: '`{ passkey }`' },
      errors: ['not_found'],
      handler: async ({ caller, params, body, ctx }) => json(200, { passkey: await passkeys.rename(caller.user, passkeyId(params.id), body.name, ctx) }),
    }),
    defineRoute({
      method: 'DELETE', path: '/me/passkeys/:id', tag: 'Passkeys', auth: 'session', reauth: true,
      summary: 'Removes a passkey (reauth: a sign-in under 5 minutes old, or `password`/`code` in the body)',
      body: reauthBody,
      responses: { 204: 'Removed; notice emailed' },
      errors: ['not_found', 'reauthentication_required', 'conflict'],
      handler: async ({ caller, params, body, ctx }) => { await passkeys.remove(caller, passkeyId(params.id), ctx); return { status: 204 }; },
    }),
  ];
}
