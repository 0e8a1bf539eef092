import { html } from 'lit';
import type { LatchSecuritySettings } from './security-settings.js';
import { cleanup, deep, equal, expectAccessible, fixture, signedInUser, signOut, waitFor } from '../../../test/helpers.js';

const panels = ['profile', 'password', 'two-factor', 'passkeys', 'sessions', 'api-keys', 'ssh-keys', 'activity', 'secure-account'];

describe('latch-security-settings', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('shows every panel for the signed-in person and is accessible', async () => {
    const user = await signedInUser();
    const el = await fixture<LatchSecuritySettings>(html`<latch-provider><latch-security-settings></latch-security-settings></latch-provider>`);
    const settings = el.querySelector('latch-security-settings')!;
    await waitFor(() => panels.every((p) => deep(settings, `#${p}`, 'h2')), 'panels');
    for (const p of panels) await waitFor(() => !deep(settings, `#${p}`, '[role=status]')?.textContent?.includes('Loading'), `${p} loaded`);
    equal(deep(settings, '#profile', '[part=email]')!.textContent, user.email);
    await expectAccessible(el);
  });

  it('brings the panel named in the address into view', async () => {
    await signedInUser();
    history.replaceState(null, '', '#ssh-keys');
    try {
      const el = await fixture<LatchSecuritySettings>(html`<latch-security-settings></latch-security-settings>`);
      const panel = deep(el, '#ssh-keys')!;
      await waitFor(() => panel.shadowRoot?.activeElement?.localName === 'h2', 'focus on the SSH keys heading');
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });

  it('shows only the panels asked for', async () => {
    await signedInUser();
    const el = await fixture<LatchSecuritySettings>(html`<latch-security-settings panels="sessions ssh-keys"></latch-security-settings>`);
    await el.updateComplete;
    equal([...el.shadowRoot!.querySelectorAll('[part=panels] > *')].map((p) => p.localName).join(' '), 'latch-sessions-panel latch-ssh-keys-panel');
  });

  it('shows only the panels of the features the server has (here no SSH keys)', async () => {
    await signedInUser();
    const el = await fixture<LatchSecuritySettings>(html`<latch-security-settings base-url="/auth-no-ssh"></latch-security-settings>`);
    const shown = () => [...el.shadowRoot!.querySelectorAll('[part=panels] > *')].map((p) => p.id).join(' ');
    await waitFor(() => !shown().includes('ssh-keys'), 'the SSH keys panel to go');
    equal(shown(), 'profile password two-factor passkeys sessions api-keys activity secure-account');
    await waitFor(() => deep(el, '#api-keys', '#name'), 'the API keys panel loaded');
    equal(deep(el, '#api-keys', '[role=alert]')?.textContent?.trim() ?? '', '', 'no error in the API keys panel');
  });

  it('fits a 360 px wide screen', async () => {
    await signedInUser();
    const el = await fixture<HTMLElement>(html`<div style="width:360px"><latch-security-settings></latch-security-settings></div>`);
    const settings = el.querySelector('latch-security-settings')!;
    await waitFor(() => deep(settings, '#api-keys', '#name'), 'api keys loaded');
    await waitFor(() => deep(settings, '#two-factor', '[data-factor]'), 'two-factor loaded');
    equal(settings.scrollWidth <= 360, true, `scrollWidth ${settings.scrollWidth}`);
    for (const p of panels) {
      const panel = deep(settings, `#${p}`)!;
      equal(panel.scrollWidth <= panel.clientWidth + 2, true, `${p} overflows: ${panel.scrollWidth} > ${panel.clientWidth}`);
    }
  });
});
