import { html } from 'lit';
import type { LatchOrganizationSwitcher } from './organization-switcher.js';
import type { LatchOrganizationChangeEvent } from '../../events/organization-change.js';
import type { LatchProvider } from '../provider/latch-provider.js';
import '../../locales/fr.js';
import {
  activeElement, all, api, cleanup, colorScheme, deep, equal, expectAccessible, fixture, includes, signOut, statusText, waitFor,
} from '../../../test/helpers.js';
import { ownedOrganization } from '../../../test/organizations.js';

const toggle = (el: Element) => deep<HTMLButtonElement>(el, '[part~=button]')!;
const options = (el: Element) => all<HTMLButtonElement>(el, '[part~=option]');
const key = (target: Element, name: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true }));

/** Two organizations of one new account, the second one active. */
async function twoOrganizations() {
  const first = await ownedOrganization('Alpha Labs');
  const { organization: second } = await api.post('/orgs', { name: 'Beta Works' });
  await api.post('/me/active-organization', { organizationId: second.id });
  return { owner: first.owner, first: first.org, second };
}

describe('latch-organization-switcher', () => {
  beforeEach(signOut);
  afterEach(async () => {
    cleanup();
    await colorScheme('light');
  });

  it('names the active organization, lists the others and makes the chosen one active', async () => {
    const { first, second } = await twoOrganizations();
    const el = await fixture<LatchOrganizationSwitcher>(html`<latch-organization-switcher create-href="/organizations/new"></latch-organization-switcher>`);
    await waitFor(() => toggle(el)?.textContent?.includes('Beta Works'), 'the active organization');
    equal(toggle(el).getAttribute('aria-expanded'), 'false');
    equal(deep(el, '[part~=menu]')!.hidden, true);
    await expectAccessible(el);

    toggle(el).click();
    await waitFor(() => !deep(el, '[part~=menu]')!.hidden, 'the list');
    equal(toggle(el).getAttribute('aria-expanded'), 'true');
    equal(options(el).map((o) => o.querySelector('span')!.textContent).sort().join(), 'Alpha Labs,Beta Works');
    const current = options(el).find((o) => o.getAttribute('aria-current') === 'true')!;
    includes(current.textContent, 'Beta Works');
    includes(current.textContent, 'Owner');
    equal(activeElement(), current, 'focus on the active one:');
    equal(deep(el, '[part~=create-link]')!.getAttribute('href'), '/organizations/new');
    await expectAccessible(el);

    // Arrow keys move through the list; Escape closes it and returns to the button.
    key(current, 'ArrowDown');
    equal(activeElement() !== current, true);
    key(activeElement()!, 'Escape');
    await waitFor(() => deep(el, '[part~=menu]')!.hidden && activeElement() === toggle(el), 'closed');

    key(toggle(el), 'ArrowDown');
    await waitFor(() => !deep(el, '[part~=menu]')!.hidden, 'opened by the arrow key');
    const alpha = options(el).find((o) => o.textContent!.includes('Alpha Labs'))!;
    const changed = new Promise<LatchOrganizationChangeEvent>((resolve) => el.addEventListener('latch-organization-change', resolve as EventListener, { once: true }));
    alpha.click();
    const event = await changed;
    equal(event.organization?.id, first.id);
    equal(event.organization?.role, 'owner');
    await waitFor(() => toggle(el).textContent?.includes('Alpha Labs'), 'the new name on the button');
    equal(deep(el, '[part~=menu]')!.hidden, true);
    equal(activeElement(), toggle(el));
    equal(statusText(el), 'You are now working in Alpha Labs.');
    const me = await api.me();
    equal(me!.activeOrganization?.id, first.id);
    equal(me!.activeOrganization?.role, 'owner');
    void second;
  });

  it('keeps a provider\'s session in step with the chosen organization', async () => {
    const { first } = await twoOrganizations();
    const provider = await fixture<LatchProvider>(html`<latch-provider><latch-organization-switcher></latch-organization-switcher></latch-provider>`);
    const el = provider.querySelector<LatchOrganizationSwitcher>('latch-organization-switcher')!;
    await waitFor(() => toggle(el)?.textContent?.includes('Beta Works'), 'loaded');
    toggle(el).click();
    await waitFor(() => options(el).length === 2, 'the list');
    options(el).find((o) => o.textContent!.includes('Alpha Labs'))!.click();
    await waitFor(() => provider.state.me?.activeOrganization?.id === first.id, 'the provider refreshed');
  });

  it('fits a narrow header, in French and the dark theme', async () => {
    await twoOrganizations();
    await colorScheme('dark');
    const root = await fixture<HTMLElement>(html`<header lang="fr" style="width:360px;display:flex;justify-content:space-between">
      <span>Logo</span><latch-organization-switcher align="end" create-href="/new"></latch-organization-switcher></header>`);
    const el = root.querySelector<LatchOrganizationSwitcher>('latch-organization-switcher')!;
    await waitFor(() => toggle(el)?.textContent?.includes('Beta Works'), 'loaded');
    equal(deep(el, '.visually-hidden')!.textContent, 'Organisation:');
    toggle(el).click();
    await waitFor(() => !deep(el, '[part~=menu]')!.hidden, 'the list');
    equal(deep(el, '[part~=create-link]')!.textContent, 'Nouvelle organisation');
    includes(options(el).map((o) => o.textContent).join(), 'Propriétaire');
    const menu = deep(el, '[part~=menu]')!.getBoundingClientRect();
    const header = root.getBoundingClientRect();
    equal(menu.left >= header.left && menu.right <= header.right, true, `menu at ${menu.left}..${menu.right} in ${header.left}..${header.right}`);
    equal(root.scrollWidth <= 360, true, `scrollWidth ${root.scrollWidth}`);
    await expectAccessible(root);
  });

  it('shows nothing when nobody is signed in', async () => {
    const el = await fixture<LatchOrganizationSwitcher>(html`<latch-organization-switcher></latch-organization-switcher>`);
    await waitFor(() => el.hidden, 'hidden');
    equal(el.getBoundingClientRect().height, 0);
  });
});
