import { z } from 'zod';
import { UnauthenticatedError } from '../errors.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { mintedAccessTokenSchema, type AccessTokenService } from './jwt.js';

/** `POST /token`: a browser session trades itself for a short-lived access token. */
export function tokenRoutes(tokens: AccessTokenService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST', path: '/token', tag: 'Keys', auth: 'session',
      summary: 'Mints a short-lived JWT access token (verify it with the keys at /.well-known/jwks.json); it carries the active organization as `org` and `org_role`',
      body: z.object({ scopes: z.array(z.string().max(100)).max(50).optional() }),
      response: mintedAccessTokenSchema,
      responses: { 200: '`{ accessToken, tokenType, expiresIn, scopes }`' },
      errors: ['invalid_scope'],
      handler: async ({ caller, body }) => {
        const { user, session, organization } = caller;
        if (!session) throw new UnauthenticatedError();
        // The session's active organization (membership checked as the caller was resolved) goes in `org`/`org_role`.
        return json(200, await tokens.mint(user, session, body.scopes, organization));
      },
    }),
  ];
}
