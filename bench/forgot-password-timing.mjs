#!/usr/bin/env node
// Does POST /auth/password/forgot take as long for an address with an account as for one without?
// One server process (node:http + Latch on embedded PGlite, or DATABASE_URL), one known account;
// requests alternate known, unknown, known, … one at a time, each unknown address fresh, with a
// short pause between them so the mail worker's delivery of one request does not land in the next.
// Prints both medians and their ratio (known / unknown); timings are reported, never asserted.
// Also reported: the time of an unknown-address request sent right after each measured one (no
// pause), which shows work the server does after answering.
// Needs the SDK built: `npm run build` (or `npx tsc -b` in packages/server-sdk). Options:
// BENCH_SAMPLES per path (default 96, at least 48), BENCH_WARMUP per path (default 16),
// BENCH_GAP_MS between requests (default 25).
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const sdkDist = fileURLToPath(new URL('../packages/server-sdk/dist/index.js', import.meta.url));

if (process.argv[2] === '--server') await serve();
else await measure();

/** The server process: Latch at /auth with one account; mail is accepted and dropped. */
async function serve() {
  const { createLatch, silentLogger } = await import('@latch/server-sdk');
  const { toNodeHandler } = await import('@latch/server-sdk/node');
  let auth;
  const server = createServer((req, res) => void auth(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const latch = await createLatch({
    publicUrl: origin,
    secret: 'bench-secret-that-is-long-enough-0123456789',
    database: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {},
    logger: silentLogger,
    // Without limits every request takes the full path; the limiter costs both paths alike.
    rateLimit: { enabled: false },
    mail: { mailer: { kind: 'custom', send: async () => {} } },
  });
  auth = toNodeHandler(latch);
  const email = `bench.${Date.now()}@example.com`;
  await latch.provisionUser({ email, displayName: 'Bench', password: 'violet-harbor-engine-42' });
  process.send({ origin, email });
  process.on('message', async (message) => {
    if (message === 'stop') {
      server.closeAllConnections();
      server.close();
      await latch.close();
      process.exit(0);
    }
  });
}

/** The measuring process: starts the server, times the interleaved requests, prints the medians. */
async function measure() {
  if (!existsSync(sdkDist)) {
    console.error('The SDK is not built: run `npm run build` (or `npx tsc -b` in packages/server-sdk) first.');
    process.exit(1);
  }
  const samples = Math.max(48, Number(process.env.BENCH_SAMPLES ?? 96));
  const warmup = Number(process.env.BENCH_WARMUP ?? 16);
  const gapMs = Number(process.env.BENCH_GAP_MS ?? 25);
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const setup = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');

  let unknownCount = 0;
  const unknownEmail = () => `nobody.${process.pid}.${++unknownCount}@example.com`;
  /** One request's wall time in milliseconds, as a client sees it. */
  async function post(email) {
    const started = performance.now();
    const response = await fetch(`${setup.origin}/auth/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: setup.origin },
      body: JSON.stringify({ email }),
    });
    await response.arrayBuffer();
    if (response.status !== 202) throw new Error(`forgot-password answered ${response.status}`);
    return performance.now() - started;
  }
  const followUps = { known: [], unknown: [] };
  /** Times a request for `email`, then an unknown one at once (kept under `path`), then pauses. */
  async function timeOne(email, path) {
    const ms = await post(email);
    const next = await post(unknownEmail());
    if (path) followUps[path].push(next);
    await sleep(gapMs);
    return ms;
  }

  for (let i = 0; i < warmup; i++) {
    await timeOne(setup.email);
    await timeOne(unknownEmail());
  }
  const known = [];
  const unknown = [];
  for (let i = 0; i < samples; i++) {
    // Alternate which path goes first, so neither always follows the other.
    if (i % 2 === 0) {
      known.push(await timeOne(setup.email, 'known'));
      unknown.push(await timeOne(unknownEmail(), 'unknown'));
    } else {
      unknown.push(await timeOne(unknownEmail(), 'unknown'));
      known.push(await timeOne(setup.email, 'known'));
    }
  }
  child.send('stop');

  const median = (values) => {
    const sorted = values.slice().sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const knownMedian = median(known);
  const unknownMedian = median(unknown);
  const ratio = knownMedian / unknownMedian;
  const report = {
    samplesPerPath: samples,
    knownMedianMs: +knownMedian.toFixed(2),
    unknownMedianMs: +unknownMedian.toFixed(2),
    knownVsUnknown: +ratio.toFixed(3),
    followUpAfterKnownMs: +median(followUps.known).toFixed(2),
    followUpAfterUnknownMs: +median(followUps.unknown).toFixed(2),
    followUpKnownVsUnknown: +(median(followUps.known) / median(followUps.unknown)).toFixed(3),
    database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(`forgot-password: known ${report.knownMedianMs} ms vs unknown ${report.unknownMedianMs} ms median ` +
    `(n=${samples} each), ratio ${report.knownVsUnknown} (target within 10 %: 0.90 to 1.10); ` +
    `a request right after: ${report.followUpAfterKnownMs} vs ${report.followUpAfterUnknownMs} ms, ratio ${report.followUpKnownVsUnknown}.`);
}
