import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLatch, type Latch } from '@latch/server-sdk';
import Koa from 'koa';
import type { Logger as Pino } from 'pino';
import { createApp } from './app.js';
import { readSettings, type ServerSettings } from './env.js';
import { createLogger } from './logger.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { metricsRouter } from './routes/ops.js';
import { startControlServer, type ControlServer } from './control/server.js';
import { createProxyHeaderTally } from './proxy-headers.js';
import { databaseFacts } from './commands/database-facts.js';

/** A running reference server. */
export interface RunningServer {
  latch: Latch;
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  settings: ServerSettings;
  /** `http://host:port` of the metrics listener, when METRICS_PORT is set. */
  metricsUrl: string | null;
  /** The control channel `latch-server` commands reach this server through (see `control/server.ts`). */
  control: ControlServer;
  /** Stops accepting, waits for requests in flight, delivers due mail, closes the database. */
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  env?: NodeJS.ProcessEnv;
  logger?: Pino;
  /** Extra Latch settings merged over the environment's (tests: a clock, mail poll interval). */
  overrides?: Partial<ServerSettings['latch']>;
}

async function listen(server: Server, port: number, host: string): Promise<Server> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  return server;
}

function urlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}

/** The metrics listener's app: `/metrics` and nothing else. */
function metricsApp(metrics: ServerMetrics, token: string | undefined): Koa {
  const app = new Koa();
  const router = metricsRouter(metrics, token);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

/**
 * Starts the reference server from the environment.
 * @example const running = await startServer({ env: { PORT: '0', LATCH_DATA_DIR: '/tmp/latch' } });
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const settings = readSettings(options.env ?? process.env);
  const logger = options.logger ?? createLogger();
  const metrics = createMetrics();
  const latch = await createLatch({ ...settings.latch, ...options.overrides, logger });
  metrics.watch(latch);
  const access = settings.metrics;
  // Public only behind a token, or outside production; a metrics port takes them off the public listener.
  const publicMetrics = access.port === undefined && (access.token || !settings.production) ? { token: access.token } : null;
  const proxyHeaders = createProxyHeaderTally();
  const app = createApp({ latch, metrics, logger, devMailbox: settings.devMailbox, production: settings.production, publicMetrics, proxyHeaders, securityTxt: settings.securityTxt });
  const server = createServer(app.callback());
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  await listen(server, settings.port, settings.host);
  const url = urlOf(server);
  const metricsServer = access.port === undefined ? null : await listen(createServer(metricsApp(metrics, access.token).callback()), access.port, access.host);
  const control = await startControlServer({
    dataDir: settings.dataDir, latch, logger,
    facts: () => ({ pid: process.pid, url, publicUrl: latch.config.publicUrl, trustProxy: latch.config.security.trustProxy, proxyHeaders: proxyHeaders.counts() }),
    reports: { '/database': () => databaseFacts(latch.database) },
  });
  let closing: Promise<void> | undefined;
  return {
    latch, server, url, settings,
    metricsUrl: metricsServer ? urlOf(metricsServer) : null,
    control,
    close() {
      closing ??= (async () => {
        await control.close();
        if (metricsServer) {
          metricsServer.closeAllConnections();
          await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
        }
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests still running after 10 s are cut so shutdown always ends.
          setTimeout(() => { server.closeAllConnections(); }, 10_000).unref();
        });
        await latch.close({ drainTimeoutMs: 10_000 });
      })();
      return closing;
    },
  };
}
