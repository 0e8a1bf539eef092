import { html } from 'lit';
import type { LatchPasskeysPanel } from './passkeys-panel.js';
import { addVirtualAuthenticator, api, button, cleanup, deep, equal, expectAccessible, fixture, signedInUser, signOut, statusText, submit, type, waitFor } from '../../../test/helpers.js';

describe('latch-passkeys-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('adds, renames and removes a passkey', async () => {
    await addVirtualAuthenticator();
    await signedInUser();
    const el = await fixture<LatchPasskeysPanel>(html`<latch-passkeys-panel></latch-passkeys-panel>`);
    await waitFor(() => deep(el, '#name'), 'loaded');
    await expectAccessible(el);
    await type(deep(el, '#name'), 'Work laptop');
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await waitFor(() => statusText(el) === 'Passkey added.', 'added');
    equal(deep(el, '[part=item] strong')!.textContent, 'Work laptop');
    equal((await api.me())?.twoFactor.passkeys, 1);
    await expectAccessible(el);

    button(el, 'Rename').click();
    await waitFor(() => deep(el, '#rename'), 'rename form');
    await type(deep(el, '#rename'), 'Old laptop');
    submit(deep<HTMLInputElement>(el, '#rename')!.form);
    await waitFor(() => deep(el, '[part=item] strong')?.textContent === 'Old laptop', 'renamed');

    button(el, 'Remove').click();
    await waitFor(() => statusText(el) === 'Passkey removed.', 'removed');
    equal((await api.get('/me/passkeys')).items.length, 0);
  });
});
