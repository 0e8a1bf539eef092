import { html } from 'lit';
import type { LatchSignupForm } from './signup-form.js';
import {
  activeElement, button, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, pressEnter, signOut, statusText, type, waitFor,
} from '../../../test/helpers.js';

const input = (el: Element, id: string) => deep<HTMLInputElement>(el, `#${id}`);

describe('latch-signup-form', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('is accessible with the autocomplete values managers use to save a new account', async () => {
    const el = await fixture<LatchSignupForm>(html`<latch-signup-form></latch-signup-form>`);
    await expectAccessible(el);
    equal(input(el, 'email')!.getAttribute('autocomplete'), 'username');
    equal(input(el, 'password')!.getAttribute('autocomplete'), 'new-password');
    equal(input(el, 'displayName')!.getAttribute('autocomplete'), 'name');
    await waitFor(() => deep(el, '#password-hint')?.textContent?.includes('At least 8'), 'policy length hint');
  });

  it('judges the password with the server policy as it is typed', async () => {
    const el = await fixture<LatchSignupForm>(html`<latch-signup-form></latch-signup-form>`);
    await type(input(el, 'email'), 'maria.garcia@example.com');
    await type(input(el, 'password'), 'password1');
    await waitFor(() => deep(el, '.reasons li'), 'reasons');
    includes(deep(el, '[part=strength]')!.textContent, 'Password strength');
    equal(deep(el, '[part=strength]')!.getAttribute('aria-live'), 'polite');
    await type(input(el, 'password'), 'mariagarcia1');
    await waitFor(() => deep(el, '.reasons li')?.textContent?.includes('email address or name'), 'own-name reason');
    await type(input(el, 'password'), 'correct horse battery staple lamp');
    await waitFor(() => deep(el, '.ok'), 'accepted');
    equal(deep<HTMLMeterElement>(el, 'meter')!.value, 4);
    await expectAccessible(el);
  });

  it('shows a refused password next to its field and focuses it', async () => {
    const el = await fixture<LatchSignupForm>(html`<latch-signup-form></latch-signup-form>`);
    await type(input(el, 'email'), `weak.${Date.now()}@example.com`);
    await type(input(el, 'password'), 'abcdefgh');
    pressEnter(input(el, 'password'));
    await waitFor(() => errorText(el), 'error');
    includes(errorText(el), 'too easy to guess');
    equal(input(el, 'password')!.getAttribute('aria-invalid'), 'true');
    await waitFor(() => activeElement() === input(el, 'password'), 'focus on the password');
  });

  it('registers, says to check the inbox, and resends the link', async () => {
    const email = `new.${Date.now()}@example.com`;
    const el = await fixture<LatchSignupForm>(html`<latch-signup-form></latch-signup-form>`);
    const signedUp = new Promise((resolve) => el.addEventListener('latch-signed-up', resolve, { once: true }));
    await type(input(el, 'displayName'), 'Ada Lovelace');
    await type(input(el, 'email'), email);
    await type(input(el, 'password'), 'violet-harbor-engine-42');
    pressEnter(input(el, 'password'));
    await signedUp;
    await waitFor(() => deep(el, 'h2')?.textContent === 'Check your email', 'check-email step');
    includes(deep(el, 'p')!.textContent, email);
    await waitFor(() => activeElement() === deep(el, 'h2'), 'focus on the new heading');
    const first = await mailTo(email, '/verify-email?token=');
    equal(typeof first.token, 'string');
    await expectAccessible(el);
    button(el, 'Send the link again').click();
    await waitFor(() => statusText(el), 'resent');
    includes(statusText(el), 'another link');
  });
});
