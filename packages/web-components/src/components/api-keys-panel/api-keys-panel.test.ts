import { html } from 'lit';
import type { LatchApiKeysPanel } from './api-keys-panel.js';
import { activeElement, all, api, assert, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, signedInUser, signOut, statusText, submit, type, waitFor } from '../../../test/helpers.js';

describe('latch-api-keys-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('creates a key, shows its secret once, lists it and revokes it', async () => {
    await signedInUser();
    const el = await fixture<LatchApiKeysPanel>(html`<latch-api-keys-panel></latch-api-keys-panel>`);
    await waitFor(() => deep(el, '#name'), 'loaded');
    await expectAccessible(el);
    equal(all<HTMLInputElement>(el, 'input[name=scopes]').map((i) => i.value).join(','), 'read,write,ssh:read');

    await type(deep(el, '#name'), 'CI deploys');
    all<HTMLInputElement>(el, 'input[name=scopes]')[2]!.click();
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    const secret = await waitFor(() => deep(el, '[part=secret]')?.textContent, 'secret');
    assert(secret.startsWith('latch_'), `an API key, got ${secret}`);
    await waitFor(() => activeElement() === deep(el, '#secret-intro'), 'focus on the secret');
    await expectAccessible(el);
    includes(deep(el, '[part=item]')!.textContent, 'CI deploys');
    includes(deep(el, '[part=item]')!.textContent, 'read, ssh:read');

    const response = await fetch('/auth/me', { headers: { authorization: `Bearer ${secret}` }, credentials: 'omit' });
    equal(response.status, 200);

    all<HTMLButtonElement>(el, 'button').find((b) => b.textContent === 'Done')!.click();
    await el.updateComplete;
    equal(deep(el, '[part=secret]'), null);

    deep<HTMLButtonElement>(el, '[part=revoke-button]')!.click();
    await waitFor(() => statusText(el) === 'Key revoked.', 'revoked');
    equal((await api.get('/me/api-keys')).items.length, 0);
  });

  it('names the missing scope and the limit', async () => {
    await signedInUser();
    for (const name of ['one', 'two', 'three']) await api.post('/me/api-keys', { name, scopes: ['read'] });
    const el = await fixture<LatchApiKeysPanel>(html`<latch-api-keys-panel></latch-api-keys-panel>`);
    await waitFor(() => deep(el, '#name'), 'loaded');
    await type(deep(el, '#name'), 'four');
    all<HTMLInputElement>(el, 'input[name=scopes]')[0]!.click();
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await el.updateComplete;
    equal(errorText(el), 'Choose at least one scope.');
    all<HTMLInputElement>(el, 'input[name=scopes]')[0]!.click();
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await waitFor(() => errorText(el).includes('limit'), 'limit');
  });
});
