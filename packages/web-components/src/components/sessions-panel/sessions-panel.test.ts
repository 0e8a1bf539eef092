import { html } from 'lit';
import type { LatchSessionsPanel } from './sessions-panel.js';
import {
  activeElement, advanceClock, all, api, button, cleanup, deep, equal, expectAccessible, fixture, includes, otherSession, signedInUser, signOut, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

describe('latch-sessions-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('marks this device, signs out another session, then every other one', async () => {
    const user = await signedInUser();
    await otherSession(user.email);
    await otherSession(user.email);
    const el = await fixture<LatchSessionsPanel>(html`<latch-sessions-panel></latch-sessions-panel>`);
    // The verification link signed in once too: four sessions.
    await waitFor(() => all(el, '[part=item]').length === 4, 'four sessions');
    await expectAccessible(el);
    const items = all(el, '[part=item]');
    includes(items[0]!.textContent, 'This device');
    includes(items[1]!.textContent, 'Firefox');
    equal(all(el, '[part=current-badge]').length, 1);

    items[1]!.querySelector('button')!.click();
    await waitFor(() => statusText(el) === 'That session was signed out.', 'revoked');
    equal(all(el, '[part=item]').length, 3);

    button(el, 'Sign out everywhere else').click();
    await waitFor(() => statusText(el) === 'Every other session was signed out.', 'others revoked');
    equal(all(el, '[part=item]').length, 1);
    equal((await api.get('/me/sessions')).items.length, 1);
  });

  it('asks for the password before signing every other session out when the sign-in is old', async () => {
    const user = await signedInUser();
    await otherSession(user.email);
    await advanceClock(600);
    const el = await fixture<LatchSessionsPanel>(html`<latch-sessions-panel></latch-sessions-panel>`);
    await waitFor(() => all(el, '[part=item]').length === 3, 'three sessions');
    const others = button(el, 'Sign out everywhere else');
    others.focus();
    others.click();
    const dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt');
    equal(activeElement(), deep(el, '#reauth-password'));
    await expectAccessible(el);

    button(dialog, 'Cancel').click();
    await waitFor(() => !dialog.open, 'cancel closes the prompt');
    await waitFor(() => activeElement() === others, 'focus back on the button');
    equal(statusText(el), '');
    equal((await api.get('/me/sessions')).items.length, 3);

    others.click();
    await waitFor(() => dialog.open, 'password prompt again');
    await type(deep(el, '#reauth-password'), user.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => statusText(el) === 'Every other session was signed out.', 'others revoked');
    equal(dialog.open, false);
    equal(all(el, '[part=item]').length, 1);
    equal((await api.get('/me/sessions')).items.length, 1);
  });
});
