import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { requireAuth, type LatchAuth, type RequireAuthOptions } from '@latch/server-sdk/fetch';

/** A note of the demo API, kept in memory per user. */
export interface Note {
  id: number;
  text: string;
  createdAt: string;
}

/** What routes behind {@link signedIn} find in `c.get('auth')`. */
export type AppEnv = { Variables: { auth: LatchAuth } };

/** The connection's peer address: a `Request` carries none, and per-address rate limits need it. */
const peer = (c: Context) => ({ remoteAddress: getConnInfo(c).remote.address ?? null });

/**
 * The host application: Hono routes on Node, with Latch's Web-standard handler (`latch.fetch`)
 * at its `basePath` (`/auth`) and the notes API behind a small `requireAuth` middleware.
 */
export function createApp(latch: Latch): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const notes = new Map<string, Note[]>();
  let nextId = 1;

  app.all(`${latch.config.basePath}/*`, (c) => latch.fetch(c.req.raw, peer(c)));
  // A session cookie, an access token or an API key with the scopes; refusals are Latch's problem+json.
  const signedIn = (options?: RequireAuthOptions) => createMiddleware<AppEnv>(async (c, next) => {
    const auth = await requireAuth(latch, options)(c.req.raw, peer(c));
    if (auth instanceof Response) return auth;
    c.set('auth', auth);
    await next();
  });

  app.get('/', (c) => c.json({ app: 'hono example', signIn: '/auth/sign-in', notes: '/api/notes' }));
  app.get('/api/notes', signedIn({ scopes: ['read'] }), (c) => {
    const { user, via } = c.get('auth');
    return c.json({ owner: user.email, via, items: notes.get(user.id) ?? [] });
  });
  app.post('/api/notes', signedIn({ scopes: ['write'] }), async (c) => {
    const body = await c.req.json<{ text?: unknown }>().catch(() => ({ text: undefined }));
    const text = typeof body.text === 'string' ? body.text.trim().slice(0, 1000) : '';
    if (!text) return c.json({ error: 'text is required' }, 422);
    const { user } = c.get('auth');
    const note: Note = { id: nextId++, text, createdAt: new Date().toISOString() };
    notes.set(user.id, [...(notes.get(user.id) ?? []), note]);
    return c.json({ note }, 201);
  });
  return app;
}

/** What {@link startServer} needs: where to listen and the Latch configuration (minus publicUrl). */
export interface StartOptions {
  port?: number;
  host?: string;
  /** The public URL; default `http://HOST:PORT` once the port is known. */
  publicUrl?: string;
  latch?: Omit<LatchConfig, 'publicUrl'>;
}

/**
 * Starts the app: listens first (so an ephemeral port is known), then creates Latch. The listener
 * is `@hono/node-server`'s, the one its `serve()` installs.
 */
export async function startServer(options: StartOptions = {}): Promise<{ server: Server; latch: Latch; origin: string; close(): Promise<void> }> {
  let listener: RequestListener | undefined;
  const server = createServer((req, res) => {
    if (!listener) { res.statusCode = 503; res.end(); return; }
    listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve));
  const origin = options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const latch = await createLatch({ ...options.latch, publicUrl: origin });
  listener = getRequestListener(createApp(latch).fetch) as RequestListener;
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
  console.log(`Hono example listening on ${origin} (Latch at ${origin}/auth)`);
}
