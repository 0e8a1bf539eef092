import { html } from 'lit';
import type { LatchTwoFactorPanel } from './two-factor-panel.js';
import {
  activeElement, advanceClock, all, api, assert, button, cleanup, deep, equal, expectAccessible, fixture, includes, newUser, signedInUser, signOut, statusText, submit, totpCode, type, waitFor,
} from '../../../test/helpers.js';

describe('latch-two-factor-panel', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('asks a user whose role requires a second factor to set one up', async () => {
    const user = await newUser('admin');
    await api.post('/sign-in', { email: user.email, password: user.password });
    const el = await fixture<LatchTwoFactorPanel>(html`<latch-two-factor-panel></latch-two-factor-panel>`);
    const notice = await waitFor(() => deep(el, '[part=required-notice]'), 'required notice');
    includes(notice.textContent, 'Your role requires a second factor');
    equal(notice.getAttribute('role'), 'alert');
    await expectAccessible(el);
  });

  it('shows no requirement notice to other users', async () => {
    await signedInUser();
    const el = await fixture<LatchTwoFactorPanel>(html`<latch-two-factor-panel></latch-two-factor-panel>`);
    await waitFor(() => deep(el, '[data-factor=totp]'), 'loaded');
    equal(deep(el, '[part=required-notice]'), null);
  });

  it('sets up an authenticator app after a password prompt, shows backup codes once, and turns it off', async () => {
    const user = await signedInUser();
    await advanceClock(600);
    const el = await fixture<LatchTwoFactorPanel>(html`<latch-two-factor-panel></latch-two-factor-panel>`);
    await waitFor(() => deep(el, '[data-factor=totp]'), 'loaded');
    await expectAccessible(el);
    button(el, 'Set up').click();
    await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt');
    await type(deep(el, '#reauth-password'), user.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);

    const qr = await waitFor(() => deep<HTMLImageElement>(el, 'img[part=qr-code]'), 'QR code');
    assert(qr.src.startsWith('data:image/svg+xml'), 'QR code as an SVG image');
    equal(qr.alt, 'QR code for your authenticator app');
    const secret = deep(el, '[part=secret]')!.textContent!.replace(/\s+/g, '');
    assert(/^[A-Z2-7]{16,}$/.test(secret), `a base32 secret, got ${secret}`);
    await waitFor(() => activeElement() === deep(el, '#code'), 'focus on the code');
    await expectAccessible(el);

    await type(deep(el, '#code'), '123456');
    submit(deep<HTMLInputElement>(el, '#code')!.form);
    await waitFor(() => deep(el, '#code')?.getAttribute('aria-invalid') === 'true', 'wrong code refused');

    await type(deep(el, '#code'), await totpCode(secret));
    submit(deep<HTMLInputElement>(el, '#code')!.form);
    await waitFor(() => all(el, '[part=backup-codes] li').length === 10, 'ten backup codes');
    const codes = all(el, '[part=backup-codes] li').map((li) => li.textContent!);
    await waitFor(() => activeElement() === deep(el, '#codes-title'), 'focus on the codes');
    await expectAccessible(el);
    button(el, 'I have saved them').click();
    await el.updateComplete;
    await waitFor(() => activeElement() === deep(el, 'h2'), 'focus back on the panel');
    await waitFor(() => deep(el, '[data-factor=totp] .badge.on'), 'on');
    equal((await api.me())?.twoFactor.totp, true);

    await advanceClock(30);
    button(el, 'Turn off').click();
    await waitFor(() => deep(el, '#code'), 'code form');
    await type(deep(el, '#code'), codes[0]!);
    submit(deep<HTMLInputElement>(el, '#code')!.form);
    await waitFor(() => statusText(el).includes('off'), 'turned off');
    equal((await api.me())?.twoFactor.totp, false);
  });

  it('turns email codes on, regenerates backup codes and turns email codes off with a backup code', async () => {
    await signedInUser();
    const el = await fixture<LatchTwoFactorPanel>(html`<latch-two-factor-panel></latch-two-factor-panel>`);
    await waitFor(() => deep(el, '[data-factor=email]'), 'loaded');
    button(el, 'Turn on').click();
    await waitFor(() => all(el, '[part=backup-codes] li').length === 10, 'first backup codes');
    button(el, 'I have saved them').click();
    await el.updateComplete;
    await waitFor(() => deep(el, '[data-factor=email] .badge.on'), 'email on');
    includes(deep(el, '[data-factor=backup]')!.textContent, '10 unused codes left');

    button(el, 'Get new backup codes').click();
    await waitFor(() => all(el, '[part=backup-codes] li').length === 10, 'new backup codes');
    const fresh = all(el, '[part=backup-codes] li')[3]!.textContent!;
    button(el, 'I have saved them').click();
    await el.updateComplete;

    button(el, /^Turn off$/).click();
    await waitFor(() => deep(el, '#code'), 'code form');
    await type(deep(el, '#code'), fresh);
    submit(deep<HTMLInputElement>(el, '#code')!.form);
    await waitFor(() => statusText(el).includes('Email codes are off'), 'email off');
    equal((await api.me())?.twoFactor.email, false);
  });
});
