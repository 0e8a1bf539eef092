#!/usr/bin/env node
// Gzipped sizes of the two CDN bundles of @latch/web-components (Lit included) against their
// budgets. Build first (`npm run build -w @latch/web-components`). Exits 1 when a bundle is over.
// `--json` prints the figures as JSON.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../packages/web-components/dist/cdn/', import.meta.url));
const bundles = [
  { name: 'login-form.js', what: '<latch-login-form> alone', budget: 15 * 1000 },
  { name: 'latch.js', what: 'whole library', budget: 55 * 1000 },
];

const rows = bundles.map((b) => {
  const path = dist + b.name;
  if (!existsSync(path)) throw new Error(`${path} is missing: run the web-components build first`);
  const raw = readFileSync(path);
  const gzip = gzipSync(raw, { level: 9 }).length;
  return { ...b, raw: raw.length, gzip, ok: gzip <= b.budget };
});

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows.map(({ name, raw, gzip, budget, ok }) => ({ name, raw, gzip, budget, ok })), null, 2));
} else {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  console.log('bundle            contents                   minified   gzipped   budget    ');
  for (const r of rows) {
    console.log(`${r.name.padEnd(18)}${r.what.padEnd(27)}${kb(r.raw).padStart(9)}${kb(r.gzip).padStart(10)}${kb(r.budget).padStart(9)}  ${r.ok ? 'ok' : 'OVER BUDGET'}`);
  }
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
