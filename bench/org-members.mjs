#!/usr/bin/env node
// Does the first page of an organization's member list cost the same for 100,000 members as for
// 100? One server process (node:http + Latch on embedded PGlite, or DATABASE_URL) seeds two
// organizations, then wrk measures, in interleaved rounds:
//   bare        GET /bare                                    a bare node:http route, same process
//   100 members GET /auth/orgs/<small>/members?limit=50      the owner's session cookie
//   100k        GET /auth/orgs/<big>/members?limit=50        the same, on the big organization
//   100k admins GET /auth/orgs/<big>/members?limit=50&role=admin   filtered to the 1 % who are admins
// It prints requests/second, p99 latency, each case's ratio to the bare route and the ratio
// 100k / 100 of the time per request (target: within 2×), with the database's plan of the list
// query as the API sent it. Timings are reported, never asserted.
//
// The organizations and their owner are created through the API (POST /orgs); the members are
// bulk-inserted with one INSERT … SELECT generate_series each, as a data load would, then ANALYZEd.
// The server runs pinned to core BENCH_SERVER_CPU (default 0) and wrk to BENCH_WRK_CPU (default 1)
// with `taskset`. Needs the SDK built (`npm run build -w @latch/server-sdk`) and Debian's `wrk`.
// Options: BENCH_SECONDS per measurement (default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
// (default 20), BENCH_BIG (default 100000), BENCH_SMALL (default 100). With DATABASE_URL the tables
// go to a schema of their own, dropped at the end.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const sdkDist = fileURLToPath(new URL('../packages/server-sdk/dist/index.js', import.meta.url));
const password = 'violet-harbor-engine-42';

if (process.argv[2] === '--server') await serve();
else await measure();

/** The server process: a bare route and Latch at /auth, with the two organizations seeded. */
async function serve() {
  const { createLatch, silentLogger } = await import('@latch/server-sdk');
  const { toNodeHandler } = await import('@latch/server-sdk/node');
  const big = Number(process.env.BENCH_BIG ?? 100_000);
  const small = Number(process.env.BENCH_SMALL ?? 100);
  const schema = process.env.DATABASE_URL ? `bench_org_${process.pid}` : undefined;
  let auth = null;
  const bareBody = JSON.stringify({ ok: true });
  const server = createServer((req, res) => {
    if (req.url === '/bare') {
      res.setHeader('content-type', 'application/json');
      res.end(bareBody);
    } else if (auth) {
      void auth(req, res);
    } else {
      res.statusCode = 503;
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const latch = await createLatch({
    publicUrl: origin,
    secret: 'bench-secret-that-is-long-enough-0123456789',
    database: process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, schema } : {},
    logger: silentLogger,
    rateLimit: { enabled: false },
    mail: { mailer: { kind: 'custom', send: async () => {} } },
  });
  auth = toNodeHandler(latch);

  const email = `owner.${Date.now()}@bench.example`;
  await latch.provisionUser({ email, displayName: 'Bench owner', password });
  const post = (path, payload, cookie) => fetch(origin + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(payload),
  });
  const signIn = await post('/auth/sign-in', { email, password });
  if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const createOrg = async (name) => {
    const res = await post('/auth/orgs', { name }, cookie);
    if (res.status !== 201) throw new Error(`POST /orgs answered ${res.status}: ${await res.text()}`);
    return (await res.json()).organization.id;
  };
  const bigId = await createOrg('Bench large');
  const smallId = await createOrg('Bench small');

  const started = Date.now();
  const { knex } = latch.database;
  // The owner is the first member of each.
  await seedMembers(knex, bigId, 'big', big - 1);
  await seedMembers(knex, smallId, 'small', small - 1);
  await knex.raw('analyze users');
  await knex.raw('analyze organization_members');
  const seedSeconds = (Date.now() - started) / 1000;
  const plan = await planOfMemberList(knex, `${origin}/auth/orgs/${bigId}/members?limit=50`, cookie);

  process.send({ origin, cookie, bigId, smallId, big, small, seedSeconds, plan });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    server.closeAllConnections();
    server.close();
    if (schema) await knex.raw('drop schema if exists ?? cascade', [schema]).catch(() => {});
    await latch.close();
    process.exit(0);
  });
}

/**
 * Adds `count` verified accounts and makes them members of the organization, in two statements.
 * Join times are one second apart (newest first on the list) and roles and kinds vary, as in a
 * real organization, so the list's order and its filters have something to sort through.
 */
async function seedMembers(knex, organizationId, label, count) {
  await knex.raw(`
    insert into users (email, email_normalized, display_name, email_verified_at, kind)
    select 'm' || g || '.${label}@bench.example', 'm' || g || '.${label}@bench.example', 'Member ' || g, now(), 'user'
    from generate_series(1, ?) as g`, [count]);
  await knex.raw(`
    insert into organization_members (organization_id, user_id, role, kind, joined_at)
    select ?, u.id,
      case when n % 100 = 0 then 'admin' when n % 10 = 0 then 'manager' else 'viewer' end,
      case when n % 3 = 0 then 'clinician' else 'employee' end,
      now() - make_interval(secs => n)
    from (select id, row_number() over (order by email_normalized) as n from users where email_normalized like ?) as u`,
  [organizationId, `%.${label}@bench.example`]);
}

/**
 * The database's plan of the member-list query as the API runs it (captured from knex while the
 * page is fetched once), so a run shows whether the index or a sort over every member serves it.
 */
async function planOfMemberList(knex, url, cookie) {
  let captured = null;
  const capture = (query) => {
    if (!captured && /from "organization_members"/.test(query.sql) && /order by/i.test(query.sql)) captured = query;
  };
  knex.on('query', capture);
  await (await fetch(url, { headers: { cookie } })).arrayBuffer();
  knex.off('query', capture);
  if (!captured) return ['(the member-list query was not seen)'];
  // knex reports PostgreSQL's $n placeholders; knex.raw binds ? in the same order.
  const result = await knex.raw(`explain ${captured.sql.replace(/\$\d+/g, '?')}`, captured.bindings);
  return result.rows.map((row) => row['QUERY PLAN']);
}

/** The measuring process: starts the server pinned to one core, runs wrk on another, prints the ratios. */
async function measure() {
  if (!existsSync(sdkDist)) {
    console.error('The SDK is not built: run `npm run build -w @latch/server-sdk` first.');
    process.exit(1);
  }
  for (const tool of ['wrk', 'taskset']) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); } catch {
      console.error(`${tool} is missing: apt-get install -y ${tool === 'wrk' ? 'wrk' : 'util-linux'}`);
      process.exit(1);
    }
  }
  const duration = Number(process.env.BENCH_SECONDS ?? 5);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
  const serverCpu = process.env.BENCH_SERVER_CPU ?? '0';
  const wrkCpu = process.env.BENCH_WRK_CPU ?? '1';

  // taskset execs node in place, so the IPC channel reaches the server process itself.
  const child = spawn('taskset', ['-a', '-c', serverCpu, process.execPath, fileURLToPath(import.meta.url), '--server'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const setup = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  child.removeAllListeners('exit');

  const membersPath = (id) => `/auth/orgs/${id}/members?limit=50`;
  for (const id of [setup.smallId, setup.bigId]) {
    const res = await fetch(setup.origin + membersPath(id), { headers: { cookie: setup.cookie } });
    const page = await res.json();
    if (res.status !== 200 || page.items?.length !== 50 || !page.nextCursor) {
      throw new Error(`${membersPath(id)} answered ${res.status} with ${page.items?.length} items`);
    }
  }
  const filtered = await (await fetch(`${setup.origin}${membersPath(setup.bigId)}&role=admin`, { headers: { cookie: setup.cookie } })).json();
  if (!filtered.items?.length || filtered.items.some((m) => m.role !== 'admin')) throw new Error('the role filter did not answer admins only');

  const cases = [
    ['bare', '/bare', false],
    [`${setup.small} members`, membersPath(setup.smallId), true],
    [`${setup.big} members`, membersPath(setup.bigId), true],
    // Reported, not part of the target: a filter on a role 1 % of the members hold.
    [`${setup.big}, admins`, `${membersPath(setup.bigId)}&role=admin`, true],
  ];
  const run = (path, withCookie, seconds = duration) => wrk(setup.origin + path, withCookie ? setup.cookie : null, { seconds, connections, cpu: wrkCpu });
  // Warm every path (JIT, caches, the database's buffers), then measure in interleaved rounds and
  // keep each case's median, so drift in machine load hits every case alike.
  for (const [, path, withCookie] of cases) run(path, withCookie, 2);
  const samples = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < cases.length; i++) samples[i].push(run(cases[i][1], cases[i][2]));
  }
  child.send('stop');

  const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results = cases.map(([name], i) => ({
    name,
    rps: median(samples[i].map((s) => s.rps)),
    p99: median(samples[i].map((s) => s.p99Ms)),
    failed: samples[i].reduce((n, s) => n + s.failed, 0),
  }));
  const [bare, smallOrg, bigOrg, bigFiltered] = results;
  const ratio = smallOrg.rps / bigOrg.rps;
  const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\nGET /orgs/:id/members?limit=50, first page (${database}; seeded ${setup.big + setup.small - 2} members in ${setup.seedSeconds.toFixed(1)} s;`);
  console.log(`server on cpu ${serverCpu}, wrk on cpu ${wrkCpu}, ${connections} connections, median of ${rounds} rounds of ${duration} s)`);
  console.log('case                 req/s    p99 ms   ratio to bare   failed');
  for (const r of results) {
    console.log(`${r.name.padEnd(18)} ${r.rps.toFixed(0).padStart(7)}   ${r.p99.toFixed(2).padStart(7)}   ${(r.rps / bare.rps).toFixed(3).padStart(13)}   ${String(r.failed).padStart(6)}`);
  }
  console.log(`\nplan of the ${setup.big}-member list query:\n  ${setup.plan.join('\n  ')}`);
  console.log(`\ntime per request, ${setup.big} / ${setup.small} members: ${ratio.toFixed(2)}× (target within 2×)`);
  if (results.some((r) => r.failed > 0)) console.log('Some requests failed: the ratios are not meaningful.');
  console.log(JSON.stringify({ database, bareRps: Math.round(bare.rps), smallRps: Math.round(smallOrg.rps), bigRps: Math.round(bigOrg.rps), bigAdminsRps: Math.round(bigFiltered.rps), bigVsSmallTime: +ratio.toFixed(3) }));
}

/** One wrk run pinned to a core: requests per second, p99 latency and failed requests. */
function wrk(url, cookie, { seconds, connections, cpu }) {
  // A slow answer on a busy machine is a slow answer, not a failure: wrk's default timeout is 2 s.
  const args = ['-c', cpu, 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency'];
  if (cookie) args.push('-H', `cookie: ${cookie}`);
  args.push(url);
  const out = execFileSync('taskset', args, { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\b/m.exec(out);
  const p99Ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const failed = non2xx + (socketErrors ? socketErrors.slice(1).reduce((n, v) => n + Number(v), 0) : 0);
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk's output:\n${out}`);
  return { rps, p99Ms, failed };
}
