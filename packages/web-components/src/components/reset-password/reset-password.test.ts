import { html } from 'lit';
import type { LatchResetPassword } from './reset-password.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, newUser, pressEnter, statusText, type, waitFor } from '../../../test/helpers.js';

async function resetToken(email: string): Promise<string> {
  const since = Date.now() - 1000;
  await api.post('/password/forgot', { email });
  return (await mailTo(email, '/reset-password?token=', since)).token!;
}

describe('latch-reset-password', () => {
  afterEach(cleanup);

  it('explains a link without a token', async () => {
    const el = await fixture<LatchResetPassword>(html`<latch-reset-password></latch-reset-password>`);
    includes(errorText(el), 'link is incomplete');
    equal(deep<HTMLAnchorElement>(el, 'a')!.getAttribute('href'), '/forgot-password');
    await expectAccessible(el);
  });

  it('checks the confirmation, then sets the new password', async () => {
    const user = await newUser();
    const token = await resetToken(user.email);
    const el = await fixture<LatchResetPassword>(html`<latch-reset-password token=${token}></latch-reset-password>`);
    await expectAccessible(el);
    equal(deep(el, '#newPassword')!.getAttribute('autocomplete'), 'new-password');
    await type(deep(el, '#newPassword'), 'amber-lantern-orchard-17');
    await type(deep(el, '#confirm'), 'amber-lantern-orchard-71');
    pressEnter(deep(el, '#confirm'));
    await el.updateComplete;
    equal(errorText(el), 'The two passwords do not match.');
    equal(deep(el, '#confirm')!.getAttribute('aria-invalid'), 'true');

    await type(deep(el, '#confirm'), 'amber-lantern-orchard-17');
    pressEnter(deep(el, '#confirm'));
    await waitFor(() => statusText(el), 'done');
    includes(statusText(el), 'Your password was changed');
    await api.post('/sign-in', { email: user.email, password: 'amber-lantern-orchard-17' });
    equal((await api.me())?.user.email, user.email);
    await api.post('/sign-out', {});
  });

  it('says when the link was already used', async () => {
    const user = await newUser();
    const token = await resetToken(user.email);
    await api.post('/password/reset', { token, newPassword: 'amber-lantern-orchard-18' });
    const el = await fixture<LatchResetPassword>(html`<latch-reset-password token=${token}></latch-reset-password>`);
    await type(deep(el, '#newPassword'), 'amber-lantern-orchard-19');
    await type(deep(el, '#confirm'), 'amber-lantern-orchard-19');
    pressEnter(deep(el, '#confirm'));
    await waitFor(() => errorText(el), 'error');
    equal(errorText(el), 'This link is invalid, already used or expired.');
    equal(deep(el, 'a')!.textContent, 'Ask for a new link');
  });
});
