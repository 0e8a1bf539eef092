#!/usr/bin/env node
// Benchmarks the reference server as deployed: one process, embedded PGlite (or DATABASE_URL).
// 1) GET /auth/me with a session cookie vs GET /healthz (a bare route of the same Koa server),
// 2) sign-ins per second, with the server's event-loop delay p99 read from /metrics meanwhile.
// Results are ratios against the baseline measured in the same run, never absolute pass/fail.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const port = 3400 + Math.floor(Math.random() * 500);
const origin = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'latch-bench-'));

const server = spawn(process.execPath, ['packages/reference-server/dist/cli.js', 'start'], {
  env: { ...process.env, PORT: String(port), PUBLIC_URL: origin, LATCH_DATA_DIR: dataDir, RATE_LIMITS: 'off', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => { server.kill('SIGTERM'); rmSync(dataDir, { recursive: true, force: true }); };
process.on('exit', stop);

async function waitReady() {
  for (let i = 0; i < 120; i++) {
    try { if ((await fetch(`${origin}/readyz`)).ok) return; } catch { /* starting */ }
    await sleep(250);
  }
  throw new Error('server did not start');
}

const json = (body, cookie) => ({ method: 'POST', headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ duration, connections: 20, pipelining: 1, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function eventLoopP99() {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const m = /^nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(text);
  return m ? Number(m[1]) * 1000 : NaN;
}

await waitReady();
const email = `bench.${Date.now()}@example.com`;
const password = 'violet-harbor-engine-42';
await fetch(`${origin}/auth/sign-up`, json({ email, password, displayName: 'Bench' }));
await sleep(300);
const box = await (await fetch(`${origin}/dev/mailbox?format=json`)).json();
const token = new URL(box.items.find((m) => m.to === email).text.match(/https?:\/\/\S+verify-email\S+/)[0]).searchParams.get('token');
const verified = await fetch(`${origin}/auth/verify-email`, json({ token }));
const cookie = verified.headers.getSetCookie()[0].split(';')[0];

// Warm up both paths, then measure them back to back.
await run({ url: `${origin}/healthz`, duration: 2 });
await run({ url: `${origin}/auth/me`, headers: { cookie }, duration: 2 });
// Three interleaved rounds; the median ratio damps noise from other work on the machine.
const rounds = [];
for (let i = 0; i < 3; i++) {
  const bareRound = await run({ url: `${origin}/healthz` });
  const meRound = await run({ url: `${origin}/auth/me`, headers: { cookie } });
  if (meRound.non2xx > 0) throw new Error(`/auth/me answered ${meRound.non2xx} non-2xx`);
  rounds.push({ bare: bareRound, me: meRound, ratio: meRound.requests.average / bareRound.requests.average });
}
rounds.sort((a, b) => a.ratio - b.ratio);
const { bare, me } = rounds[1];

await eventLoopP99(); // resets the lag histogram
const signIns = await run({ url: `${origin}/auth/sign-in`, connections: 8, ...json({ email, password }) });
const lag = await eventLoopP99();
if (signIns.non2xx > 0) throw new Error(`sign-in answered ${signIns.non2xx} non-2xx`);

const cores = Number(process.env.BENCH_CORES ?? (await import('node:os')).availableParallelism());
const report = {
  bareRequestsPerSecond: Math.round(bare.requests.average),
  meRequestsPerSecond: Math.round(me.requests.average),
  meVsBare: +(me.requests.average / bare.requests.average).toFixed(2),
  signInsPerSecond: Math.round(signIns.requests.average),
  signInsPerSecondPerCore: +(signIns.requests.average / cores).toFixed(1),
  signInLatencyP99Ms: signIns.latency.p99,
  eventLoopDelayP99MsDuringSignIns: +lag.toFixed(1),
  cores,
  database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
};
console.log(JSON.stringify(report, null, 2));
console.log(`GET /auth/me at ${(report.meVsBare * 100).toFixed(0)}% of the bare route (target >= 50%); ` +
  `${report.signInsPerSecondPerCore} sign-ins/s per core (target >= 70) with event-loop p99 ${report.eventLoopDelayP99MsDuringSignIns} ms (target < 20).`);
stop();
process.exit(0);
