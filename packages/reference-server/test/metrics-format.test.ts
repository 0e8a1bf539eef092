import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestReferenceServer } from './helpers.js';

/** Whether Prometheus's own checker is installed (Debian: `apt-get install prometheus`). */
const promtool = spawnSync('promtool', ['--version']).status === 0;

/**
 * A strict reading of the text format (0.0.4) for the `latch_` families: HELP and TYPE before the
 * samples, each sample belonging to its declared family, counters (only) named `_total`, no series
 * twice, histogram buckets cumulative up to `+Inf` = `_count`. Returns the problems found.
 */
function lintLatchFamilies(text: string): string[] {
  const problems: string[] = [];
  const families = new Map<string, { help: boolean; type?: string; series: Set<string> }>();
  const buckets = new Map<string, number[]>();
  const counts = new Map<string, number>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      const family = families.get(name!) ?? { help: false, series: new Set<string>() };
      families.set(name!, family);
      current = name;
      if (kind === 'HELP') {
        if (family.help) problems.push(`${name}: HELP twice`);
        if (!rest!.trim()) problems.push(`${name}: empty HELP`);
        family.help = true;
      } else {
        if (family.type) problems.push(`${name}: TYPE twice`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest!)) problems.push(`${name}: bad TYPE "${rest}"`);
        if (family.series.size) problems.push(`${name}: TYPE after samples`);
        family.type = rest;
      }
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)( -?\d+)?$/.exec(line);
    if (!sample) {
      problems.push(`unparsable line: ${line}`);
      continue;
    }
    const [, name, labels = '', value] = sample;
    if (!name!.startsWith('latch_')) continue;
    const family = current ? families.get(current) : undefined;
    const base = family?.type === 'histogram' ? name!.replace(/_(bucket|sum|count)$/, '') : name;
    if (!family || base !== current) {
      problems.push(`${name}: sample outside its family's block (in ${current})`);
      continue;
    }
    if (!family.help || !family.type) problems.push(`${name}: sample before HELP and TYPE`);
    if (family.series.has(name + labels)) problems.push(`${name}${labels}: series twice`);
    family.series.add(name + labels);
    if (name!.endsWith('_bucket')) {
      const key = current + labels.replace(/,?le="[^"]*"/, '');
      buckets.set(key, [...(buckets.get(key) ?? []), Number(value === '+Inf' ? Infinity : value)]);
      if (labels.includes('le="+Inf"')) counts.set(key, Number(value));
    }
    if (name!.endsWith('_count') && family.type === 'histogram') {
      const key = current + labels;
      if (counts.get(key) !== Number(value)) problems.push(`${name}${labels}: _count ${value} is not the +Inf bucket ${counts.get(key)}`);
    }
  }
  for (const [key, values] of buckets) {
    if (values.some((v, i) => i > 0 && v < values[i - 1]!)) problems.push(`${key}: buckets are not cumulative`);
  }
  for (const [name, family] of families) {
    if (!name.startsWith('latch_')) continue;
    if (family.type === 'counter' && !name.endsWith('_total')) problems.push(`${name}: a counter without _total`);
    if (family.type !== 'counter' && name.endsWith('_total')) problems.push(`${name}: a ${family.type} named _total`);
  }
  return problems;
}

describe('/metrics text', () => {
  let s: TestReferenceServer;
  let text: string;
  before(async () => {
    s = await startTestServer('pglite');
    const post = (path: string, body: unknown) => fetch(`${s.url}/auth${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' }, body: JSON.stringify(body) });
    await post('/sign-in', { email: 'nobody@example.com', password: 'wrong-password-here' });
    await post('/sign-in', { email: 'not-an-email' });
    await fetch(`${s.url}/auth/me`);
    text = await (await fetch(`${s.url}/metrics`)).text();
  });
  after(() => s.close());

  it('declares every Latch family once, with counters (and only counters) named _total', () => {
    assert.deepEqual(lintLatchFamilies(text), []);
    for (const family of ['latch_http_requests_total', 'latch_sign_ins_total', 'latch_emails_queued_total', 'latch_emails_sent_total', 'latch_emails_failed_total', 'latch_emails_retried_total']) {
      assert.match(text, new RegExp(`^# TYPE ${family} counter$`, 'm'));
    }
    assert.match(text, /^# TYPE latch_http_request_duration_seconds histogram$/m);
    assert.match(text, /^latch_sign_ins_total\{step="password",outcome="invalid_request"\} 1$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m, 'the process metrics are still there');
  });

  it('the linter catches the mistakes it is for', () => {
    assert.deepEqual(lintLatchFamilies('# HELP latch_x_total x\n# TYPE latch_x_total gauge\nlatch_x_total 1\n'), ['latch_x_total: a gauge named _total']);
    assert.deepEqual(lintLatchFamilies('# HELP latch_y y\n# TYPE latch_y counter\nlatch_y 1\nlatch_y 2\n'), ['latch_y: series twice', 'latch_y: a counter without _total']);
  });

  it('passes promtool check metrics', { skip: !promtool && 'promtool is not installed (apt-get install prometheus)' }, () => {
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  });
});
