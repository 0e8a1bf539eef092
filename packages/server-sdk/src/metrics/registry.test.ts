import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MetricsRegistry } from './registry.js';

describe('metrics registry', () => {
  it('renders counters, gauges and cumulative histograms in Prometheus text', async () => {
    const registry = new MetricsRegistry();
    const deliveries = registry.counter({ name: 'app_deliveries_total', help: 'Deliveries by outcome', labelNames: ['outcome'] });
    deliveries.inc({ outcome: 'ok' });
    deliveries.inc({ outcome: 'ok' }, 2);
    deliveries.inc({ outcome: 'failed' });
    let backlog = 7;
    registry.gauge({ name: 'app_backlog', help: 'Waiting deliveries', collect: async () => backlog });
    const latency = registry.histogram({ name: 'app_latency_seconds', help: 'Latency', labelNames: ['route'], buckets: [0.1, 1] });
    latency.observe({ route: '/a' }, 0.05);
    latency.observe({ route: '/a' }, 0.5);
    latency.observe({ route: '/a' }, 5);
    backlog = 3;
    assert.equal(await registry.render(), [
      '# HELP app_deliveries_total Deliveries by outcome',
      '# TYPE app_deliveries_total counter',
      'app_deliveries_total{outcome="ok"} 3',
      'app_deliveries_total{outcome="failed"} 1',
      '# HELP app_backlog Waiting deliveries',
      '# TYPE app_backlog gauge',
      'app_backlog 3',
      '# HELP app_latency_seconds Latency',
      '# TYPE app_latency_seconds histogram',
      'app_latency_seconds_bucket{route="/a",le="0.1"} 1',
      'app_latency_seconds_bucket{route="/a",le="1"} 2',
      'app_latency_seconds_bucket{route="/a",le="+Inf"} 3',
      'app_latency_seconds_sum{route="/a"} 5.55',
      'app_latency_seconds_count{route="/a"} 3',
      '',
    ].join('\n'));
  });

  it('escapes help and label values, and shows an unlabelled counter at 0 before its first change', async () => {
    const registry = new MetricsRegistry();
    registry.counter({ name: 'a_total', help: 'line\\one\ntwo' });
    registry.gauge<'path'>({ name: 'b', help: 'b', labelNames: ['path'] }).set({ path: 'say "hi"\\\n' }, -1.5);
    assert.equal(await registry.render(), '# HELP a_total line\\\\one\\ntwo\n# TYPE a_total counter\na_total 0\n# HELP b b\n# TYPE b gauge\nb{path="say \\"hi\\"\\\\\\n"} -1.5\n');
  });

  it('refuses what promtool would flag or Prometheus would misread', () => {
    const registry = new MetricsRegistry();
    assert.throws(() => registry.counter({ name: 'app_deliveries', help: 'x' }), /counter names end in _total/);
    assert.throws(() => registry.gauge({ name: 'app_queued_total', help: 'x' }), /only counters end in _total/);
    assert.throws(() => registry.gauge({ name: 'app-queue', help: 'x' }), /not \[a-zA-Z_:\]/);
    assert.throws(() => registry.gauge({ name: 'app_queue', help: ' ' }), /help text is required/);
    assert.throws(() => registry.histogram({ name: 'app_size_count', help: 'x', buckets: [1] }), /suffixes are added/);
    assert.throws(() => registry.histogram({ name: 'app_size', help: 'x', labelNames: ['le'], buckets: [1] }), /reserved/);
    assert.throws(() => registry.histogram({ name: 'app_size', help: 'x', buckets: [2, 1] }), /ascending/);
    registry.gauge({ name: 'app_queue', help: 'x' });
    assert.throws(() => registry.gauge({ name: 'app_queue', help: 'x' }), /registered twice/);
    const counter = registry.counter<'kind'>({ name: 'app_events_total', help: 'x', labelNames: ['kind'] });
    assert.throws(() => counter.inc({ kind: 'a' }, -1), /cannot go down/);
    assert.throws(() => counter.inc({ other: 'a' } as never), /unknown label "other"/);
  });
});
