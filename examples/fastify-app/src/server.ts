import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { latchFastify, requireAuth } from '@latch/server-sdk/fastify';

/** A note of the demo API, kept in memory per user. */
export interface Note {
  id: number;
  text: string;
  createdAt: string;
}

/**
 * The host application: its own routes (with Fastify's JSON parser), Latch's API at its
 * `basePath` (`/auth`, registered as an encapsulated plugin that reads its own bodies), and the
 * notes API protected by the `requireAuth` preHandler.
 */
export async function createApp(latch: Latch): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: 16 * 1024 });
  const notes = new Map<string, Note[]>();
  let nextId = 1;

  await app.register(latchFastify(latch));

  app.get('/', async () => ({ app: 'fastify example', signIn: '/auth/sign-in', notes: '/api/notes' }));
  // A session cookie, an access token or an API key with the scope; the caller is in request.auth.
  app.get('/api/notes', { preHandler: requireAuth(latch, { scopes: ['read'] }) }, async (request) => {
    const { user, via } = request.auth!;
    return { owner: user.email, via, items: notes.get(user.id) ?? [] };
  });
  app.post<{ Body: { text?: unknown } }>('/api/notes', { preHandler: requireAuth(latch, { scopes: ['write'] }) }, async (request, reply) => {
    const text = typeof request.body?.text === 'string' ? request.body.text.trim().slice(0, 1000) : '';
    if (!text) return reply.code(422).send({ error: 'text is required' });
    const note: Note = { id: nextId++, text, createdAt: new Date().toISOString() };
    const list = notes.get(request.auth!.user.id) ?? [];
    list.push(note);
    notes.set(request.auth!.user.id, list);
    return reply.code(201).send({ note });
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
 * Starts the app: listens first (so an ephemeral port is known), then creates Latch and hands
 * requests to Fastify's router (`app.routing`, the listener `app.listen` would install).
 */
export async function startServer(options: StartOptions = {}): Promise<{ server: Server; latch: Latch; origin: string; close(): Promise<void> }> {
  let app: FastifyInstance | undefined;
  const server = createServer((req, res) => {
    if (!app) { res.statusCode = 503; res.end(); return; }
    app.routing(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve));
  const origin = options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const latch = await createLatch({ ...options.latch, publicUrl: origin });
  const ready = await createApp(latch);
  await ready.ready();
  app = ready;
  return {
    server, latch, origin,
    async close() {
      await ready.close();
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
  console.log(`Fastify example listening on ${origin} (Latch at ${origin}/auth)`);
}
