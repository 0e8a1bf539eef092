import { html } from 'lit';
import type { LatchLoginForm } from './login-form.js';
import type { LatchSignedInEvent } from '../../events/signed-in.js';
import { createPasskey } from '../../internal/passkey.js';
import { turnstileOptions } from '../../internal/turnstile.js';
import '../../locales/fr.js';
import { sendKeys } from '@web/test-runner-commands';
import {
  activeElement, addVirtualAuthenticator, colorScheme, advanceClock, all, api, assert, button, cleanup, deep, equal, errorText,
  expectAccessible, fixture, includes, mailTo, newUser, pressEnter, signOut, signedInUser, totpCode, type, waitFor,
} from '../../../test/helpers.js';

const input = (el: Element, id: string) => deep<HTMLInputElement>(el, `#${id}`);
const signedIn = (el: Element) => new Promise<LatchSignedInEvent>((resolve) => el.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));

/** A user with an authenticator app turned on; returns its otpauth URI. Leaves the browser signed out. */
async function userWithTotp() {
  const user = await signedInUser();
  const setup = await api.post('/me/two-factor/totp/setup', {});
  const { backupCodes } = await api.post('/me/two-factor/totp/enable', { code: await totpCode(setup.otpauthUri) });
  await signOut();
  await advanceClock(30); // the next code is a fresh one
  return { ...user, otpauthUri: setup.otpauthUri, backupCodes };
}

async function passwordStep(el: LatchLoginForm, email: string, password: string) {
  await type(input(el, 'email'), email);
  await type(input(el, 'password'), password);
  pressEnter(input(el, 'password'));
}

describe('latch-login-form', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('is accessible and has the fields password managers look for', async () => {
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    await waitFor(() => deep(el, '[part~=passkey-button]'), 'config to load');
    await expectAccessible(el);
    includes(input(el, 'email')!.getAttribute('autocomplete'), 'username');
    includes(input(el, 'email')!.getAttribute('autocomplete'), 'webauthn');
    equal(input(el, 'password')!.getAttribute('autocomplete'), 'current-password');
    equal(input(el, 'password')!.type, 'password');
    equal(deep<HTMLAnchorElement>(el, 'a[href="/forgot-password"]')?.textContent, 'Forgot your password?');
    assert(deep(el, 'a[href="/sign-up"]'), 'sign-up link');
  });

  it('is accessible in the dark scheme too, errors included', async () => {
    await colorScheme('dark');
    try {
      const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
      equal(getComputedStyle(el).backgroundColor, 'rgb(23, 25, 30)');
      pressEnter(input(el, 'password'));
      await el.updateComplete;
      await expectAccessible(el);
    } finally {
      await colorScheme('light');
    }
  });

  it('names the missing fields and focuses the first', async () => {
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    pressEnter(input(el, 'password'));
    await el.updateComplete;
    equal(errorText(el), 'Enter your email address.');
    equal(input(el, 'email')!.getAttribute('aria-invalid'), 'true');
    includes(input(el, 'email')!.getAttribute('aria-describedby'), 'email-error');
    await waitFor(() => activeElement() === input(el, 'email'), 'focus on email');
    await expectAccessible(el);
  });

  it('says when the email or password is wrong, from the real server', async () => {
    const user = await newUser();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    await passwordStep(el, user.email, 'not-the-password');
    await waitFor(() => errorText(el), 'error');
    equal(errorText(el), 'The email address or password is not correct.');
    await waitFor(() => activeElement() === input(el, 'password'), 'focus on password');
  });

  it('signs in on Enter and fires latch-signed-in', async () => {
    const user = await newUser();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    const event = signedIn(el);
    await passwordStep(el, user.email, user.password);
    equal((await event).user.email, user.email);
    const me = await api.me();
    equal(me?.user.email, user.email);
  });

  it('works with the keyboard alone: Tab between fields, Enter to submit', async () => {
    const user = await newUser();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form no-passkey-autofill></latch-login-form>`);
    el.focus();
    equal(activeElement(), input(el, 'email'));
    await sendKeys({ type: user.email });
    await sendKeys({ press: 'Tab' });
    equal(activeElement(), input(el, 'password'));
    await sendKeys({ type: user.password });
    const event = signedIn(el);
    await sendKeys({ press: 'Enter' });
    equal((await event).user.email, user.email);
  });

  it('asks for the authenticator code as a second step', async () => {
    const user = await userWithTotp();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    const twoFactor = new Promise((resolve) => el.addEventListener('latch-two-factor-required', resolve, { once: true }));
    await passwordStep(el, user.email, user.password);
    await twoFactor;
    await waitFor(() => input(el, 'code'), 'code field');
    equal(deep(el, 'h2')?.textContent, 'Two-step verification');
    equal(input(el, 'code')!.getAttribute('autocomplete'), 'one-time-code');
    await waitFor(() => activeElement() === input(el, 'code'), 'focus on the code');
    await expectAccessible(el);

    await type(input(el, 'code'), '000000');
    pressEnter(input(el, 'code'));
    await waitFor(() => errorText(el), 'error');
    equal(errorText(el), 'That code is not correct or has expired.');
    equal(input(el, 'code')!.getAttribute('aria-invalid'), 'true');

    const event = signedIn(el);
    await type(input(el, 'code'), await totpCode(user.otpauthUri));
    pressEnter(input(el, 'code'));
    equal((await event).user.email, user.email);
  });

  it('accepts a backup code after switching methods', async () => {
    const user = await userWithTotp();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    await passwordStep(el, user.email, user.password);
    await waitFor(() => input(el, 'code'), 'code field');
    button(el, 'Use a backup code').click();
    await waitFor(() => deep(el, '#prompt')?.textContent?.includes('backup codes'), 'backup prompt');
    const event = signedIn(el);
    await type(input(el, 'code'), user.backupCodes![0]!);
    pressEnter(input(el, 'code'));
    equal((await event).user.email, user.email);
  });

  it('emails a code, counts down before resending, and accepts it', async () => {
    const user = await signedInUser();
    await api.post('/me/two-factor/email/enable', {});
    await signOut();
    const el = await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    const started = Date.now() - 1000;
    await passwordStep(el, user.email, user.password);
    await waitFor(() => deep(el, '[part~=resend-button]'), 'email method');
    const resend = deep<HTMLButtonElement>(el, '[part~=resend-button]')!;
    await waitFor(() => /\(\d+ s\)/.test(resend.textContent ?? ''), 'countdown');
    equal(resend.getAttribute('aria-disabled'), 'true');
    const mail = await mailTo(user.email, 'sign-in code', started);
    const code = mail.text.match(/code is (\d+)/)![1]!;
    const event = signedIn(el);
    await type(input(el, 'code'), code);
    pressEnter(input(el, 'code'));
    equal((await event).user.email, user.email);
  });

  it('shows Turnstile when the server has a site key and sends its token', async () => {
    const user = await newUser();
    turnstileOptions.scriptUrl = '/__test-assets/turnstile.js';
    const el = await fixture<LatchLoginForm>(html`<latch-login-form base-url="/auth-captcha" no-passkey-autofill></latch-login-form>`);
    const widget = await waitFor(() => deep<HTMLButtonElement>(el, '[part=captcha] button'), 'the widget');
    await passwordStep(el, user.email, user.password);
    await waitFor(() => errorText(el), 'error');
    equal(errorText(el), 'The human check failed. Please try again.');
    widget.click();
    const event = signedIn(el);
    pressEnter(input(el, 'password'));
    equal((await event).user.email, user.email);
  });

  it('speaks French when the page does', async () => {
    const el = await fixture<LatchLoginForm>(html`<div lang="fr"><latch-login-form></latch-login-form></div>`);
    const form = el.querySelector('latch-login-form')!;
    await form.updateComplete;
    equal(deep(form, 'h2')?.textContent, 'Connexion');
    equal(all(form, 'label')[1]?.textContent, 'Mot de passe');
  });

  it('signs in with a passkey from the button, and from the email field autofill', async () => {
    await addVirtualAuthenticator();
    const user = await signedInUser();
    const options = await api.post('/me/passkeys/options', {});
    await api.post('/me/passkeys', { response: await createPasskey(options), name: 'Test key' });
    await signOut();

    const el = await fixture<LatchLoginForm>(html`<latch-login-form no-passkey-autofill></latch-login-form>`);
    await waitFor(() => deep(el, '[part~=passkey-button]'), 'passkey button');
    equal(input(el, 'email')!.getAttribute('autocomplete'), 'username');
    const event = signedIn(el);
    deep<HTMLButtonElement>(el, '[part~=passkey-button]')!.click();
    equal((await event).user.email, user.email);
    cleanup();
    await signOut();

    // The virtual authenticator answers the conditional request at once, as a person picking the
    // passkey from the autofill list would.
    const autofill = new Promise<LatchSignedInEvent>((resolve) => document.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));
    await fixture<LatchLoginForm>(html`<latch-login-form></latch-login-form>`);
    equal((await autofill).user.email, user.email);
  });
});
