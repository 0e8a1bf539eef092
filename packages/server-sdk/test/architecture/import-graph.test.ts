import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { cycles, readImports, unitGraph } from './import-graph.js';

const source = fileURLToPath(new URL('../../src', import.meta.url));
const graph = unitGraph(readImports(source));

/** Feature folders: each owns its routes, services, stores, migrations and settings, and can be left out. */
const features = ['two-factor/', 'api-keys/', 'ssh-keys/', 'tokens/', 'admin/', 'webhooks/', 'organizations/'];
/** Folders that provide services to features (storage may import none of them). */
const services = ['accounts/', 'sessions/', 'mail/', 'audit/', 'events/', 'rate-limit/', 'captcha/', 'core/', 'http/', 'adapters/', 'cache/', 'passwords/', ...features];

const edgesFrom = (unit: string) => [...(graph.get(unit) ?? new Map<string, string>())];

describe('the import graph of server-sdk/src', () => {
  it('has no cycle between folders (root files count one by one)', () => {
    assert.deepEqual(cycles(graph), [], 'each group imports itself round a loop');
  });

  it('has no feature folder importing another feature folder', () => {
    const crossings = features.flatMap((feature) => edgesFrom(feature).filter(([to]) => features.includes(to) && to !== feature).map(([, via]) => via));
    assert.deepEqual(crossings, []);
  });

  it('has http/ importing no feature, nor the account flows', () => {
    const crossings = edgesFrom('http/').filter(([to]) => features.includes(to) || to === 'accounts/').map(([, via]) => via);
    assert.deepEqual(crossings, []);
  });

  it('has storage/ importing no service', () => {
    const crossings = edgesFrom('storage/').filter(([to]) => services.includes(to)).map(([, via]) => via);
    assert.deepEqual(crossings, []);
  });

  it('has nothing but the entry points import the composition root (latch.ts)', () => {
    const importers = [...graph].filter(([, edges]) => edges.has('latch.ts')).map(([from]) => from).sort();
    assert.deepEqual(importers, ['index.ts', 'testing/']);
  });

  it('has nothing but the entry points import the composed configuration (config.ts)', () => {
    const importers = [...graph].filter(([, edges]) => edges.has('config.ts')).map(([from]) => from);
    assert.deepEqual(importers.filter((from) => !['latch.ts', 'index.ts', 'testing/'].includes(from)), [], 'others import core/config.ts or their feature\'s config.ts');
  });

  it('sees the real imports (the reader is not blind)', () => {
    assert.ok(edgesFrom('latch.ts').some(([to]) => to === 'core/'), 'latch.ts imports core/');
    assert.ok(edgesFrom('two-factor/').some(([to]) => to === 'core/'), 'two-factor/ imports core/');
  });
});
