import { z } from 'zod';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { readerRoles, writerRoles } from '../core/roles.js';
import type { Services } from '../core/services.js';
import { NotFoundError } from '../errors.js';
import { pageOf } from '../response-schemas.js';
import { apiKeyViewSchema, type ApiKeyService } from './service.js';

const uuidOr404 = (id: string | undefined): string => {
  if (!id || !z.uuid().safeParse(id).success) throw new NotFoundError();
  return id;
};

/**
 * `/admin/users/:id/api-keys`: administrators and readers list an account's keys (never their
 * secrets, which are not stored); administrators revoke one.
 */
export function apiKeyAdminRoutes(services: Services, apiKeys: ApiKeyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/admin/users/:id/api-keys', tag: 'Administration', auth: 'session', roles: readerRoles,
      summary: 'The API keys of an account (never their secrets)',
      response: pageOf(apiKeyViewSchema),
      responses: { 200: '`{ items, nextCursor: null }`' },
      errors: ['forbidden', 'not_found'],
      handler: async ({ params }) => {
        const user = await services.storage.users.findById(uuidOr404(params.id));
        if (!user) throw new NotFoundError();
        return json(200, { items: await apiKeys.list(user.id), nextCursor: null });
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/admin/users/:id/api-keys/:keyId', tag: 'Administration', auth: 'session', roles: writerRoles,
      summary: 'Revokes an API key of an account; it fails from the next request on, in every server process, and the owner is told. Admins change only users, managers and viewers',
      responses: { 204: 'Revoked' },
      errors: ['forbidden', 'not_found'],
      handler: async ({ caller, params, ctx }) => {
        await apiKeys.revokeByAdmin(caller.user, uuidOr404(params.id), uuidOr404(params.keyId), ctx);
        return { status: 204 };
      },
    }),
  ];
}
