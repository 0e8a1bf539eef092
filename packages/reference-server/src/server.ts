import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLatch, type Latch } from '@latch/server-sdk';
import type { Logger as Pino } from 'pino';
import { createApp } from './app.js';
import { readSettings, type ServerSettings } from './env.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

/** A running reference server. */
export interface RunningServer {
  latch: Latch;
  server: Server;
  /** `http://host:port` it listens on. */
  url: string;
  settings: ServerSettings;
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

/**
 * Starts the reference server from the environment.
 * @example const running = await startServer({ env: { PORT: '0', LATCH_DATA_DIR: '/tmp/latch' } });
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const settings = readSettings(options.env ?? process.env);
  const logger = options.logger ?? createLogger();
  const metrics = createMetrics();
  const latch = await createLatch({ ...settings.latch, ...options.overrides, logger }, { observe: metrics.observe });
  metrics.watch(latch);
  const app = createApp({ latch, metrics, logger, devMailbox: settings.devMailbox, production: settings.production });
  const server = createServer(app.callback());
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    latch, server, url, settings,
    close() {
      closing ??= (async () => {
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
