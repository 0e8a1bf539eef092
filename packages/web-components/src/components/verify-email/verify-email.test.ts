import { html } from 'lit';
import type { LatchVerifyEmail } from './verify-email.js';
import type { LatchSignedInEvent } from '../../events/signed-in.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, pressEnter, signOut, statusText, type, waitFor } from '../../../test/helpers.js';

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
    equal((await api.me())?.user.emailVerified, true);
    await expectAccessible(el);
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
