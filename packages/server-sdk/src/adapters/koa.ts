import type { Context, Middleware } from 'koa';
import { isLatchError } from '../errors.js';
import type { LatchRequest, LatchResponse } from '../http/handler.js';
import { problemResponse } from '../http/problem.js';
import { requestIdOf } from '../http/request-facts.js';
import { mountPointOf, pathBelow, readRouteRequest, type MountableLatch, type MountOptions } from './mount.js';

export { requireAuth } from './require-auth-koa.js';
export type { LatchAuthState } from './require-auth-koa.js';
export type { LatchAuth, LatchAuthUser, RequireAuthOptions } from './require-auth.js';
export type { MountableLatch, MountOptions } from './mount.js';

/** Options of {@link latchKoa}. */
export type LatchKoaOptions = MountOptions;

/**
 * Koa middleware serving the Latch API under the configured `basePath` (default `/auth`); other
 * paths go on to the next middleware. It needs no router. Mount it before any body parser; a
 * body koa-bodyparser already parsed is taken from `ctx.request.body`.
 * @example app.use(latchKoa(latch));
 */
export function latchKoa(latch: MountableLatch, options: LatchKoaOptions = {}): Middleware {
  const mountPoint = mountPointOf(latch, options, 'latchKoa');
  return async (ctx, next) => {
    const path = pathBelow(ctx.path, mountPoint);
    if (path === null) return next();
    let request: LatchRequest;
    try {
      request = await readRouteRequest(latch, {
        method: ctx.method, path, query: new URLSearchParams(ctx.querystring), headers: ctx.req.headers, remoteAddress: ctx.req.socket.remoteAddress ?? null,
      }, { node: ctx.req, parsed: (ctx.request as { body?: unknown }).body });
    } catch (error) {
      if (!isLatchError(error)) throw error;
      return write(ctx, problemResponse(error, requestIdOf(ctx.req.headers)));
    }
    write(ctx, await latch.handler.handle(request));
  };
}

/** Puts a {@link LatchResponse} on the Koa context. */
function write(ctx: Context, response: LatchResponse): void {
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value as string | string[]);
  // An empty text answer (a user with no SSH keys) keeps its Content-Type; only a bodiless one is null.
  const bodiless = response.body === '' && !response.headers['content-type'];
  ctx.body = bodiless ? null : response.body;
  if (bodiless) ctx.status = response.status;
}
