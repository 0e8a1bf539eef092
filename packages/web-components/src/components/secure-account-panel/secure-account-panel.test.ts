import { html } from 'lit';
import type { LatchSecuritySettings } from '../security-settings/security-settings.js';
import type { LatchSecureAccountPanel } from './secure-account-panel.js';
import type { LatchLoginForm } from '../login-form/login-form.js';
import {
  activeElement, advanceClock, all, api, button, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, otherSession,
  signedInUser, signOut, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

const strongNewPassword = 'juniper-quartz-lantern-58';

describe('latch-secure-account-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('says what will happen, secures the account, then leads to two-step verification', async () => {
    const user = await signedInUser();
    await otherSession(user.email);
    await api.post('/me/api-keys', { name: 'deploy', scopes: ['read'] });
    const settings = await fixture<LatchSecuritySettings>(html`<latch-security-settings panels="two-factor secure-account"></latch-security-settings>`);
    const panel = await waitFor(() => deep<LatchSecureAccountPanel>(settings, '#secure-account'), 'the panel');
    await waitFor(() => deep(panel, '[part~="start-button"]'), 'the start button');
    await expectAccessible(settings);

    button(panel, 'Secure my account…').click();
    const confirmation = await waitFor(() => deep(panel, '[part~="confirmation"]'), 'the confirmation');
    equal(activeElement(), deep(panel, '#will-title'), 'focus on what will happen');
    for (const words of ['Sign out every other session', 'Revoke every API key', 'every emailed link', 'Stop your current password from signing in']) {
      includes(confirmation.textContent, words);
    }
    await expectAccessible(panel);
    // The verification link signed in once too: three sessions.
    equal((await api.get('/me/sessions')).items.length, 3, 'nothing happens before confirming');

    submit(deep<HTMLFormElement>(panel, 'form'));
    const result = await waitFor(() => deep(panel, '[part~="result"]'), 'the result');
    includes(result.textContent, '2 other sessions were signed out.');
    includes(result.textContent, '1 API key was revoked.');
    includes(result.textContent, 'Your current password no longer signs in');
    equal(statusText(panel), 'Your account is secured.');
    equal((await api.get('/me/sessions')).items.length, 1, 'only this session is left');
    equal((await api.get('/me/api-keys')).items.length, 0, 'no key is left');
    await expectAccessible(panel);

    deep<HTMLAnchorElement>(panel, '[part~="two-factor-link"]')!.click();
    const twoFactor = deep(settings, '#two-factor')!;
    await waitFor(() => twoFactor.shadowRoot?.activeElement?.localName === 'h2', 'focus on the two-factor panel');
    equal(location.hash, '#two-factor');
    history.replaceState(null, '', location.pathname + location.search);

    // The old password now asks for a reset at sign-in.
    await signOut();
    const form = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    await type(deep(form, '#email'), user.email);
    await type(deep(form, '#password'), user.password);
    submit(deep<HTMLFormElement>(form, 'form'));
    await waitFor(() => errorText(form).includes('no longer signs in'), 'the reset message');
    await waitFor(() => activeElement() === deep(form, '[part~="forgot-link"]'), 'focus on "Forgot your password?"');
  });

  it('asks for the password when the sign-in is old, refuses a weak new password, then sets a strong one', async () => {
    const user = await signedInUser();
    await otherSession(user.email);
    await advanceClock(600);
    const panel = await fixture<LatchSecureAccountPanel>(html`<latch-secure-account-panel></latch-secure-account-panel>`);
    await waitFor(() => deep(panel, '[part~="start-button"]'), 'the start button');
    button(panel, 'Secure my account…').click();
    await waitFor(() => deep(panel, '#newPassword'), 'the confirmation');

    await type(deep(panel, '#newPassword'), 'password1');
    await type(deep(panel, '#confirm'), 'password1');
    submit(deep<HTMLFormElement>(panel, 'form[part~="confirmation"]'));
    const dialog = await waitFor(() => deep<HTMLDialogElement>(panel, 'dialog[open]'), 'the password prompt');
    await type(deep(panel, '#reauth-password'), user.password);
    submit(deep<HTMLInputElement>(panel, '#reauth-password')!.form);
    await waitFor(() => errorText(panel).includes('too easy to guess'), 'weak password refused');
    equal(dialog.open, false);
    equal(deep(panel, '#newPassword')?.getAttribute('aria-invalid'), 'true');
    equal((await api.get('/me/sessions')).items.length, 3, 'nothing changed');

    await type(deep(panel, '#newPassword'), strongNewPassword);
    await type(deep(panel, '#confirm'), strongNewPassword);
    submit(deep<HTMLFormElement>(panel, 'form[part~="confirmation"]'));
    const result = await waitFor(() => deep(panel, '[part~="result"]'), 'the result');
    includes(result.textContent, 'Your password was changed.');
    equal(all(panel, '[part~="password-link"]').length, 0, 'no need to change the password again');
    equal((await api.get('/me/sessions')).items.length, 1);
    await signOut();
    await api.post('/sign-in', { email: user.email, password: strongNewPassword });
    equal((await api.me())?.user.email, user.email, 'the new password signs in');
  });
});
