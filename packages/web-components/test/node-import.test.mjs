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
  assert.equal(typeof lib.registerTranslation, 'function');
});

test('the define modules import in Node without throwing', async () => {
  await import('@latch/web-components/define.js');
  await import('@latch/web-components/components/login-form/login-form.define.js');
  const registry = globalThis.customElements;
  if (registry) assert.equal(typeof registry.get('latch-login-form'), 'function');
});

test('the shipped languages register themselves and have every string English has', async () => {
  const lib = await import('@latch/web-components');
  const { en } = await import('@latch/web-components/locales/en.js');
  assert.equal(lib.pickLang('fr-CA'), 'en', 'French is not built in');
  const shipped = [(await import('@latch/web-components/locales/fr.js')).fr, (await import('@latch/web-components/locales/de.js')).de];
  assert.equal(lib.pickLang('fr-CA'), 'fr');
  assert.equal(lib.pickLang('de-AT'), 'de');
  assert.equal(lib.pickLang('tlh'), 'en');
  assert.deepEqual(lib.languageChain('de-CH-x-phonebk'), ['de-ch-x-phonebk', 'de-ch', 'de', 'en']);
  const keys = (o) => Object.keys(o ?? {}).sort().join(',');
  for (const translation of shipped) {
    for (const area of ['common', 'signIn', 'account', 'settings']) {
      const [mine, english] = [translation[area], en[area]];
      assert.equal(keys(mine), keys(english), `${translation.code}.${area}`);
      for (const [key, value] of Object.entries(english)) {
        assert.equal(typeof mine[key], typeof value, `${translation.code}.${area}.${key}`);
        if (typeof value === 'function') assert.equal(mine[key].length, value.length, `${translation.code}.${area}.${key} arity`);
        else if (typeof value === 'object') assert.equal(keys(mine[key]), keys(value), `${translation.code}.${area}.${key}`);
      }
    }
  }
  assert.equal(lib.lookupTranslation('de-AT').settings.backupRemaining(1), 'Noch 1 unbenutzter Code.');
});

test('a host registers a language in part, and overrides single strings of a shipped one', async () => {
  const lib = await import('@latch/web-components');
  lib.registerTranslation({ code: 'nl', signIn: { title: 'Inloggen' }, common: { problems: { invalid_code: 'Die code klopt niet.' } } });
  const nl = lib.lookupTranslation('nl-BE');
  assert.equal(nl.code, 'nl');
  assert.equal(nl.signIn.title, 'Inloggen');
  assert.equal(nl.signIn.submit, 'Sign in', 'the rest falls back to English');
  assert.equal(nl.common.problems.invalid_code, 'Die code klopt niet.');
  assert.equal(nl.common.problems.rate_limited, 'Too many attempts. Please wait a moment and try again.');
  assert.ok(lib.registeredLanguages().includes('nl'));

  // A page override wins over the shipped strings even when the language module loads later.
  lib.registerTranslation({ code: 'de', signIn: { title: 'Einloggen' } });
  lib.registerTranslation((await import('@latch/web-components/locales/de.js')).de, { base: true });
  assert.equal(lib.lookupTranslation('de').signIn.title, 'Einloggen');
  assert.equal(lib.lookupTranslation('de').signIn.submit, 'Anmelden');
  assert.throws(() => lib.registerTranslation({ code: 'not a tag' }), TypeError);
  assert.throws(() => lib.registerTranslation({ code: 'de-x' }), TypeError);
  lib.registerTranslation({ code: 'pt_BR', common: { cancel: 'Cancelar' } });
  assert.equal(lib.pickLang('pt-br'), 'pt-BR');
  assert.ok(lib.registeredLanguages().includes('pt-BR'));
});
