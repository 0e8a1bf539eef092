import { html } from 'lit';
import type { LatchSshKeysPanel } from './ssh-keys-panel.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, signedInUser, signOut, sshKey, statusText, submit, type, waitFor } from '../../../test/helpers.js';

describe('latch-ssh-keys-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('adds a pasted key with its type and SHA256 fingerprint, refuses garbage, and deletes', async () => {
    await signedInUser();
    const key = await sshKey('ada@laptop');
    const el = await fixture<LatchSshKeysPanel>(html`<latch-ssh-keys-panel></latch-ssh-keys-panel>`);
    await waitFor(() => deep(el, '#publicKey'), 'loaded');
    await expectAccessible(el);

    await type(deep(el, '#name'), 'Laptop');
    await type(deep(el, '#publicKey'), 'ssh-ed25519 not-a-key');
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await waitFor(() => deep(el, '#publicKey')?.getAttribute('aria-invalid') === 'true', 'refused');
    includes(errorText(el), 'not an accepted SSH public key');

    await type(deep(el, '#publicKey'), key.publicKey);
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await waitFor(() => statusText(el) === 'Key added.', 'added');
    equal(deep(el, '[part=fingerprint]')!.textContent, key.fingerprint);
    includes(deep(el, '[part=item]')!.textContent, 'ssh-ed25519');
    await expectAccessible(el);

    await type(deep(el, '#name'), 'Again');
    await type(deep(el, '#publicKey'), key.publicKey);
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    await waitFor(() => errorText(el).includes('already been added'), 'duplicate');

    deep<HTMLButtonElement>(el, '[part=delete-button]')!.click();
    await waitFor(() => statusText(el) === 'Key deleted.', 'deleted');
    equal((await api.get('/me/ssh-keys')).items.length, 0);
  });
});
