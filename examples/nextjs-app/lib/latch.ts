import type { Latch } from '@latch/server-sdk';

/**
 * Latch is loaded by Node.js at run time, never bundled (native argon2, embedded PGlite, worker
 * threads). An app that installs `@latch/server-sdk` from npm writes a plain
 * `import { createLatch } from '@latch/server-sdk'` with `serverExternalPackages` in next.config;
 * in this repository the package is a workspace link, which Next.js bundles despite that setting
 * (vercel/next.js#84388), so the import is kept out of the bundler's sight.
 */
const loadSdk = () => import(/* turbopackIgnore: true */ /* webpackIgnore: true */ '@latch/server-sdk');

/**
 * The app's one Latch, created on first use (never while `next build` collects pages) and kept on
 * `globalThis`, so route handlers, server components and the proxy share it within the server
 * process, and a dev-server reload does not open the embedded database twice.
 */
const slot = Symbol.for('latch.nextjs-example');
type Holder = { [slot]?: Promise<Latch> };

export function getLatch(): Promise<Latch> {
  const holder = globalThis as Holder;
  holder[slot] ??= loadSdk().then(({ createLatch }) => createLatch({
    publicUrl: process.env.PUBLIC_URL ?? 'http://localhost:3000',
    // Where app/api/auth/[...latch]/route.ts is: the one place the API's path is set.
    basePath: '/api/auth',
    database: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: process.env.LATCH_DATA_DIR ?? './.latch-data/db' },
    secret: process.env.LATCH_SECRET,
    mail: process.env.SMTP_URL ? { smtpUrl: process.env.SMTP_URL } : {},
    // Only behind a proxy that appends X-Forwarded-For: bare `next start` keeps a client's own.
    security: { trustProxy: process.env.TRUST_PROXY === '1' },
  })).catch((error: unknown) => {
    delete holder[slot];
    throw error;
  });
  return holder[slot];
}
