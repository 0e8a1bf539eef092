import { html } from 'lit';
import type { LatchIdleTimeout } from './idle-timeout.js';
import type { LatchSignedOutEvent } from '../../events/signed-out.js';
import { api, cleanup, deep, equal, expectAccessible, fixture, signedInUser, signOut, statusText, waitFor } from '../../../test/helpers.js';

describe('latch-idle-timeout', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('warns before signing out, can be dismissed, then signs out after inactivity', async () => {
    await signedInUser();
    const provider = await fixture<HTMLElement>(html`<latch-provider><latch-idle-timeout timeout-seconds="4" warning-seconds="2"></latch-idle-timeout></latch-provider>`);
    const el = provider.querySelector<LatchIdleTimeout>('latch-idle-timeout')!;
    const dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'warning', 8000);
    equal(deep(el, 'h2')!.textContent, 'Are you still there?');
    await expectAccessible(el);
    deep<HTMLButtonElement>(el, '[part=stay-button]')!.click();
    equal(dialog.open, false);

    const signedOut = new Promise<LatchSignedOutEvent>((resolve) => el.addEventListener('latch-signed-out', resolve as EventListener, { once: true }));
    equal((await signedOut).reason, 'idle');
    await waitFor(() => statusText(el).includes('signed out'), 'notice');
    equal(await api.me(), null);
  });

  it('stays quiet for visitors who are not signed in', async () => {
    const el = await fixture<LatchIdleTimeout>(html`<latch-idle-timeout timeout-seconds="1" warning-seconds="1"></latch-idle-timeout>`);
    await new Promise((r) => setTimeout(r, 1500));
    equal(deep(el, 'dialog[open]'), null);
  });
});
