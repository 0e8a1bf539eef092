import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { requireAuth, toNodeHandler } from '@latch/server-sdk/node';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The host application with no framework: Latch's API at its `basePath` (`/auth`), one public
 * route and one route for signed-in callers. Everything Latch does not serve goes to `next`.
 */
export function createApp(latch: Latch): RequestListener {
  const auth = toNodeHandler(latch);
  // A session cookie, an access token or an API key; the caller is the third argument.
  const profile = requireAuth(latch)((_req, res, { user, via }) => {
    sendJson(res, 200, { hello: user.displayName || user.email, email: user.email, via });
  });
  return (req, res) => {
    void auth(req, res, () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method === 'GET' && path === '/') return sendJson(res, 200, { app: 'node:http example', signIn: '/auth/sign-in', profile: '/api/profile' });
      if (req.method === 'GET' && path === '/api/profile') return void profile(req, res);
      sendJson(res, 404, { error: 'not found' });
    });
  };
}

/** What {@link startServer} needs: where to listen and the Latch configuration (minus publicUrl). */
export interface StartOptions {
  port?: number;
  host?: string;
  /** The public URL; default `http://HOST:PORT` once the port is known. */
  publicUrl?: string;
  latch?: Omit<LatchConfig, 'publicUrl'>;
}

/** Starts the app: listens first (so an ephemeral port is known), then creates Latch. */
export async function startServer(options: StartOptions = {}): Promise<{ server: Server; latch: Latch; origin: string; close(): Promise<void> }> {
  let app: RequestListener | undefined;
  const server = createServer((req, res) => {
    if (!app) { res.statusCode = 503; res.end(); return; }
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve));
  const origin = options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const latch = await createLatch({ ...options.latch, publicUrl: origin });
  app = createApp(latch);
  return {
    server, latch, origin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await latch.close();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { origin } = await startServer({
    port: Number(process.env.PORT ?? 3000),
    latch: { database: { url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : './.latch-data/db' }, secret: process.env.LATCH_SECRET },
  });
  console.log(`node:http example listening on ${origin} (Latch at ${origin}/auth)`);
}
