import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Router from '@koa/router';
import Koa from 'koa';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { latchKoa, requireAuth, type LatchAuthState } from '@latch/server-sdk/koa';

/** A note of the demo API, kept in memory per user. */
export interface Note {
  id: number;
  text: string;
  createdAt: string;
}

/** Reads a small JSON body (this app has no body parser; Latch reads its own bodies). */
async function readJson(req: Koa.Context['req'], limit = 16 * 1024): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > limit) throw Object.assign(new Error('body too large'), { status: 413, expose: true });
  }
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' ? value as Record<string, unknown> : {};
  } catch {
    throw Object.assign(new Error('invalid JSON'), { status: 400, expose: true });
  }
}

/**
 * The host application: its own routes, with Latch's API mounted at `/auth`, the JWKS at the
 * site root, and the notes API protected by `requireAuth`.
 */
export function createApp(latch: Latch): Koa {
  const app = new Koa();
  const notes = new Map<string, Note[]>();
  /** Reports per organization id (none are filed in this demo). */
  const teamReports = new Map<string, Array<{ title: string }>>();
  let nextId = 1;

  const router = new Router<LatchAuthState>();
  router.get('/', (ctx) => { ctx.body = { app: 'koa example', signIn: '/auth/sign-in', notes: '/api/notes' }; });
  // Resource servers elsewhere verify access tokens against these keys.
  router.get('/.well-known/jwks.json', async (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = await latch.jwks();
  });
  // A session cookie, an access token or an API key with the scope; the caller is in ctx.state.auth.
  router.get('/api/notes', requireAuth(latch, { scopes: ['read'] }), (ctx) => {
    const { user, via } = ctx.state.auth;
    ctx.body = { owner: user.id, via, items: notes.get(user.id) ?? [] };
  });
  router.post('/api/notes', requireAuth(latch, { scopes: ['write'] }), async (ctx) => {
    const body = await readJson(ctx.req);
    const text = typeof body.text === 'string' ? body.text.trim().slice(0, 1000) : '';
    if (!text) { ctx.status = 422; ctx.body = { error: 'text is required' }; return; }
    const note: Note = { id: nextId++, text, createdAt: new Date().toISOString() };
    const list = notes.get(ctx.state.auth.user.id) ?? [];
    list.push(note);
    notes.set(ctx.state.auth.user.id, list);
    ctx.status = 201;
    ctx.body = { note };
  });
  router.get('/api/admin/stats', requireAuth(latch, { roles: ['admin', 'super_admin'] }), (ctx) => {
    ctx.body = { users: notes.size, notes: [...notes.values()].reduce((n, l) => n + l.length, 0) };
  });
  // Admins and owners of the caller's active organization; the data is scoped by its id.
  router.get('/api/team-reports', requireAuth(latch, { orgRole: 'admin' }), (ctx) => {
    const organization = ctx.state.auth.organization!;
    ctx.body = { organization, reports: teamReports.get(organization.id) ?? [] };
  });

  app.use(latchKoa(latch, { prefix: '/auth' }));
  app.use(router.routes());
  app.use(router.allowedMethods());
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

/** Starts the app: listens first (so an ephemeral port is known), then creates Latch. */
export async function startServer(options: StartOptions = {}): Promise<{ server: Server; latch: Latch; origin: string; close(): Promise<void> }> {
  let handle: ReturnType<Koa['callback']> | undefined;
  const server = createServer((req, res) => {
    if (!handle) { res.statusCode = 503; res.end(); return; }
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve));
  const origin = options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const latch = await createLatch({ ...options.latch, publicUrl: origin });
  handle = createApp(latch).callback();
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
  console.log(`Koa example listening on ${origin} (Latch at ${origin}/auth)`);
}
