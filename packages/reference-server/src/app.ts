import { randomUUID } from 'node:crypto';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger as Pino } from 'pino';
import { MethodNotAllowedError, NotFoundError, type Latch } from '@latch/server-sdk';
import { latchKoa } from '@latch/server-sdk/koa';
import type { ServerMetrics } from './metrics.js';
import type { ProxyHeaderTally } from './proxy-headers.js';
import { problem } from './problem.js';
import { devMailboxRouter } from './routes/dev-mailbox.js';
import { metricsRouter, opsRouter } from './routes/ops.js';
import { pagesRouter } from './routes/pages.js';
import { securityTxtRouter, type SecurityTxtSettings } from './routes/security-txt.js';

/** What {@link createApp} needs. */
export interface AppOptions {
  latch: Latch;
  metrics: ServerMetrics;
  logger: Pino;
  devMailbox: boolean;
  production: boolean;
  /** Serve `/metrics` on this app, to the bearer of `token` when set; null: not here (a metrics listener of its own, or nowhere). */
  publicMetrics: { token?: string } | null;
  /** Counts proxy headers seen, for `latch-server doctor`. */
  proxyHeaders?: ProxyHeaderTally;
  /** Serve `/.well-known/security.txt` with these contacts; unset or null: a 404. */
  securityTxt?: SecurityTxtSettings | null;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' https://challenges.cloudflare.com",
  "frame-src https://challenges.cloudflare.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * The reference server as a Koa app: error and header middleware first, then operations
 * endpoints, the Latch API at `/auth`, the JWKS, component bundles, pages and (in development)
 * the mailbox. Every unmatched path is a 404 problem.
 */
export function createApp(options: AppOptions): Koa {
  const { latch, logger } = options;
  const app = new Koa({ proxy: false });
  const secure = latch.config.secure;

  app.use(async (ctx, next) => {
    const started = process.hrtime.bigint();
    options.proxyHeaders?.observe(ctx.path, ctx.get('x-forwarded-for'));
    const incoming = ctx.get('x-request-id');
    ctx.state.requestId = /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.set('x-request-id', ctx.state.requestId);
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('referrer-policy', 'no-referrer');
    ctx.set('x-frame-options', 'DENY');
    ctx.set('content-security-policy', contentSecurityPolicy);
    ctx.set('cross-origin-opener-policy', 'same-origin');
    if (secure) ctx.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    try {
      if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(ctx.method)) {
        problem(ctx, new MethodNotAllowedError({ detail: `${ctx.method} is not supported.` }));
        return;
      }
      await next();
      if (ctx.status === 404 && ctx.body == null) problem(ctx, new NotFoundError({ detail: 'Nothing is served at this path.' }));
      // A path served with other methods (the routers' allowedMethods set the status and `Allow`).
      if (ctx.status === 405 && ctx.body == null) {
        const allow = ctx.response.get('allow');
        problem(ctx, new MethodNotAllowedError({ detail: `Allowed: ${allow}.`, allow: allow.split(',').map((m) => m.trim()) }));
      }
    } catch (error) {
      logger.error({ requestId: ctx.state.requestId, err: error }, 'unhandled error');
      problem(ctx, error);
    } finally {
      // The path only: query strings can carry single-use tokens.
      logger.info({ requestId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    }
  });

  const mount = (router: Router) => {
    app.use(router.routes());
    app.use(router.allowedMethods());
  };
  mount(opsRouter(latch));
  if (options.publicMetrics) mount(metricsRouter(options.metrics, options.publicMetrics.token));
  app.use(latchKoa(latch));
  const documents = new Router();
  // At the host's root (RFC 8615), not under the API prefix; empty when access tokens are left out.
  documents.get('/.well-known/jwks.json', async (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = await latch.jwks();
  });
  documents.get('/openapi.json', (ctx) => {
    ctx.body = latch.openApi();
  });
  mount(documents);
  // Also at the host's root (RFC 9116 §3), with `Expires` from the server's clock at each request.
  if (options.securityTxt) mount(securityTxtRouter(options.securityTxt, { clock: latch.config.clock, publicUrl: latch.config.publicUrl }));
  if (options.devMailbox) mount(devMailboxRouter(latch));
  mount(pagesRouter({ cacheAssets: options.production }));
  return app;
}
