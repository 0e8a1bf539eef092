import type { Middleware } from 'koa';
import { checkRequest, isAnsweredError, type LatchAuth, type RequireAuthLatch, type RequireAuthOptions } from './require-auth.js';

/** Koa state set by {@link requireAuth}. */
export interface LatchAuthState {
  auth: LatchAuth;
}

/**
 * Koa middleware that lets a request through only with a valid session cookie, access token
 * (verified locally) or API key carrying the required scopes and one of the roles. The caller is
 * in `ctx.state.auth`; refusals are answered with a problem+json (401, 403, 429).
 * @example router.get('/api/notes', requireAuth(latch, { scopes: ['read'] }), (ctx) => { ctx.body = { owner: ctx.state.auth.user.id }; });
 */
export function requireAuth(latch: RequireAuthLatch, options: RequireAuthOptions = {}): Middleware<LatchAuthState> {
  return async (ctx, next) => {
    const outcome = await checkRequest(latch, { method: ctx.method, headers: ctx.req.headers, remoteAddress: ctx.req.socket.remoteAddress ?? null }, options);
    if (!outcome.ok) {
      if (!isAnsweredError(outcome.error)) throw outcome.error;
      ctx.status = outcome.response.status;
      ctx.set(outcome.response.headers);
      ctx.body = outcome.response.body;
      return;
    }
    ctx.state.auth = outcome.auth;
    await next();
  };
}
