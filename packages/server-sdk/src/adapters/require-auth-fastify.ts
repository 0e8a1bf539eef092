import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendLatchResponse } from './fastify-reply.js';
import { checkRequest, isAnsweredError, type LatchAuth, type RequireAuthLatch, type RequireAuthOptions } from './require-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by Latch's `requireAuth` preHandler. */
    auth?: LatchAuth;
  }
}

/**
 * A Fastify `preHandler` that lets a request through only with a valid session cookie, access
 * token (verified locally) or API key carrying the required scopes and one of the roles. The
 * caller is in `request.auth`; refusals are answered with a problem+json (401, 403, 429); other
 * errors go to the host's error handler.
 * @example app.get('/api/notes', { preHandler: requireAuth(latch, { scopes: ['read'] }) }, async (request) => ({ owner: request.auth!.user.id }));
 */
export function requireAuth(latch: RequireAuthLatch, options: RequireAuthOptions = {}) {
  return async function latchRequireAuth(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const outcome = await checkRequest(latch, { method: request.method, headers: request.headers, remoteAddress: request.raw.socket.remoteAddress ?? null }, options);
    if (!outcome.ok) {
      if (!isAnsweredError(outcome.error)) throw outcome.error;
      // Returning the reply tells Fastify it was answered: the route handler does not run.
      return sendLatchResponse(reply, outcome.response);
    }
    request.auth = outcome.auth;
  };
}
