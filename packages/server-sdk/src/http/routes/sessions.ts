import { z } from 'zod';
import { recordAudit } from '../../audit/log.js';
import { NotFoundError } from '../../errors.js';
import type { Services } from '../../services.js';
import { defineRoute, json, type RouteDefinition } from '../route.js';
import { callerOf } from './common.js';

/** Listing and revoking the signed-in user's sessions. */
export function sessionRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET', path: '/me/sessions', tag: 'Sessions', auth: 'session',
      summary: 'The live sessions of the signed-in user',
      responses: { 200: '`{ items }`, the current one marked' },
      handler: async ({ auth }) => {
        const { user, session } = callerOf(auth);
        return json(200, { items: await services.sessions.list(user.id, session?.id ?? null), nextCursor: null });
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/me/sessions/:id', tag: 'Sessions', auth: 'session',
      summary: 'Revokes one session',
      responses: { 204: 'Revoked' },
      errors: ['not_found'],
      handler: async ({ auth, params, ctx }) => {
        const { user } = callerOf(auth);
        if (!z.uuid().safeParse(params.id).success) throw new NotFoundError();
        await services.storage.transaction(async (tx) => {
          if (!(await services.sessions.revoke(tx, user.id, params.id!))) throw new NotFoundError();
          await recordAudit(tx, services.clock, { type: 'session.revoked', userId: user.id, detail: { sessionId: params.id } }, ctx);
        });
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'DELETE', path: '/me/sessions', tag: 'Sessions', auth: 'session',
      summary: 'Revokes every session but the current one',
      responses: { 204: 'Revoked' },
      handler: async ({ auth, ctx }) => {
        const { user, session } = callerOf(auth);
        await services.storage.transaction(async (tx) => {
          const count = await services.sessions.revokeAll(tx, user.id, session?.id);
          await recordAudit(tx, services.clock, { type: 'sessions.revoked_others', userId: user.id, detail: { count } }, ctx);
        });
        return { status: 204 };
      },
    }),
  ];
}
