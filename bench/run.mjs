#!/usr/bin/env node
// Runs the benchmarks (`npm run bench`, or `npm run bench -- org-members require-auth` for some of
// them; `--list` names them). Each prints its own figures as ratios to a baseline measured in the
// same run; none asserts a duration. Build first: `npm run build` (the SDK for most, the reference
// server for `auth`, the components for `bundle-size`). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Every benchmark: its script and what it measures. */
const benches = [
  { name: 'auth', file: 'auth.mjs', what: 'reference server: GET /auth/me vs /healthz, sign-ins per second and event-loop delay' },
  { name: 'require-auth', file: 'require-auth.mjs', what: 'requireAuth (cookie, JWT, API key) vs a bare node:http route' },
  { name: 'org-members', file: 'org-members.mjs', what: 'first page of GET /orgs/:id/members for 100,000 vs 100 members (wrk, pinned cores)' },
  { name: 'forgot-password-timing', file: 'forgot-password-timing.mjs', what: 'POST /password/forgot time for a known vs an unknown address' },
  { name: 'bundle-size', file: 'bundle-size.mjs', what: 'gzipped component bundles against their budgets' },
];

const args = process.argv.slice(2);
if (args.includes('--list')) {
  for (const b of benches) console.log(`${b.name.padEnd(24)} ${b.what}`);
  process.exit(0);
}
const unknown = args.filter((name) => !benches.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; one of: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = args.length > 0 ? benches.filter((b) => args.includes(b.name)) : benches;
let failed = 0;
for (const b of selected) {
  console.log(`\n== ${b.name}: ${b.what}`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(b.file, import.meta.url))], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
