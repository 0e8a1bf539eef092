import { html } from 'lit';
import type { LatchSshKeysPanel } from './ssh-keys-panel.js';
import {
  activeElement, advanceClock, all, api, button, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, signedInUser, signOut, sshKey, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

describe('latch-ssh-keys-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('hides itself and asks for no keys on a server without the SSH-keys feature', async () => {
    await signedInUser();
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => requests.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource' });
    try {
      const el = await fixture<LatchSshKeysPanel>(html`<latch-ssh-keys-panel base-url="/auth-no-ssh"></latch-ssh-keys-panel>`);
      await waitFor(() => el.hidden, 'the panel to hide');
      equal(el.getBoundingClientRect().height, 0, 'takes no room');
      equal(requests.filter((url) => url.includes('/auth-no-ssh/me/ssh-keys')).length, 0, 'no request to the missing routes');
    } finally {
      observer.disconnect();
    }
  });

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

  it('asks for the password before adding a key when the sign-in is old', async () => {
    const user = await signedInUser();
    await advanceClock(600);
    const key = await sshKey('grace@desktop');
    const el = await fixture<LatchSshKeysPanel>(html`<latch-ssh-keys-panel></latch-ssh-keys-panel>`);
    await waitFor(() => deep(el, '#publicKey'), 'loaded');
    await type(deep(el, '#name'), 'Desktop');
    await type(deep(el, '#publicKey'), key.publicKey);
    submit(deep<HTMLInputElement>(el, '#name')!.form);
    let dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt');
    equal(activeElement(), deep(el, '#reauth-password'));
    await expectAccessible(el);

    button(dialog, 'Cancel').click();
    await waitFor(() => !dialog.open, 'cancel closes the prompt');
    equal(statusText(el), '');
    equal(errorText(el), '');
    equal(all(el, '[part=item]').length, 0);
    equal((await api.get('/me/ssh-keys')).items.length, 0);

    submit(deep<HTMLInputElement>(el, '#name')!.form);
    dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt again');
    await type(deep(el, '#reauth-password'), user.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => statusText(el) === 'Key added.', 'added');
    equal(dialog.open, false);
    equal(deep(el, '[part=fingerprint]')!.textContent, key.fingerprint);
  });
});
