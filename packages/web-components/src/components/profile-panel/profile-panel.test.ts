import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import type { LatchProfilePanel } from './profile-panel.js';
import {
  activeElement, advanceClock, api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, signedInUser, signOut, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

describe('latch-profile-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('asks to sign in when nobody is', async () => {
    const el = await fixture<LatchProfilePanel>(html`<latch-profile-panel></latch-profile-panel>`);
    await waitFor(() => deep(el, 'a[href="/sign-in"]'), 'sign-in link');
    await expectAccessible(el);
  });

  it('renames the person', async () => {
    const user = await signedInUser();
    const el = await fixture<LatchProfilePanel>(html`<latch-profile-panel></latch-profile-panel>`);
    await waitFor(() => deep(el, '#displayName'), 'form');
    equal(deep<HTMLInputElement>(el, '#displayName')!.value, user.displayName);
    includes(deep(el, '[part=email]')!.textContent, user.email);
    await expectAccessible(el);
    await type(deep(el, '#displayName'), 'Katherine Johnson');
    submit(deep<HTMLInputElement>(el, '#displayName')!.form);
    await waitFor(() => statusText(el) === 'Saved.', 'saved');
    equal((await api.me())?.user.displayName, 'Katherine Johnson');
  });

  it('asks for the password before a login-email change when the sign-in is old', async () => {
    const user = await signedInUser();
    await advanceClock(600);
    const el = await fixture<LatchProfilePanel>(html`<latch-profile-panel></latch-profile-panel>`);
    await waitFor(() => deep(el, '#newEmail'), 'form');
    const newEmail = `moved.${Date.now()}@example.com`;
    await type(deep(el, '#newEmail'), newEmail);
    submit(deep<HTMLInputElement>(el, '#newEmail')!.form);
    let dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt');
    await expectAccessible(el);
    equal(activeElement(), deep(el, '#reauth-password'));
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !dialog.open, 'Escape closes the prompt');
    await waitFor(() => activeElement() === deep(el, '#newEmail'), 'focus back where it was');
    equal(statusText(el), '');
    submit(deep<HTMLInputElement>(el, '#newEmail')!.form);
    dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt again');
    equal(deep(el, '#reauth-password')!.getAttribute('autocomplete'), 'current-password');
    await type(deep(el, '#reauth-password'), 'wrong-password');
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => dialog.querySelector('[role=alert]')?.textContent?.trim(), 'wrong password said');
    equal(dialog.querySelector('[role=alert]')!.textContent!.trim(), 'The password is not correct.');
    await type(deep(el, '#reauth-password'), user.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => statusText(el).includes(newEmail), 'sent');
    equal(dialog.open, false);
    equal(errorText(el), '');
    await mailTo(newEmail, '/confirm-email?token=');
  });
});
