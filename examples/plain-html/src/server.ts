import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createLatch, type Latch, type LatchConfig } from '@latch/server-sdk';
import { toNodeHandler } from '@latch/server-sdk/node';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
/** The elements' browser bundles, as `@latch/web-components` ships them (`dist/cdn`). */
const componentsDir = dirname(fileURLToPath(import.meta.resolve('@latch/web-components/cdn/latch.js')));

/** The site's pages under clean URLs; `/verify-email` is where the emailed link lands. */
const pages: Record<string, string> = { '/': 'index.html', '/sign-up': 'sign-up.html', '/verify-email': 'verify-email.html' };
const assets: Record<string, string> = { '/app.js': 'app.js', '/style.css': 'style.css' };
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * No inline scripts or styles, so the strictest policy holds: everything from this origin, plus
 * `data:` images for the authenticator QR code. The elements style themselves through
 * constructable style sheets, which `style-src` does not restrict.
 */
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

async function sendFile(res: ServerResponse, path: string): Promise<void> {
  const body = await readFile(path);
  const type = types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type, 'content-length': body.length, 'x-content-type-options': 'nosniff',
    ...(type.startsWith('text/html') ? { 'content-security-policy': contentSecurityPolicy, 'cache-control': 'no-cache' } : {}),
  });
  res.end(body);
}

/** The file a static path names, or null: pages, assets, and the bundles (`/components/x.js`, `/components/locales/fr.js`). */
function fileFor(pathname: string): string | null {
  if (pages[pathname]) return join(publicDir, pages[pathname]);
  if (assets[pathname]) return join(publicDir, assets[pathname]);
  // A closed pattern: no dots, slashes or encodings that could leave the folder.
  const bundle = /^\/components\/((?:locales\/)?[a-z0-9-]+\.js)$/.exec(pathname);
  return bundle ? join(componentsDir, bundle[1]!) : null;
}

function serveStatic(req: IncomingMessage, res: ServerResponse): void {
  const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(new URL(req.url ?? '/', 'http://localhost').pathname) : null;
  if (!file) { res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found'); return; }
  sendFile(res, file).catch(() => { if (!res.headersSent) res.writeHead(404).end(); });
}

/** The site: Latch's API at `/auth` on the same origin as the pages, so the session cookie and CSRF rules just work. */
export function createApp(latch: Latch): RequestListener {
  const auth = toNodeHandler(latch);
  return (req, res) => { void auth(req, res, () => serveStatic(req, res)); };
}

/** What {@link startServer} needs: where to listen and the Latch configuration (minus publicUrl). */
export interface StartOptions {
  port?: number;
  host?: string;
  /** The public URL; default `http://HOST:PORT` once the port is known. */
  publicUrl?: string;
  latch?: Omit<LatchConfig, 'publicUrl'>;
}

/** Starts the site: listens first (so an ephemeral port is known), then creates Latch. */
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
  console.log(`Plain HTML example on ${origin} (Latch at ${origin}/auth)`);
}
