import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import express, { type Express } from 'express';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { latchExpress, requireAuth } from '@latch/server-sdk/express';

/** A note of the demo API, kept in memory per user. */
export interface Note {
  id: number;
  text: string;
  createdAt: string;
}

/**
 * The host application: its own routes, with Latch's API mounted at `/auth` (before any body
 * parser: Latch reads and bounds its own bodies), the JWKS at the site root, and the notes API
 * protected by `requireAuth`.
 */
export function createApp(latch: Latch): Express {
  const app = express();
  const notes = new Map<string, Note[]>();
  /** Reports per organization id (none are filed in this demo). */
  const teamReports = new Map<string, Array<{ title: string }>>();
  let nextId = 1;

  app.use(latchExpress(latch, { prefix: '/auth' }));
  app.use(express.json({ limit: '16kb' }));

  app.get('/', (_req, res) => { res.json({ app: 'express example', signIn: '/auth/sign-in', notes: '/api/notes' }); });
  // Resource servers elsewhere verify access tokens against these keys.
  app.get('/.well-known/jwks.json', async (_req, res) => {
    res.set('cache-control', 'public, max-age=300').json(await latch.jwks());
  });
  // A session cookie, an access token or an API key with the scope; the caller is in req.auth.
  app.get('/api/notes', requireAuth(latch, { scopes: ['read'] }), (req, res) => {
    const { user, via } = req.auth!;
    res.json({ owner: user.id, via, items: notes.get(user.id) ?? [] });
  });
  app.post('/api/notes', requireAuth(latch, { scopes: ['write'] }), (req, res) => {
    const text = typeof req.body?.text === 'string' ? req.body.text.trim().slice(0, 1000) : '';
    if (!text) { res.status(422).json({ error: 'text is required' }); return; }
    const note: Note = { id: nextId++, text, createdAt: new Date().toISOString() };
    const list = notes.get(req.auth!.user.id) ?? [];
    list.push(note);
    notes.set(req.auth!.user.id, list);
    res.status(201).json({ note });
  });
  app.get('/api/admin/stats', requireAuth(latch, { roles: ['admin', 'super_admin'] }), (_req, res) => {
    res.json({ users: notes.size, notes: [...notes.values()].reduce((n, l) => n + l.length, 0) });
  });
  // Admins and owners of the caller's active organization; the data is scoped by its id.
  app.get('/api/team-reports', requireAuth(latch, { orgRole: 'admin' }), (req, res) => {
    const organization = req.auth!.organization!;
    res.json({ organization, reports: teamReports.get(organization.id) ?? [] });
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

/** Starts the app: listens first (so an ephemeral port is known), then creates Latch. */
export async function startServer(options: StartOptions = {}): Promise<{ server: Server; latch: Latch; origin: string; close(): Promise<void> }> {
  let app: Express | undefined;
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
  console.log(`Express example listening on ${origin} (Latch at ${origin}/auth)`);
}
