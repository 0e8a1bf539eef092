#!/usr/bin/env node
// What requireAuth costs a host app. One run, one server process (node:http + Latch on embedded
// PGlite, or DATABASE_URL), four measurements back to back with autocannon:
//   bare        GET /bare       no authentication at all
//   session     GET /protected  requireAuth with a session cookie
//   jwt         GET /protected  requireAuth with a bearer access token (verified locally)
//   api key     GET /protected  requireAuth with a bearer API key
// Each is printed as requests/second and as a ratio to the bare route measured in the same run.
// Timings are reported, never asserted. Needs the SDK built: `npm run build` (or `npx tsc -b` in
// packages/server-sdk). Options: BENCH_SECONDS per measurement (default 5), BENCH_ROUNDS (default 3),
// BENCH_CONNECTIONS (default 10).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const sdkDist = fileURLToPath(new URL('../packages/server-sdk/dist/index.js', import.meta.url));

if (process.argv[2] === '--server') await serve();
else await measure();

/** The server process: a node:http app with a bare route, a protected route and Latch at /auth. */
async function serve() {
  const { createLatch, silentLogger } = await import('@latch/server-sdk');
  const { requireAuth, toNodeHandler } = await import('@latch/server-sdk/node');
  let latch;
  let auth;
  let protectedRoute;
  const body = JSON.stringify({ ok: true, user: '00000000-0000-4000-8000-000000000000' });
  const server = createServer((req, res) => {
    if (req.url === '/bare') {
      res.setHeader('content-type', 'application/json');
      res.end(body);
    } else if (req.url === '/protected') {
      void protectedRoute(req, res);
    } else {
      void auth(req, res);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  latch = await createLatch({
    publicUrl: origin,
    secret: 'bench-secret-that-is-long-enough-0123456789',
    database: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {},
    logger: silentLogger,
    rateLimit: { enabled: false },
    mail: { mailer: { kind: 'custom', send: async () => {} } },
  });
  auth = toNodeHandler(latch);
  protectedRoute = requireAuth(latch, { scopes: ['read'] })((_req, res, caller) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, user: caller.user.id }));
  });

  const email = `bench.${Date.now()}@example.com`;
  const password = 'violet-harbor-engine-42';
  await latch.provisionUser({ email, displayName: 'Bench', password });
  const post = (path, payload, cookie) => fetch(origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const signIn = await post('/auth/sign-in', { email, password });
  const cookie = signIn.headers.getSetCookie()[0].split(';')[0];
  const apiKey = (await (await post('/auth/me/api-keys', { name: 'bench', scopes: ['read'] }, cookie)).json()).secret;
  const jwt = (await (await post('/auth/token', undefined, cookie)).json()).accessToken;
  if (!cookie || !apiKey || !jwt) throw new Error('could not set up credentials');
  process.send({ origin, cookie, apiKey, jwt });
  process.on('message', async (message) => {
    if (message === 'stop') {
      server.closeAllConnections();
      server.close();
      await latch.close();
      process.exit(0);
    }
  });
}

/** The measuring process: starts the server, runs autocannon, prints the ratios. */
async function measure() {
  if (!existsSync(sdkDist)) {
    console.error('The SDK is not built: run `npm run build` (or `npx tsc -b` in packages/server-sdk) first.');
    process.exit(1);
  }
  const { default: autocannon } = await import('autocannon');
  const duration = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const setup = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');
  const run = (path, headers = {}, seconds = duration) => new Promise((resolve, reject) => {
    autocannon({ url: setup.origin + path, headers, duration: seconds, connections, pipelining: 1 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const cases = [
    ['bare', '/bare', {}],
    ['session cookie', '/protected', { cookie: setup.cookie }],
    ['bearer JWT', '/protected', { authorization: `Bearer ${setup.jwt}` }],
    ['bearer API key', '/protected', { authorization: `Bearer ${setup.apiKey}` }],
  ];
  // Warm every path (JIT, caches), then measure in interleaved rounds and keep each case's
  // median, so drift in machine load hits every case alike.
  for (const [, path, headers] of cases) await run(path, headers, 2);
  const samples = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      const [, path, headers] = cases[i];
      const result = await run(path, headers);
      samples[i].push({ rps: result.requests.average, p99: result.latency.p99, errors: result.non2xx + result.errors });
    }
  }
  const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results = cases.map(([name], i) => ({
    name,
    rps: median(samples[i].map((s) => s.rps)),
    p99: median(samples[i].map((s) => s.p99)),
    errors: samples[i].reduce((n, s) => n + s.errors, 0),
  }));
  child.send('stop');
  const bare = results[0].rps;
  console.log(`\nrequireAuth vs a bare route (node:http, ${connections} connections, median of ${rounds} rounds of ${duration} s, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`);
  console.log('case              req/s     p99 ms   ratio to bare   non-2xx');
  for (const r of results) {
    console.log(`${r.name.padEnd(16)} ${r.rps.toFixed(0).padStart(7)}   ${String(r.p99).padStart(6)}   ${(r.rps / bare).toFixed(2).padStart(13)}   ${String(r.errors).padStart(7)}`);
  }
  if (results.some((r) => r.errors > 0)) console.log('\nSome requests failed: the ratios are not meaningful.');
}
