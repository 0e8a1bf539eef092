import { html } from 'lit';
import type { LatchPasswordPanel } from './password-panel.js';
import { api, cleanup, deep, equal, errorText, expectAccessible, fixture, includes, signedInUser, signOut, statusText, submit, type, waitFor } from '../../../test/helpers.js';

describe('latch-password-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('blames the right field for each refusal and then changes the password', async () => {
    const user = await signedInUser();
    const el = await fixture<LatchPasswordPanel>(html`<latch-password-panel></latch-password-panel>`);
    await waitFor(() => deep(el, '#currentPassword'), 'form');
    await expectAccessible(el);
    equal(deep(el, '#currentPassword')!.getAttribute('autocomplete'), 'current-password');
    equal(deep(el, '#newPassword')!.getAttribute('autocomplete'), 'new-password');
    equal(deep<HTMLInputElement>(el, 'input[autocomplete=username]')!.value, user.email);

    await type(deep(el, '#currentPassword'), 'wrong-password-here');
    await type(deep(el, '#newPassword'), 'silver-canyon-piano-31');
    await type(deep(el, '#confirm'), 'silver-canyon-piano-31');
    submit(deep<HTMLInputElement>(el, '#confirm')!.form);
    await waitFor(() => deep(el, '#currentPassword')?.getAttribute('aria-invalid') === 'true', 'current password blamed');

    await type(deep(el, '#currentPassword'), user.password);
    await type(deep(el, '#newPassword'), user.password);
    await type(deep(el, '#confirm'), user.password);
    submit(deep<HTMLInputElement>(el, '#confirm')!.form);
    await waitFor(() => deep(el, '#newPassword')?.getAttribute('aria-invalid') === 'true', 'reuse blamed');
    includes(errorText(el), 'different from your current one');

    await type(deep(el, '#newPassword'), 'silver-canyon-piano-31');
    await type(deep(el, '#confirm'), 'silver-canyon-piano-31');
    submit(deep<HTMLInputElement>(el, '#confirm')!.form);
    await waitFor(() => statusText(el), 'changed');
    includes(statusText(el), 'Password changed');
    await api.post('/sign-out', {});
    await api.post('/sign-in', { email: user.email, password: 'silver-canyon-piano-31' });
    equal((await api.me())?.user.email, user.email);
  });
});
