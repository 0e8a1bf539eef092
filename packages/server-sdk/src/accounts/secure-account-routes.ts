import { z } from 'zod';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { passwordField, reauthFields } from '../http/fields.js';
import { securedAccountSchema, type AccountSecurity } from './secure-account.js';

/** `POST /me/secure-account`. */
export function secureAccountRoutes(security: AccountSecurity): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST', path: '/me/secure-account', tag: 'Me', auth: 'session', reauth: true,
      summary: 'Secures the account (reauth): signs out every other session, revokes every API key, voids pending sign-ins and emailed links, and sets `newPassword` or makes the old password stop signing in',
      body: z.object({ newPassword: passwordField.optional(), ...reauthFields }),
      response: securedAccountSchema,
      responses: { 200: '`{ revokedSessions, revokedApiKeys, passwordChanged, passwordChangeRequired, twoFactorEnabled, next }`; a notice is emailed' },
      errors: ['reauthentication_required', 'weak_password', 'password_reused', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => json(200, await security.secure(caller, { newPassword: body.newPassword }, ctx)),
    }),
  ];
}
