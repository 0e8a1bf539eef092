import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { LatchHandler } from '../http/handler.js';
import { readBody } from './read-body.js';

export { requireAuth } from './require-auth-koa.js';
export type { LatchAuthState } from './require-auth-koa.js';
export type { LatchAuth, RequireAuthOptions } from './require-auth.js';

/** Options of {@link latchKoa}. */
export interface LatchKoaOptions {
  /** Where the API is mounted. Default `/auth`. */
  prefix?: string;
}

/**
 * Koa middleware (an @koa/router router) serving the Latch API under `prefix`. Koa's own body
 * parsers must not run on these paths: Latch reads and bounds the body itself.
 * @example app.use(latchKoa(latch, { prefix: '/auth' }));
 */
export function latchKoa(latch: { handler: LatchHandler }, options: LatchKoaOptions = {}): Middleware {
  const prefix = (options.prefix ?? '/auth').replace(/\/+$/, '');
  const router = new Router({ prefix });
  router.all(['/', '/{*rest}'], async (ctx) => {
    const { body, tooLarge } = await readBody(ctx.req);
    const path = ctx.path.slice(prefix.length) || '/';
    const response = await latch.handler.handle({
      method: ctx.method, path, query: new URLSearchParams(ctx.querystring), headers: ctx.req.headers, body, bodyTooLarge: tooLarge,
      remoteAddress: ctx.req.socket.remoteAddress ?? null,
    });
    ctx.status = response.status;
    for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value as string | string[]);
    // An empty text answer (a user with no SSH keys) keeps its Content-Type; only a bodiless one is null.
    const bodiless = response.body === '' && !response.headers['content-type'];
    ctx.body = bodiless ? null : response.body;
    if (bodiless) ctx.status = response.status;
  });
  return router.routes() as unknown as Middleware;
}
