import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Latch } from '@latch/server-sdk';

/** Prometheus metrics: requests and latencies per route, sign-in outcomes, emails queued/sent/failed. */
export interface ServerMetrics {
  registry: Registry;
  /** Records one request (route is the pattern, never the raw path). */
  observe(info: { method: string; route: string; status: number; seconds: number }): void;
  /** Reads mail counters from a Latch instance at scrape time. */
  watch(latch: Latch): void;
}

const signInOutcome = (status: number): string =>
  status === 200 ? 'ok' : status === 401 ? 'invalid_credentials' : status === 429 ? 'rate_limited' : status === 403 ? 'refused' : 'error';

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'latch_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'latch_http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  const signIns = new Counter({ name: 'latch_sign_ins_total', help: 'Sign-in attempts by outcome', labelNames: ['outcome'], registers: [registry] });
  let watched: Latch | undefined;
  for (const [name, key] of [['queued', 'queued'], ['sent', 'sent'], ['failed', 'failed'], ['retried', 'retried']] as const) {
    new Gauge({
      name: `latch_emails_${name}_total`, help: `Emails ${name} since start`, registers: [registry],
      collect() { this.set(watched?.outbox.stats[key] ?? 0); },
    });
  }
  return {
    registry,
    observe({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
      if (route === '/sign-in' || route === '/sign-in/two-factor' || route === '/sign-in/passkey') signIns.inc({ outcome: signInOutcome(status) });
    },
    watch(latch) { watched = latch; },
  };
}
