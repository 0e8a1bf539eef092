import { html } from 'lit';
import type { LatchCreateOrganization } from './organization-create.js';
import type { LatchOrganizationCreatedEvent } from '../../events/organization-created.js';
import '../../locales/de.js';
import {
  api, cleanup, colorScheme, deep, equal, errorText, expectAccessible, fixture, includes, signedInUser, signOut, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

const form = (el: Element) => deep<HTMLInputElement>(el, '#name')!.form;

describe('latch-create-organization', () => {
  beforeEach(signOut);
  afterEach(async () => {
    cleanup();
    await colorScheme('light');
  });

  it('creates an organization, makes it active and says so', async () => {
    await signedInUser();
    const el = await fixture<LatchCreateOrganization>(html`<latch-create-organization></latch-create-organization>`);
    await waitFor(() => deep(el, '#name'), 'the form');
    await expectAccessible(el);
    const slug = `north-${Date.now().toString(36)}`;
    await type(deep(el, '#name'), 'North Wing');
    await type(deep(el, '#slug'), slug);
    const created = new Promise<LatchOrganizationCreatedEvent>((resolve) => el.addEventListener('latch-organization-created', resolve as EventListener, { once: true }));
    submit(form(el));
    const { organization } = await created;
    equal(organization.name, 'North Wing');
    equal(organization.slug, slug);
    equal(statusText(el), 'North Wing was created. It is now your active organization.');
    equal(deep<HTMLInputElement>(el, '#name')!.value, '');
    const me = await api.me();
    equal(me!.activeOrganization?.id, organization.id);
    equal(me!.activeOrganization?.role, 'owner');
    const mine = await api.get('/orgs');
    equal(mine.items.some((o) => o.id === organization.id && o.role === 'owner'), true);
  });

  it('checks the name and slug before sending, and shows a taken slug next to its field', async () => {
    await signedInUser();
    const slug = `taken-${Date.now().toString(36)}`;
    await api.post('/orgs', { name: 'First', slug });
    const el = await fixture<LatchCreateOrganization>(html`<latch-create-organization></latch-create-organization>`);
    await waitFor(() => deep(el, '#name'), 'the form');
    submit(form(el));
    await waitFor(() => deep(el, '#name')!.getAttribute('aria-invalid') === 'true', 'name required');
    await type(deep(el, '#name'), 'Second');
    await type(deep(el, '#slug'), 'Not A Slug');
    submit(form(el));
    await waitFor(() => errorText(el).includes('Use lower-case letters, digits and hyphens'), 'slug pattern');
    await type(deep(el, '#slug'), slug);
    submit(form(el));
    await waitFor(() => errorText(el).includes('Another organization already uses this short name.'), 'slug taken');
    equal(deep(el, '#slug')!.getAttribute('aria-invalid'), 'true');
    includes(deep(el, '#slug-error')!.textContent, 'already uses');
    await expectAccessible(el);
  });

  it('asks to sign in when nobody is, and fits 360 px in German and the dark theme', async () => {
    const out = await fixture<LatchCreateOrganization>(html`<latch-create-organization></latch-create-organization>`);
    await waitFor(() => deep(out, 'a[href="/sign-in"]'), 'sign-in link');
    await signedInUser();
    await colorScheme('dark');
    const root = await fixture<HTMLElement>(html`<div lang="de" style="width:360px"><latch-create-organization></latch-create-organization></div>`);
    const el = root.querySelector<LatchCreateOrganization>('latch-create-organization')!;
    await waitFor(() => deep(el, '#name'), 'the form');
    equal(deep(el, 'h2')!.textContent, 'Organisation erstellen');
    equal(el.scrollWidth <= 360, true, `scrollWidth ${el.scrollWidth}`);
    await expectAccessible(root);
  });
});
