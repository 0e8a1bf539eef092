import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Router from '@koa/router';

/** The demo pages and the page each path shows. Links in emails point here. */
export const pages: Record<string, string> = {
  '/': 'index.html',
  '/sign-in': 'sign-in.html',
  '/sign-up': 'sign-up.html',
  '/verify-email': 'verify-email.html',
  '/forgot-password': 'forgot-password.html',
  '/reset-password': 'reset-password.html',
  '/confirm-email': 'confirm-email.html',
  '/accept-invite': 'accept-invite.html',
  '/settings': 'settings.html',
  '/admin': 'admin.html',
};

// src/routes/ and dist/routes/ both sit two levels below the package root.
const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');

/** Where the component bundles are: the web-components package's CDN build. */
function bundleDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.resolve('@latch/web-components/cdn/latch.js')));
  } catch {
    return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web-components', 'dist', 'cdn');
  }
}

const assetTypes: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/** Serves the pages, `/components/latch.js`, `/components/login-form.js` and `/assets/*` from `public/`. */
export function pagesRouter(options: { cacheAssets: boolean }): Router {
  const router = new Router();
  const bundles = bundleDir();
  for (const [path, file] of Object.entries(pages)) {
    router.get(path, async (ctx) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('cache-control', 'no-store');
      ctx.body = await readFile(join(publicDir, file));
    });
  }
  for (const name of ['latch.js', 'login-form.js']) {
    router.get(`/components/${name}`, async (ctx) => {
      ctx.type = assetTypes['.js']!;
      ctx.set('cache-control', options.cacheAssets ? 'public, max-age=3600' : 'no-cache');
      ctx.body = await readFile(join(bundles, name));
    });
  }
  router.get('/assets/:name', async (ctx) => {
    const name = ctx.params.name!;
    const ext = /\.[a-z]+$/.exec(name)?.[0] ?? '';
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name) || name.includes('..') || !assetTypes[ext]) return;
    try {
      ctx.body = await readFile(join(publicDir, name));
      ctx.type = assetTypes[ext]!;
      ctx.set('cache-control', options.cacheAssets ? 'public, max-age=3600' : 'no-cache');
    } catch {
      /* falls through to the 404 problem */
    }
  });
  return router;
}
