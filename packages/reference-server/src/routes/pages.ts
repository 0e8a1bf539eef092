import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import Router from '@koa/router';
import { renderPage, type PageParts } from '../pages/layout.js';

/**
 * The demo pages: each path's title, `<body>` attributes and `<main>` fragment. A fragment is
 * `public/pages/<name>.html` and holds exactly the page's `<main>` element, written at column 0,
 * with nothing before or after it; everything around it comes from the layout in
 * `src/pages/layout.ts`.
 */
const pageTable: Record<string, { file: string } & Omit<PageParts, 'main'>> = {
  '/': { file: 'index.html', title: 'Home' },
  '/sign-in': { file: 'sign-in.html', title: 'Sign in' },
  '/sign-up': { file: 'sign-up.html', title: 'Create an account' },
  '/verify-email': { file: 'verify-email.html', title: 'Verify your email' },
  '/forgot-password': { file: 'forgot-password.html', title: 'Forgot password' },
  '/reset-password': { file: 'reset-password.html', title: 'Choose a new password' },
  '/confirm-email': { file: 'confirm-email.html', title: 'Confirm your new email' },
  '/accept-invite': { file: 'accept-invite.html', title: 'Accept your invitation' },
  '/settings': { file: 'settings.html', title: 'Security settings', bodyAttributes: { 'data-requires-session': true } },
  // The console and the organization page explain themselves to a visitor who is not signed in
  // (with a sign-in link that comes back), and the API refuses whoever may not see them.
  '/admin': { file: 'admin.html', title: 'Administration' },
  '/org': { file: 'org.html', title: 'Organization' },
};

/** The demo pages and the fragment under `public/pages/` each path shows. Links in emails point here. */
export const pages: Record<string, string> = Object.fromEntries(Object.entries(pageTable).map(([path, page]) => [path, page.file]));

// src/routes/ and dist/routes/ both sit two levels below the package root.
const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');

let rendered: Map<string, string> | undefined;

/** Every page as a finished document, rendered once from the layout and the fragments. */
export function renderedPages(): Map<string, string> {
  if (rendered) return rendered;
  const out = new Map<string, string>();
  for (const [path, { file, ...parts }] of Object.entries(pageTable)) {
    const main = readFileSync(join(publicDir, 'pages', file), 'utf8');
    if (!/^<main[\s>]/.test(main) || !/<\/main>\s*$/.test(main)) throw new Error(`public/pages/${file} must hold only a <main> element`);
    out.set(path, renderPage({ ...parts, main }));
  }
  return (rendered = out);
}

/** Where the component bundles are: the web-components package's CDN build. */
function bundleDir(): string {
  try {
    return dirname(fileURLToPath(import.meta.resolve('@latch/web-components/cdn/latch.js')));
  } catch {
    return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web-components', 'dist', 'cdn');
  }
}

const assetTypes: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

/**
 * Serves the pages (rendered when the router is made), `/components/latch.js`, `/components/login-form.js`,
 * the language bundles `/components/locales/<code>.js` and `/assets/*` from `public/`.
 */
export function pagesRouter(options: { cacheAssets: boolean }): Router {
  const router = new Router();
  const bundles = bundleDir();
  for (const [path, html] of renderedPages()) {
    router.get(path, (ctx) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('cache-control', 'no-store');
      ctx.body = html;
    });
  }
  for (const name of ['latch.js', 'login-form.js']) {
    router.get(`/components/${name}`, async (ctx) => {
      ctx.type = assetTypes['.js']!;
      ctx.set('cache-control', options.cacheAssets ? 'public, max-age=3600' : 'no-cache');
      ctx.body = await readFile(join(bundles, name));
    });
  }
  // The language bundles (`locales/fr.js`, `locales/de.js`): a page loads one next to latch.js.
  router.get('/components/locales/:name', async (ctx) => {
    const name = ctx.params.name!;
    if (!/^[a-z]{2,8}(-[a-z0-9]{1,8})*\.js$/i.test(name)) return;
    try {
      ctx.body = await readFile(join(bundles, 'locales', name));
      ctx.type = assetTypes['.js']!;
      ctx.set('cache-control', options.cacheAssets ? 'public, max-age=3600' : 'no-cache');
    } catch {
      /* falls through to the 404 problem */
    }
  });
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
