#!/usr/bin/env node
// A small server for trying the elements and taking documentation screenshots without the
// reference server: the Latch API at /auth (PGlite in memory), the reference server's demo pages
// (rendered by its own page code) at their paths, the CDN bundles at /components/* (the languages
// at /components/locales/*), and the mail received by a local SMTP sink at /dev/mailbox (JSON,
// newest first).
//
//   npm run demo -w @latch/web-components          # then open http://localhost:3100/
//   PORT=4000 npm run demo -w @latch/web-components
//
// Needs a build first (`npm run build -w @latch/web-components`). Run from source through tsx.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createLatch, silentLogger } from '@latch/server-sdk';
import { toNodeHandler } from '@latch/server-sdk/node';
import { startSmtpSink } from '@latch/server-sdk/testing';
import { renderedPages } from '../../reference-server/src/routes/pages.ts';

const port = Number(process.env.PORT ?? 3100);
const origin = `http://localhost:${port}`;
const publicDir = fileURLToPath(new URL('../../reference-server/public/', import.meta.url));
const cdnDir = fileURLToPath(new URL('../dist/cdn/', import.meta.url));
const pages = renderedPages();

/**
 * Starts the demo server.
 * @returns {Promise<{ url: string, latch: import('@latch/server-sdk').Latch, mail: import('@latch/server-sdk/testing').SmtpSink, close(): Promise<void> }>}
 */
export async function startDemoServer(options = {}) {
  const listenPort = options.port ?? port;
  const url = `http://localhost:${listenPort}`;
  const mail = await startSmtpSink();
  const latch = await createLatch({
    publicUrl: url,
    secret: 'demo-secret-that-is-long-enough-0123456789',
    database: {},
    logger: silentLogger,
    mail: { smtpUrl: mail.url, pollIntervalMs: 100 },
    ...options.config,
  });
  const api = toNodeHandler(latch, { prefix: '/auth' });
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', url).pathname;
    try {
      if (path.startsWith('/auth')) return void (await api(req, res));
      if (path === '/dev/mailbox') {
        res.setHeader('content-type', 'application/json');
        return void res.end(JSON.stringify([...mail.messages].reverse().map((m) => ({ to: m.to, subject: m.subject, text: m.text, receivedAt: m.receivedAt }))));
      }
      let file;
      if (pages.has(path)) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.setHeader('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
        return void res.end(pages.get(path));
      }
      if (/^\/components\/(latch|login-form|locales\/[a-z]{2,8}(-[a-z0-9]{1,8})*)\.js$/i.test(path)) file = cdnDir + path.slice('/components/'.length);
      else if (/^\/assets\/pages\.(js|css)$/.test(path)) file = publicDir + path.slice('/assets/'.length);
      if (!file) {
        res.statusCode = 404;
        return void res.end('not found');
      }
      res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.setHeader('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
      res.end(await readFile(file));
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(listenPort, 'localhost', resolve));
  return {
    url, latch, mail,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await latch.close({ drainTimeoutMs: 200 });
      await mail.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const demo = await startDemoServer();
  console.log(`Latch demo on ${origin}/ (mail at ${origin}/dev/mailbox)`);
  process.on('SIGINT', () => void demo.close().then(() => process.exit(0)));
  process.on('SIGTERM', () => void demo.close().then(() => process.exit(0)));
}
