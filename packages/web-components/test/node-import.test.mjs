// Importing the package in Node (server rendering, tests, SSR frameworks) must not throw: class
// modules touch no DOM at import time and the define modules skip registration when there is no
// custom element registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the package entry imports in Node and exports the classes', async () => {
  const lib = await import('@latch/web-components');
  assert.equal(typeof lib.LatchLoginForm, 'function');
  assert.equal(typeof lib.LatchSecuritySettings, 'function');
  assert.equal(typeof lib.LatchClient, 'function');
  assert.equal(new lib.LatchClient().baseUrl, '/auth');
  assert.equal(lib.pickLang('fr-CA'), 'fr');
});

test('the define modules import in Node without throwing', async () => {
  await import('@latch/web-components/define.js');
  await import('@latch/web-components/components/login-form/login-form.define.js');
  const registry = globalThis.customElements;
  if (registry) assert.equal(typeof registry.get('latch-login-form'), 'function');
});

test('every locale table has the same keys as English', async () => {
  const lib = await import('@latch/web-components');
  for (const table of [lib.commonStrings, lib.signInStrings, lib.accountStrings, lib.settingsStrings]) {
    const keys = (o) => Object.keys(o).sort().join(',');
    assert.equal(keys(table.fr), keys(table.en));
    assert.equal(keys(table.fr.problems ?? {}), keys(table.en.problems ?? {}));
    assert.equal(keys(table.fr.activity ?? {}), keys(table.en.activity ?? {}));
  }
});
