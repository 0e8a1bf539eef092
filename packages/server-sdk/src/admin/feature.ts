import { z } from 'zod';
import type { FeatureFactory } from '../feature.js';
import { UnauthenticatedError } from '../errors.js';
import { displayNameField, emailField } from '../http/routes/common.js';
import { defineRoute, json, type AuthState } from '../http/route.js';
import { adminRoles, readerRoles, writerRoles } from './rules.js';
import { AdminService } from './service.js';

// Free text reaches SQL only as bound parameters; control characters are refused up front.
const text = (max: number) => z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed.');
const kindField = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Use lower-case letters, digits, _ and -, starting with a letter.');
const roleField = z.enum(adminRoles);
const cursorField = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'Not a cursor from this API.');
const limitField = z.coerce.number().int().min(1).max(100).default(20);

const actorOf = (auth: AuthState | null) => {
  if (!auth) throw new UnauthenticatedError();
  return auth.user;
};

/**
 * User administration under `/admin`: managers read, admins and super admins change accounts.
 * Every route needs a signed-in browser session (not an API key or access token) and a role;
 * the role rules (who may grant what, the last administrator) are in `rules.ts`.
 */
export const adminFeature: FeatureFactory = (services) => {
  const admin = new AdminService(services);
  return {
    name: 'admin',
    routes: [
      defineRoute({
        method: 'GET', path: '/admin/users', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'Lists accounts, filtered by text (email or name), role and kind',
        query: z.object({ query: text(200).optional(), role: roleField.optional(), kind: kindField.optional(), limit: limitField, cursor: cursorField.optional() }),
        responses: { 200: '`{ items, nextCursor }`' },
        errors: ['forbidden'],
        handler: async ({ query }) => json(200, await admin.listUsers({ text: query.query, role: query.role, kind: query.kind, limit: query.limit, cursor: query.cursor })),
      }),
      defineRoute({
        method: 'GET', path: '/admin/users/:id', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'One account',
        responses: { 200: '`{ user }`' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ params }) => json(200, { user: await admin.getUser(params.id!) }),
      }),
      defineRoute({
        method: 'POST', path: '/admin/users', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Creates an account and emails it a set-password link. Admins may grant only `manager`; only a super_admin grants `admin` or `super_admin`',
        body: z.object({ email: emailField, displayName: displayNameField, roles: z.array(roleField).max(adminRoles.length).default([]), kind: kindField.optional() }),
        responses: { 201: '`{ user }`' },
        errors: ['email_taken', 'forbidden'],
        handler: async ({ auth, body, ctx }) => json(201, { user: await admin.createUser(actorOf(auth), body, ctx) }),
      }),
      defineRoute({
        method: 'PATCH', path: '/admin/users/:id', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Changes display name, roles, kind or status; disabling ends every session and key use. Admins change only users and managers and grant only `manager`; nobody changes their own roles; the last super_admin or administrator cannot be demoted or disabled (409 `conflict`)',
        body: z.object({ displayName: displayNameField.optional(), roles: z.array(roleField).max(adminRoles.length).optional(), kind: kindField.optional(), disabled: z.boolean().optional() }),
        responses: { 200: '`{ user }`' },
        errors: ['forbidden', 'not_found', 'conflict'],
        handler: async ({ auth, params, body, ctx }) => json(200, { user: await admin.updateUser(actorOf(auth), params.id!, body, ctx) }),
      }),
      defineRoute({
        method: 'POST', path: '/admin/users/:id/password-reset', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Emails the account a password reset link (administrators never set or see passwords)',
        responses: { 202: 'Accepted' },
        errors: ['forbidden', 'not_found', 'conflict', 'rate_limited'],
        handler: async ({ auth, params, ctx }) => { await admin.sendPasswordReset(actorOf(auth), params.id!, ctx); return json(202, { status: 'accepted' }); },
      }),
      defineRoute({
        method: 'DELETE', path: '/admin/users/:id/sessions', tag: 'Administration', auth: 'session', roles: writerRoles,
        summary: 'Ends every session of the account',
        responses: { 204: 'Revoked' },
        errors: ['forbidden', 'not_found'],
        handler: async ({ auth, params, ctx }) => { await admin.revokeSessions(actorOf(auth), params.id!, ctx); return { status: 204 }; },
      }),
      defineRoute({
        method: 'GET', path: '/admin/audit', tag: 'Administration', auth: 'session', roles: readerRoles,
        summary: 'The audit trail, newest first, filtered by target user and event type',
        query: z.object({ userId: z.uuid().optional(), type: z.string().regex(/^[a-z_.]{1,64}$/).optional(), limit: limitField, cursor: cursorField.optional() }),
        responses: { 200: '`{ items, nextCursor }`' },
        errors: ['forbidden'],
        handler: async ({ query }) => json(200, await admin.audit(query)),
      }),
    ],
  };
};
