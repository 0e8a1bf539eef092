import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { keyNameField, reauthFields } from '../http/fields.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { pageOf } from '../response-schemas.js';
import { apiKeyViewSchema, createdApiKeySchema, type ApiKeyService } from './service.js';


/**
 * `/me/api-keys`: list, create (**reauth**, secret shown once) and revoke. Every route needs a
 * browser session: a request authenticated by an API key or access token manages no keys.
 */
export function apiKeyRoutes(apiKeys: ApiKeyService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/me/api-keys', tag: 'Keys', auth: 'session',
      summary: 'The API keys of the signed-in user (never their secrets)',
      response: pageOf(apiKeyViewSchema),
      responses: { 200: '`{ items: [{ id, name, prefix, scopes, createdAt, expiresAt, lastUsedAt, lastUsedIp, usageCount, expired }] }`' },
      handler: async ({ caller }) => json(200, { items: await apiKeys.list(caller.user.id), nextCursor: null }),
    }),
    defineRoute({
      method: 'POST', path: '/me/api-keys', tag: 'Keys', auth: 'session', reauth: true,
      summary: 'Creates an API key (reauth); the secret is in this answer only',
      body: z.object({
        name: keyNameField,
        scopes: z.array(z.string().max(100)).max(50),
        expiresInDays: z.number().int().min(1).max(3650).nullish(),
        ...reauthFields,
      }),
      response: createdApiKeySchema,
      responses: { 201: '`{ apiKey, secret }`' },
      errors: ['limit_reached', 'invalid_scope', 'reauthentication_required', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => json(201, await apiKeys.create(caller, {
        name: body.name, scopes: body.scopes, expiresInDays: body.expiresInDays ?? undefined,
      }, ctx)),
    }),
    defineRoute({
      method: 'DELETE', path: '/me/api-keys/:id', tag: 'Keys', auth: 'session',
      summary: 'Revokes an API key; it fails from the next request on, in every server process',
      responses: { 204: 'Revoked' },
      errors: ['not_found'],
      handler: async ({ caller, params, ctx }) => {
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        await apiKeys.revoke(caller.user.id, params.id!, ctx);
        return { status: 204 };
      },
    }),
  ];
}
