import { z } from 'zod';
import { endOtherSignIns } from './sign-out-everywhere.js';
import { recordAudit } from '../audit/log.js';
import { NotFoundError } from '../errors.js';
import type { Services } from '../core/services.js';
import { defineRoute, json, type RouteDefinition } from '../core/route.js';
import { reauthBody } from '../http/fields.js';
import { pageOf } from '../response-schemas.js';
import { sessionViewSchema } from '../sessions/service.js';

/** Listing and revoking the signed-in user's sessions. */
export function sessionRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/me/sessions', tag: 'Sessions', auth: 'session',
      summary: 'The live sessions of the signed-in user',
      response: pageOf(sessionViewSchema),
      responses: { 200: '`{ items }`, the current one marked' },
      handler: async ({ caller }) => {
        const { user, session } = caller;
        return json(200, { items: await services.sessions.list(user.id, session?.id ?? null), nextCursor: null });
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/me/sessions/:id', tag: 'Sessions', auth: 'session',
      summary: 'Revokes one session',
      responses: { 204: 'Revoked' },
      errors: ['not_found'],
      handler: async ({ caller, params, ctx }) => {
        const { user } = caller;
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        await services.storage.transaction(async (tx) => {
          if (!(await services.sessions.revoke(tx, user.id, params.id!))) throw new NotFoundError();
          await recordAudit(tx, services.clock, { type: 'session.revoked', userId: user.id, detail: { sessionId: params.id } }, ctx);
        });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/me/sessions', tag: 'Sessions', auth: 'session', reauth: true,
      summary: 'Revokes every session but the current one (reauth)',
      body: reauthBody,
      responses: { 204: 'Revoked' },
      errors: ['reauthentication_required', 'rate_limited'],
      handler: async ({ caller, body, ctx }) => {
        const { user, session } = caller;
        await services.storage.transaction(async (tx) => {
          const count = await endOtherSignIns(services, tx, user.id, session?.id);
          await recordAudit(tx, services.clock, { type: 'sessions.revoked_others', userId: user.id, detail: { count } }, ctx);
        });
        return { status: 204 };
      },
    }),
  ];
}
