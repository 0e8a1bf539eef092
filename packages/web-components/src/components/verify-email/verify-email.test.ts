import { html } from 'lit';
import type { LatchVerifyEmail } from './verify-email.js';
import type { LatchSignedInEvent } from '../../events/signed-in.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, pressEnter, signedInUser, signOut, statusText, type, waitFor } from '../../../test/helpers.js';

describe('latch-verify-email', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('verifies the address from the emailed token and signs in', async () => {
    const email = `verify.${Date.now()}@example.com`;
    await api.post('/sign-up', { email, password: 'violet-harbor-engine-42' });
    const { token } = await mailTo(email, '/verify-email?token=');
    const signedIn = new Promise<LatchSignedInEvent>((resolve) => document.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));
    const el = await fixture<LatchVerifyEmail>(html`<latch-verify-email token=${token!}></latch-verify-email>`);
    equal((await signedIn).user.email, email);
    await waitFor(() => statusText(el).includes('verified'), 'verified');
    includes(statusText(el), `signed in as ${email}`);
    equal((await api.me())?.user.emailVerified, true);
    await expectAccessible(el);
  });

  it('verifies while another account is signed in, keeps that session and says so', async () => {
    const signedIn = await signedInUser();
    const email = `verify.other.${Date.now()}@example.com`;
    // Signed up from elsewhere, so this browser's session is not involved.
    const signUp = await fetch('/auth/sign-up', {
      method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'violet-harbor-engine-42' }),
    });
    equal(signUp.status, 201);
    const { token } = await mailTo(email, '/verify-email?token=');
    let fired = false;
    const onSignedIn = () => { fired = true; };
    document.addEventListener('latch-signed-in', onSignedIn);
    try {
      const el = await fixture<LatchVerifyEmail>(html`<latch-verify-email token=${token!} redirect="/not-followed"></latch-verify-email>`);
      await waitFor(() => statusText(el).includes('verified'), 'verified');
      equal(statusText(el), 'Your email address is verified. You are still signed in to another account; sign out to use this one.');
      equal(deep(el, 'a'), null);
      await expectAccessible(el);
      await new Promise((r) => setTimeout(r, 200));
      equal(fired, false, 'latch-signed-in');
      equal(location.pathname.includes('not-followed'), false, 'redirect');
      equal((await api.me())?.user.email, signedIn.email);
    } finally {
      document.removeEventListener('latch-signed-in', onSignedIn);
    }
    // The address really is verified: it can sign in now.
    await signOut();
    await api.post('/sign-in', { email, password: 'violet-harbor-engine-42' });
    equal((await api.me())?.user.emailVerified, true);
  });

  it('offers a new link when the token is bad', async () => {
    const el = await fixture<LatchVerifyEmail>(html`<latch-verify-email token="not-a-real-token"></latch-verify-email>`);
    await waitFor(() => errorText(el), 'error');
    equal(errorText(el), 'This link is invalid, already used or expired.');
    await expectAccessible(el);
    await type(deep(el, '#email'), `someone.${Date.now()}@example.com`);
    pressEnter(deep(el, '#email'));
    await waitFor(() => statusText(el), 'resent');
    includes(statusText(el), 'another link');
  });
});
