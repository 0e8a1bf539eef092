import Router from '@koa/router';
import type { Latch } from '@latch/server-sdk';
import type { ServerMetrics } from '../metrics.js';
import { problem } from '../problem.js';

/** `/healthz` (process up), `/readyz` (database answers), `/metrics` (Prometheus). */
export function opsRouter(latch: Latch, metrics: ServerMetrics): Router {
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
      problem(ctx, 503, 'service_unavailable', 'Service unavailable', 'The database does not answer.');
    }
  });
  router.get('/metrics', async (ctx) => {
    ctx.set('content-type', metrics.registry.contentType);
    ctx.set('cache-control', 'no-store');
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
