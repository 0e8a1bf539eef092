import { chmodSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Latch, Logger } from '@latch/server-sdk';
import { databaseCommand } from '../commands/index.js';
import { describeError } from '../commands/command.js';
import { callControl } from './client.js';
import { controlPaths, maxSocketPathBytes } from './paths.js';

/** What the running server tells `latch-server doctor` about itself. */
export interface ServerFacts {
  pid: number;
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  publicUrl: string;
  trustProxy: boolean;
  /** Requests to the API and pages since start, with and without proxy headers (X-Forwarded-For, Forwarded). */
  proxyHeaders: { forwarded: number; direct: number };
}

/** The control channel of a running server. */
export interface ControlServer {
  /** The socket it listens on; null when it could not be opened (the reason was logged). */
  socketPath: string | null;
  close(): Promise<void>;
}

/** Options of {@link startControlServer}. */
export interface ControlServerOptions {
  dataDir: string;
  latch: Latch;
  logger: Pick<Logger, 'warn'>;
  facts(): ServerFacts;
  /** Extra `GET` answers (the doctor's database facts), by path. */
  reports?: Record<string, () => Promise<unknown>>;
}

const maxBodyBytes = 16 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * Opens the control channel through which `latch-server` commands reach this server: an HTTP
 * server on a Unix socket in the data folder's private `run/` folder, answering only the bearer
 * of the token written beside it. Commands run in this process on its open database, which is
 * how they work while embedded PGlite (one process only) is in use. Never fails the start: when
 * the socket cannot be opened the server runs without it and logs why.
 */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const paths = controlPaths(options.dataDir);
  const none: ControlServer = { socketPath: null, close: async () => {} };
  if (Buffer.byteLength(paths.socket) > maxSocketPathBytes) {
    options.logger.warn({ event: 'control.unavailable', socket: paths.socket }, 'the data folder path is too long for a Unix socket: CLI commands cannot reach this server');
    return none;
  }
  // Another live server on this data folder (PostgreSQL allows that) keeps its channel.
  if (await callControl(options.dataDir, 'GET', '/status').catch(() => null)) {
    options.logger.warn({ event: 'control.unavailable', socket: paths.socket }, 'another server answers on this data folder\'s control socket: this one opens none');
    return none;
  }
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  chmodSync(paths.dir, 0o700);
  try { unlinkSync(paths.socket); } catch { /* none left over */ }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(paths.token, token + '\n', { mode: 0o600 });
  chmodSync(paths.token, 0o600);
  const wanted = Buffer.from(`Bearer ${token}`);

  const server = createServer(async (req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return send(res, 401, { error: 'the control token does not match' });
    const url = new URL(req.url ?? '/', 'http://control');
    try {
      if (req.method === 'GET' && url.pathname === '/status') return send(res, 200, options.facts());
      const report = req.method === 'GET' ? options.reports?.[url.pathname] : undefined;
      if (report) return send(res, 200, await report());
      const name = /^\/commands\/([a-z-]+)$/.exec(url.pathname)?.[1];
      const command = req.method === 'POST' && name ? databaseCommand(name) : undefined;
      if (!command) return send(res, 404, { error: `no such control request: ${req.method} ${url.pathname}` });
      const body = await readJson(req) as { options?: unknown };
      const output = await command.run(options.latch, body.options);
      return send(res, 200, { stdout: output.stdout, exitCode: output.exitCode ?? 0 });
    } catch (error) {
      return send(res, 422, { error: describeError(error) });
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(paths.socket, () => { server.off('error', reject); resolve(); });
    });
  } catch (error) {
    options.logger.warn({ event: 'control.unavailable', socket: paths.socket, error: (error as Error).message }, 'could not open the control socket: CLI commands cannot reach this server');
    return none;
  }
  chmodSync(paths.socket, 0o600);
  return {
    socketPath: paths.socket,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      try { unlinkSync(paths.token); } catch { /* gone */ }
    },
  };
}
