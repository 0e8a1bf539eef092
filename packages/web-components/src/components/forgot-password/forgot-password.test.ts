import { html } from 'lit';
import type { LatchForgotPassword } from './forgot-password.js';
import { cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, newUser, pressEnter, statusText, type, waitFor } from '../../../test/helpers.js';

describe('latch-forgot-password', () => {
  afterEach(cleanup);

  it('is accessible and checks the address before sending', async () => {
    const el = await fixture<LatchForgotPassword>(html`<latch-forgot-password></latch-forgot-password>`);
    await expectAccessible(el);
    await type(deep(el, '#email'), 'not-an-email');
    pressEnter(deep(el, '#email'));
    await el.updateComplete;
    includes(errorText(el), 'valid email address');
    equal(deep(el, '#email')!.getAttribute('aria-invalid'), 'true');
  });

  it('sends a reset link and says the same thing for unknown addresses', async () => {
    const user = await newUser();
    const el = await fixture<LatchForgotPassword>(html`<latch-forgot-password></latch-forgot-password>`);
    await type(deep(el, '#email'), user.email);
    pressEnter(deep(el, '#email'));
    await waitFor(() => statusText(el), 'confirmation');
    const said = statusText(el);
    includes(said, 'If an account uses that address');
    const mail = await mailTo(user.email, '/reset-password?token=');
    equal(typeof mail.token, 'string');

    const other = await fixture<LatchForgotPassword>(html`<latch-forgot-password></latch-forgot-password>`);
    await type(deep(other, '#email'), `nobody.${Date.now()}@example.com`);
    pressEnter(deep(other, '#email'));
    await waitFor(() => statusText(other), 'confirmation');
    equal(statusText(other), said);
  });
});
