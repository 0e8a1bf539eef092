import { html } from 'lit';
import type { LatchConfirmEmail } from './confirm-email.js';
import { api, cleanup, equal, errorText, expectAccessible, fixture, includes, mailTo, signedInUser, signOut, statusText, waitFor } from '../../../test/helpers.js';

describe('latch-confirm-email', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('confirms a login-email change from the link sent to the new address', async () => {
    await signedInUser();
    const newEmail = `changed.${Date.now()}@example.com`;
    await api.post('/me/email', { newEmail });
    const { token } = await mailTo(newEmail, '/confirm-email?token=');
    const changed = new Promise((resolve) => document.addEventListener('latch-email-changed', resolve, { once: true }));
    const el = await fixture<LatchConfirmEmail>(html`<latch-confirm-email token=${token!}></latch-confirm-email>`);
    await changed;
    await waitFor(() => statusText(el).includes(newEmail), 'confirmation');
    equal((await api.me())?.user.email, newEmail);
    await expectAccessible(el);
  });

  it('says when the link is bad', async () => {
    const el = await fixture<LatchConfirmEmail>(html`<latch-confirm-email token="nope"></latch-confirm-email>`);
    await waitFor(() => errorText(el), 'error');
    includes(errorText(el), 'invalid, already used or expired');
    await expectAccessible(el);
  });
});
