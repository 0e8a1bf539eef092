import { readdirSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MetricsRegistry, type Latch } from '@latch/server-sdk';

/**
 * What `/metrics` serves: this process's metrics (CPU, memory, event loop, in the standard
 * `process_*` / `nodejs_*` names) followed by Latch's families from `latch.metrics()` — requests
 * and latency per route, sign-in outcomes, emails, and whatever the features add.
 */
export interface ServerMetrics {
  readonly contentType: string;
  /** The Prometheus text of both registries. */
  render(): Promise<string>;
  /** Adds a Latch instance's families (once it is created). */
  watch(latch: Pick<Latch, 'metrics'>): void;
}

/** Open file descriptors (Linux only; 0 elsewhere). */
function openFds(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

/** Registers the process families on `registry`; each is read at scrape time. */
export function registerProcessMetrics(registry: MetricsRegistry): void {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const startSeconds = Math.round((Date.now() - process.uptime() * 1000) / 1000);
  registry.counter({ name: 'process_cpu_user_seconds_total', help: 'User CPU time spent in seconds', collect: () => process.cpuUsage().user / 1e6 });
  registry.counter({ name: 'process_cpu_system_seconds_total', help: 'System CPU time spent in seconds', collect: () => process.cpuUsage().system / 1e6 });
  registry.counter({ name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds', collect: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; } });
  registry.gauge({ name: 'process_start_time_seconds', help: 'Start time of the process since the Unix epoch in seconds', collect: () => startSeconds });
  registry.gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes', collect: () => process.memoryUsage().rss });
  registry.gauge({ name: 'process_open_fds', help: 'Number of open file descriptors', collect: openFds });
  registry.gauge({ name: 'nodejs_heap_size_total_bytes', help: 'Process heap size from Node.js in bytes', collect: () => process.memoryUsage().heapTotal });
  registry.gauge({ name: 'nodejs_heap_size_used_bytes', help: 'Process heap size used from Node.js in bytes', collect: () => process.memoryUsage().heapUsed });
  registry.gauge({ name: 'nodejs_external_memory_bytes', help: 'Node.js external memory size in bytes', collect: () => process.memoryUsage().external });
  // Read and reset at each scrape: the worst delays since the previous one.
  const delaySeconds = (read: () => number) => () => { const ns = read(); return Number.isFinite(ns) ? ns / 1e9 : 0; };
  registry.gauge({ name: 'nodejs_eventloop_delay_p99_seconds', help: 'The 99th percentile of event loop delay since the previous scrape', collect: delaySeconds(() => delay.percentile(99)) });
  registry.gauge({
    name: 'nodejs_eventloop_delay_max_seconds', help: 'The longest event loop delay since the previous scrape',
    collect: delaySeconds(() => { const max = delay.max; delay.reset(); return max; }),
  });
  registry.gauge<'version'>({ name: 'nodejs_version_info', help: 'Node.js version info', labelNames: ['version'], collect: () => [{ labels: { version: process.version }, value: 1 }] });
}

/** A fresh {@link ServerMetrics} with the process families registered. */
export function createMetrics(): ServerMetrics {
  const own = new MetricsRegistry();
  registerProcessMetrics(own);
  let watched: Pick<Latch, 'metrics'> | undefined;
  return {
    contentType: own.contentType,
    async render() {
      return (await own.render()) + (watched ? await watched.metrics().render() : '');
    },
    watch(latch) { watched = latch; },
  };
}
