import { timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { ServiceUnavailableError, UnauthenticatedError, type Latch } from '@latch/server-sdk';
import type { ServerMetrics } from '../metrics.js';
import { problem } from '../problem.js';

/** Constant-time check of `Authorization: Bearer <token>`. */
function bearerMatches(header: string, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header)?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** `GET /metrics` in Prometheus text, only to the bearer of `token` when one is set. */
export function metricsRouter(metrics: ServerMetrics, token: string | undefined): Router {
  const router = new Router();
  router.get('/metrics', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    if (token !== undefined && !bearerMatches(ctx.get('authorization'), token)) {
      problem(ctx, new UnauthenticatedError({ realm: 'metrics', detail: 'The metrics need the configured bearer token.' }));
      return;
    }
    ctx.set('content-type', metrics.contentType);
    ctx.body = await metrics.render();
  });
  return router;
}

/** `/healthz` (process up) and `/readyz` (database answers). */
export function opsRouter(latch: Latch): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    if (await latch.storage.ping()) {
      ctx.body = { status: 'ready' };
    } else {
      problem(ctx, new ServiceUnavailableError({ detail: 'The database does not answer.' }));
    }
  });
  return router;
}
