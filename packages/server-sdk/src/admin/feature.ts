import { z } from 'zod';
import type { FeatureParts, LatchFeature } from '../core/feature.js';
import { cursorField, displayNameField, emailField, limitField } from '../http/fields.js';
import { defineRoute, json } from '../core/route.js';
import { adminRoles, readerRoles, writerRoles } from './rules.js';
import { adminUserSchema } from '../accounts/view.js';
import { accepted, acceptedSchema, pageOf } from '../response-schemas.js';
import { AdminService, adminAuditEventSchema } from './service.js';
import { importUsersRoute } from './import-route.js';
import { kindPattern } from './import.js';
import type { Services } from '../core/services.js';

/** `{ user }` as administrators see it. */
const adminUserAnswer = z.object({ user: adminUserSchema });

// Free text reaches SQL only as bound parameters; control characters are refused up front.
const text = (max: number) => z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed.');
const kindField = z.string().regex(kindPattern, 'Use lower-case letters, digits, _ and -, starting with a letter.');
const roleField = z.enum(adminRoles);

/**
 * User administration under `/admin`: managers read, admins and super admins change accounts.
 * Every route needs a signed-in browser session (not an API key or access token) and a role;
 * the role rules (who may grant what, the last administrator) are in `rules.ts`.
 */
export function adminFeature(): LatchFeature {
  return { name: 'admin', setup: ({ services, accountHooks }) => adminParts(new AdminService(services, accountHooks), services) };
}

function adminParts(admin: AdminService, services: Services): FeatureParts {
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
        summary: 'One account',
        response: adminUserAnswer,
        responses: { 200: '`{ user }`' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ params }) => json(200, { user: await admin.getUser(params.id!) }),
      }),
      defineRoute({
        method: 'POST', path: '/admin/users', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Creates an account and emails it a set-password link. Admins may grant only `manager`; only a super_admin grants `admin` or `super_admin`',
        body: z.object({ email: emailField, displayName: displayNameField, roles: z.array(roleField).max(adminRoles.length).default([]), kind: kindField.optional() }),
        response: adminUserAnswer,
        responses: { 201: '`{ user }`' },
        errors: ['email_taken', 'forbidden'],
        handler: async ({ caller, body, ctx }) => json(201, { user: await admin.createUser(caller.user, body, ctx) }),
      }),
      defineRoute({
        method: 'PATCH', path: '/admin/users/:id', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Changes display name, roles, kind or status; disabling ends every session and key use. Admins change only users and managers and grant only `manager`; nobody changes their own roles; the last super_admin or administrator cannot be demoted or disabled (409 `conflict`)',
        body: z.object({ displayName: displayNameField.optional(), roles: z.array(roleField).max(adminRoles.length).optional(), kind: kindField.optional(), disabled: z.boolean().optional() }),
        response: adminUserAnswer,
        responses: { 200: '`{ user }`' },
        errors: ['forbidden', 'not_found', 'conflict'],
        handler: async ({ caller, params, body, ctx }) => json(200, { user: await admin.updateUser(caller.user, params.id!, body, ctx) }),
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
