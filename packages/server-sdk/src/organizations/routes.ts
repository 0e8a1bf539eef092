import { z } from 'zod';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import type { Services } from '../core/services.js';
import { emailField, pageQuery, reauthBody, reauthFields } from '../http/fields.js';
import type { OrganizationInvitations } from './invitations.js';
import type { OrganizationService } from './service.js';
import {
  activeOrganizationAnswerSchema, activityPageSchema, invitationAnswerSchema, invitationsPageSchema, memberAnswerSchema, membersPageSchema,
  myOrganizationsPageSchema, organizationAnswerSchema, organizationWithRoleSchema, toInvitationView, toMemberView, toOrganizationView,
} from './views.js';

const nameField = z.string().max(400);
const slugField = z.string().max(200);
const roleField = z.string().min(1).max(64);
const kindField = z.string().max(64);

/** `?query&role&kind&limit&cursor` of the member list. */
const memberQuery = pageQuery.extend({ query: z.string().max(200).optional(), role: roleField.optional(), kind: kindField.optional() });

/**
 * `/orgs*` and `POST /me/active-organization`. Every `/orgs/:id` route answers 404 to whoever is
 * not a member of the organization (never 403), and 403 to a member whose role lacks the
 * permission. Reads accept any credential with the `read` scope; changes need a browser session.
 */
export function organizationRoutes(s: Services, orgs: OrganizationService, invitations: OrganizationInvitations): RouteDefinition[] {
  const now = () => s.clock.now();
  return [
    defineRoute({
      method: 'POST', path: '/orgs', tag: 'Organizations', auth: 'session',
      summary: 'Creates an organization with the caller as its owner (who may is `organizations.creation`: anyone, or administrators); the slug is derived from the name unless given',
      body: z.object({ name: nameField, slug: slugField.optional() }),
      response: organizationAnswerSchema,
      responses: { 201: '`{ organization }`' },
      errors: ['forbidden', 'slug_taken'],
      handler: async ({ caller, body, ctx }) => {
        const { organization } = await orgs.create(caller, body, ctx);
        return json(201, { organization: toOrganizationView(organization) });
      },
    }),
    defineRoute({
      method: 'GET', path: '/orgs', tag: 'Organizations', auth: 'user', scopes: ['read'],
      summary: 'The caller\'s organizations with their role, newest membership first',
      query: pageQuery,
      response: myOrganizationsPageSchema,
      responses: { 200: '`{ items: [{ id, name, slug, role, twoFactorSetupRequired? }], nextCursor }`' },
      handler: async ({ caller, query }) => {
        const page = await orgs.listMine(caller.user.id, query);
        return json(200, {
          items: page.items.map(({ membership: m, twoFactorSetupRequired }) => ({
            id: m.organization.id, name: m.organization.name, slug: m.organization.slug, role: m.role,
            ...(twoFactorSetupRequired ? { twoFactorSetupRequired: true as const } : {}),
          })),
          nextCursor: page.nextCursor,
        });
      },
    }),
    defineRoute({
      method: 'GET', path: '/orgs/:id', tag: 'Organizations', auth: 'user', scopes: ['read'],
      summary: 'An organization and the caller\'s role in it (`organization:read`)',
      response: organizationWithRoleSchema,
      responses: { 200: '`{ organization, role }`' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, params }) => {
        const { organization, role } = await orgs.get(caller.user.id, params.id);
        return json(200, { organization: toOrganizationView(organization), role });
      },
    }),
    defineRoute({
      method: 'PATCH', path: '/orgs/:id', tag: 'Organizations', auth: 'session',
      summary: 'Renames an organization or changes its slug (`organization:write`: owners)',
      body: z.object({ name: nameField.optional(), slug: slugField.optional() }),
      response: organizationAnswerSchema,
      responses: { 200: '`{ organization }`' },
      errors: ['not_found', 'forbidden', 'slug_taken'],
      handler: async ({ caller, params, body, ctx }) => json(200, { organization: toOrganizationView(await orgs.update(caller, params.id, body, ctx)) }),
    }),
    defineRoute({
      method: 'DELETE', path: '/orgs/:id', tag: 'Organizations', auth: 'session',
      summary: 'Deletes an organization with its memberships and invitations (`organization:delete`: owners; reauth: `password` or `code` unless the sign-in is recent); every member loses it at once',
      body: reauthBody,
      responses: { 204: 'Deleted' },
      errors: ['not_found', 'forbidden', 'reauthentication_required'],
      handler: async ({ caller, params, body, ctx }) => { await orgs.delete(caller, params.id, body, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'GET', path: '/orgs/:id/members', tag: 'Organizations', auth: 'user', scopes: ['read'],
      summary: 'The members (`members:read`), newest first; `role` and `kind` filter, `query` matches email or name',
      query: memberQuery,
      response: membersPageSchema,
      responses: { 200: '`{ items: [{ user: { id, email, displayName, kind, phoneNumber }, role, kind, joinedAt }], nextCursor }`' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, params, query }) => {
        const page = await orgs.members(caller.user.id, params.id, query);
        return json(200, { items: page.items.map(toMemberView), nextCursor: page.nextCursor });
      },
    }),
    defineRoute({
      method: 'PATCH', path: '/orgs/:id/members/:userId', tag: 'Organizations', auth: 'session',
      summary: 'Changes a member\'s role (`members:roles`: not one\'s own, not above one\'s own rank), kind or phone number (`members:write`; a phone number change needs reauth and a member ranked below the caller, or an owner caller). Only members ranked at most as high as the caller are changed',
      body: z.object({ role: roleField.optional(), kind: kindField.nullable().optional(), phoneNumber: z.string().max(64).nullable().optional(), ...reauthFields }),
      response: memberAnswerSchema,
      responses: { 200: '`{ member }`' },
      errors: ['not_found', 'forbidden', 'last_owner', 'reauthentication_required', 'conflict'],
      handler: async ({ caller, params, body, ctx }) => {
        const { password, code, ...changes } = body;
        return json(200, { member: toMemberView(await orgs.updateMember(caller, params.id, params.userId, changes, { password, code }, ctx)) });
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/orgs/:id/members/:userId', tag: 'Organizations', auth: 'session',
      summary: 'Removes a member (`members:remove`, ranked at most as high as the caller; one\'s own id leaves); their sessions lose the organization at once',
      responses: { 204: 'Removed' },
      errors: ['not_found', 'forbidden', 'last_owner'],
      handler: async ({ caller, params, ctx }) => { await orgs.removeMember(caller, params.id, params.userId, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/orgs/:id/leave', tag: 'Organizations', auth: 'session',
      summary: 'The caller leaves the organization; the last owner cannot',
      responses: { 204: 'Left' },
      errors: ['not_found', 'last_owner'],
      handler: async ({ caller, params, ctx }) => { await orgs.leave(caller, params.id, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/orgs/:id/invitations', tag: 'Organizations', auth: 'session',
      summary: 'Invites an email address for a role up to the caller\'s own (`invitations:write`); an earlier pending invitation of the address stops working. The email links to the accept page: a new address sets a password, an existing account joins after signing in',
      body: z.object({ email: emailField, role: roleField, kind: kindField.nullable().optional() }),
      response: invitationAnswerSchema,
      responses: { 201: '`{ invitation: { id, email, role, kind, createdAt, expiresAt, expired } }`' },
      errors: ['not_found', 'forbidden', 'already_member', 'rate_limited'],
      handler: async ({ caller, params, body, ctx }) => json(201, { invitation: toInvitationView(await invitations.invite(caller, params.id, body, ctx), now()) }),
    }),
    defineRoute({
      method: 'GET', path: '/orgs/:id/invitations', tag: 'Organizations', auth: 'user', scopes: ['read'],
      summary: 'Pending invitations (`invitations:read`), newest first, expired ones included (`expired: true`) until resent or revoked',
      query: pageQuery,
      response: invitationsPageSchema,
      responses: { 200: '`{ items, nextCursor }`' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, params, query }) => {
        const page = await invitations.list(caller.user.id, params.id, query);
        return json(200, { items: page.items.map((i) => toInvitationView(i, now())), nextCursor: page.nextCursor });
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/orgs/:id/invitations/:invitationId', tag: 'Organizations', auth: 'session',
      summary: 'Revokes a pending invitation (`invitations:write`): its link stops working',
      responses: { 204: 'Revoked' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, params, ctx }) => { await invitations.revoke(caller, params.id, params.invitationId, ctx); return { status: 204 }; },
    }),
    defineRoute({
      method: 'POST', path: '/orgs/:id/invitations/:invitationId/resend', tag: 'Organizations', auth: 'session',
      summary: 'Sends a pending invitation again with a new link and expiry (`invitations:write`); the earlier link stops working',
      response: invitationAnswerSchema,
      responses: { 202: '`{ invitation }`' },
      errors: ['not_found', 'forbidden', 'rate_limited'],
      handler: async ({ caller, params, ctx }) => json(202, { invitation: toInvitationView(await invitations.resend(caller, params.id, params.invitationId, ctx), now()) }),
    }),
    defineRoute({
      method: 'GET', path: '/orgs/:id/activity', tag: 'Organizations', auth: 'user', scopes: ['read'],
      summary: 'The organization\'s activity (`activity:read`): organization, member and invitation events, newest first',
      query: pageQuery,
      response: activityPageSchema,
      responses: { 200: '`{ items: [{ id, type, at, userId, actorId, detail }], nextCursor }`' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, params, query }) => json(200, await orgs.activity(caller.user.id, params.id, query)),
    }),
    defineRoute({
      method: 'POST', path: '/me/active-organization', tag: 'Organizations', auth: 'session',
      summary: 'Chooses the organization the session works in (null: none): `GET /me`, access tokens (`org`, `org_role`) and `requireAuth` carry it from the next request on',
      body: z.object({ organizationId: z.string().max(64).nullable() }),
      response: activeOrganizationAnswerSchema,
      responses: { 200: '`{ organization, role }` (both null when cleared)' },
      errors: ['not_found', 'forbidden'],
      handler: async ({ caller, body }) => {
        const active = await orgs.setActive(caller, body.organizationId);
        return json(200, active ? { organization: toOrganizationView(active.organization), role: active.role } : { organization: null, role: null });
      },
    }),
  ];
}
