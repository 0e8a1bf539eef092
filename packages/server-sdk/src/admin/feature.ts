import { z } from 'zod';
import type { FeatureParts, LatchFeature } from '../core/feature.js';
import { cursorField, displayNameField, emailField, limitField, pageQuery, reauthFields } from '../http/fields.js';
import { defineRoute, json } from '../core/route.js';
import { readerRoles, writerRoles } from './rules.js';
import { assignableRoles, roleNamePattern } from '../core/roles.js';
import { adminUserSchema } from '../accounts/view.js';
import { accepted, acceptedSchema, pageOf } from '../response-schemas.js';
import { AdminService, adminAuditEventSchema, adminUserDetailSchema } from './service.js';
import { importUsersRoute } from './import-route.js';
import { kindPattern } from './import.js';
import type { Services } from '../core/services.js';

/** `{ user }` as administrators see it. */
const adminUserAnswer = z.object({ user: adminUserSchema });

// Free text reaches SQL only as bound parameters; control characters are refused up front.
const text = (max: number) => z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed.');
const kindField = z.string().regex(kindPattern, 'Use lower-case letters, digits, _ and -, starting with a letter.');

/** A phone number as an administrator gives it: any readable international form, or null to remove it. */
const phoneNumberField = z.string().max(64).nullable();

/**
 * User administration under `/admin`: managers and viewers read, admins and super admins change accounts.
 * Every route needs a signed-in browser session (not an API key or access token) and a role;
 * the role rules (who may grant what, the last administrator) are in `core/roles.ts`.
 */
export function adminFeature(): LatchFeature {
  return {
    name: 'admin',
    setup: ({ services, accountHooks, accountFacts }) => adminParts(new AdminService(services, accountHooks, accountFacts), services),
  };
}

function adminParts(admin: AdminService, services: Services): FeatureParts {
  // The built-in roles and the host's own (`roles`); anything else is refused with 422.
  const roleNames = assignableRoles(services.config);
  const roleField = z.enum(roleNames as [string, ...string[]]);
  // A change sends the whole list: a role no longer configured may stay on the account (the
  // service refuses only roles given anew), so the list is checked for its shape here.
  const keptRoleField = z.string().regex(roleNamePattern, 'Use a role name: lower-case letters, digits, _ and -, starting with a letter.');
  return {
    routes: [
      defineRoute({
        method: 'GET', path: '/admin/users', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'Lists accounts, filtered by text (email or name), role and kind',
        response: pageOf(adminUserSchema),
        query: z.object({ query: text(200).optional(), role: roleField.optional(), kind: kindField.optional(), limit: limitField, cursor: cursorField.optional() }),
        responses: { 200: '`{ items, nextCursor }`' },
        errors: ['forbidden'],
        handler: async ({ query }) => json(200, await admin.listUsers({ text: query.query, role: query.role, kind: query.kind, limit: query.limit, cursor: query.cursor })),
      }),
      defineRoute({
        method: 'GET', path: '/admin/users/:id', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'One account with its second factors, live session and API key counts and organizations',
        response: adminUserDetailSchema,
        responses: { 200: '`{ user, twoFactor, sessions, apiKeys, organizations }`' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ params }) => json(200, await admin.getUserDetail(params.id!)),
      }),
      defineRoute({
        method: 'GET', path: '/admin/users/:id/activity', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'The account\'s audit events, newest first (the items of `GET /admin/audit`)',
        query: pageQuery,
        response: pageOf(adminAuditEventSchema),
        responses: { 200: '`{ items, nextCursor }`' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ params, query }) => json(200, await admin.activity(params.id!, query)),
      }),
      defineRoute({
        method: 'POST', path: '/admin/users', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Creates an account and emails it a set-password link. `roles` are built-in or configured (`roles`) ones; admins may grant only `manager`, `viewer` and the configured roles; only a super_admin grants `admin` or `super_admin`. With `kinds` configured, `kind` must be `user` or a configured one',
        body: z.object({ email: emailField, displayName: displayNameField, roles: z.array(roleField).max(roleNames.length).default([]), kind: kindField.optional() }),
        response: adminUserAnswer,
        responses: { 201: '`{ user }`' },
        errors: ['email_taken', 'forbidden'],
        handler: async ({ caller, body, ctx }) => json(201, { user: await admin.createUser(caller.user, body, ctx) }),
      }),
      defineRoute({
        method: 'PATCH', path: '/admin/users/:id', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Changes display name, roles, kind, phone number or status; disabling ends every session and key use. A role given anew must be built-in or configured (422 otherwise). Admins change only accounts below `admin` and grant only `manager`, `viewer` and the configured roles; nobody changes their own roles; the last super_admin or administrator cannot be demoted or disabled (409 `conflict`). A phone number change needs the administrator\'s reauthentication (`password` or `code`)',
        body: z.object({
          displayName: displayNameField.optional(), roles: z.array(keptRoleField).max(roleNames.length + 16).optional(), kind: kindField.optional(),
          disabled: z.boolean().optional(), phoneNumber: phoneNumberField.optional(), ...reauthFields,
        }),
        response: adminUserAnswer,
        responses: { 200: '`{ user }`' },
        errors: ['forbidden', 'not_found', 'conflict', 'reauthentication_required'],
        handler: async ({ caller, params, body, ctx }) => {
          const { password, code, ...changes } = body;
          return json(200, { user: await admin.updateUser(caller, params.id!, changes, { password, code }, ctx) });
        },
      }),
      defineRoute({
        method: 'POST', path: '/admin/users/:id/password-reset', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Emails the account a password reset link (administrators never set or see passwords)',
        response: acceptedSchema,
        responses: { 202: 'Accepted' },
        errors: ['forbidden', 'not_found', 'conflict', 'rate_limited'],
        handler: async ({ caller, params, ctx }) => { await admin.sendPasswordReset(caller.user, params.id!, ctx); return json(202, accepted); },
      }),
      defineRoute({
        method: 'DELETE', path: '/admin/users/:id/sessions', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Ends every session of the account',
        responses: { 204: 'Revoked' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ caller, params, ctx }) => { await admin.revokeSessions(caller.user, params.id!, ctx); return { status: 204 }; },
      }),
      defineRoute({
        method: 'GET', path: '/admin/audit', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'The audit trail, newest first, filtered by target user and event type',
        response: pageOf(adminAuditEventSchema),
        query: z.object({ userId: z.uuid().optional(), type: z.string().regex(/^[a-z_.]{1,64}$/).optional(), limit: limitField, cursor: cursorField.optional() }),
        responses: { 200: '`{ items, nextCursor }`' },
        errors: ['forbidden'],
        handler: async ({ query }) => json(200, await admin.audit(query)),
      }),
      importUsersRoute(services),
    ],
  };
}
