import { html } from 'lit';
import type { LatchAcceptInvite } from './accept-invite.js';
import type { LatchSignedInEvent } from '../../events/signed-in.js';
import type { LatchOrganizationChangeEvent } from '../../events/organization-change.js';
import { redirectFromLocation } from '../../internal/form.js';
import {
  api, button, cleanup, deep, equal, errorText, expectAccessible, fixture, invitation, newUser, pressEnter, signedInUser, signOut, statusText,
  type, waitFor,
} from '../../../test/helpers.js';
import { freshEmail, invite, memberPassword, ownedOrganization } from '../../../test/organizations.js';

describe('latch-accept-invite', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('lets an invited person choose a password and signs them in', async () => {
    const invite = await invitation();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${invite.token}></latch-accept-invite>`);
    await waitFor(() => deep(el, '#password'), 'the password form');
    await expectAccessible(el);
    const signedIn = new Promise<LatchSignedInEvent>((resolve) => el.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));
    await type(deep(el, '#displayName'), 'Grace Hopper');
    await type(deep(el, '#password'), 'copper-meadow-violin-88');
    await type(deep(el, '#confirm'), 'copper-meadow-violin-88');
    pressEnter(deep(el, '#confirm'));
    equal((await signedIn).user.email, invite.email);
    equal((await api.me())?.user.displayName, 'Grace Hopper');
  });

  it('refuses a weak password with the reasons next to the field', async () => {
    const invite = await invitation();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${invite.token}></latch-accept-invite>`);
    await type(await waitFor(() => deep<HTMLInputElement>(el, '#password'), 'the password form'), 'qwertyuiop');
    await type(deep(el, '#confirm'), 'qwertyuiop');
    pressEnter(deep(el, '#confirm'));
    await waitFor(() => errorText(el), 'error');
    equal(deep(el, '#password')!.getAttribute('aria-invalid'), 'true');
    await expectAccessible(el);
  });
});

describe('latch-accept-invite for an organization', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('lets a new address choose a password, and joins the organization', async () => {
    const { org } = await ownedOrganization('Harbour Health');
    const email = freshEmail('new');
    const token = await invite(org.id, email, 'manager');
    await signOut();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${token}></latch-accept-invite>`);
    await waitFor(() => deep(el, '#password'), 'the password form');
    await expectAccessible(el);
    const signedIn = new Promise<LatchSignedInEvent>((resolve) => el.addEventListener('latch-signed-in', resolve as EventListener, { once: true }));
    await type(deep(el, '#displayName'), 'Nina New');
    await type(deep(el, '#password'), memberPassword);
    await type(deep(el, '#confirm'), memberPassword);
    pressEnter(deep(el, '#confirm'));
    equal((await signedIn).user.email, email);
    await waitFor(() => statusText(el).includes('you joined Harbour Health'), 'joined');
    const me = await api.me();
    equal(me!.user.displayName, 'Nina New');
    equal(me!.activeOrganization?.id, org.id);
    equal(me!.activeOrganization?.role, 'manager');
  });

  it('asks an existing account to sign in first, then joins with one button and no password', async () => {
    const { org } = await ownedOrganization('Quay Partners');
    const existing = await newUser();
    const token = await invite(org.id, existing.email, 'viewer');
    await signOut();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${token} sign-in-href="/sign-in"></latch-accept-invite>`);
    await waitFor(() => deep(el, 'a[href^="/sign-in?"]'), 'the sign-in link');
    equal(deep(el, '#password'), null, 'no password is asked:');
    equal(statusText(el), `Sign in as ${existing.email} to join.`);
    const link = new URL(deep<HTMLAnchorElement>(el, 'a[href^="/sign-in?"]')!.href);
    equal(link.searchParams.get('redirect'), location.pathname + location.search, 'the link returns here:');
    await expectAccessible(el);

    // Signed in (as the sign-in page would, then back here): one button, no password.
    await api.post('/sign-in', { email: existing.email, password: existing.password });
    const back = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${token}></latch-accept-invite>`);
    await waitFor(() => back.shadowRoot!.textContent?.includes(`You are signed in as ${existing.email}.`), 'signed in');
    equal(deep(back, '#password'), null);
    const changed = new Promise<LatchOrganizationChangeEvent>((resolve) => back.addEventListener('latch-organization-change', resolve as EventListener, { once: true }));
    button(back, 'Accept invitation').click();
    equal((await changed).organization?.id, org.id);
    await waitFor(() => statusText(back) === 'You joined Quay Partners.', 'joined');
    await expectAccessible(back);
    const me = await api.me();
    equal(me!.activeOrganization?.id, org.id);
    equal(me!.activeOrganization?.role, 'viewer');
    // The link was single use.
    const again = await api.post('/invitations/accept', { token }).catch((e) => e);
    equal(again.code, 'invalid_token');
  });

  it('tells someone signed in with another address that the invitation is not theirs', async () => {
    const { org } = await ownedOrganization('Pier Group');
    const invited = await newUser();
    const token = await invite(org.id, invited.email);
    await signOut();
    const other = await signedInUser();
    const el = await fixture<LatchAcceptInvite>(html`<latch-accept-invite token=${token}></latch-accept-invite>`);
    await waitFor(() => deep(el, '[part~=submit-button]'), 'the accept button');
    button(el, 'Accept invitation').click();
    await waitFor(() => errorText(el).includes(`This invitation was sent to another email address, not to ${other.email}.`), 'mismatch');
    equal(!!deep(el, 'a[href^="/sign-in?redirect="]'), true);
    await expectAccessible(el);
    equal((await api.get('/orgs')).items.length, 0);
  });

  it('a login form follows a same-origin ?redirect= and ignores any other', async () => {
    const before = location.href;
    try {
      history.replaceState(null, '', `${location.pathname}?redirect=${encodeURIComponent('/accept-invite?token=abc')}`);
      equal(redirectFromLocation(), '/accept-invite?token=abc');
      history.replaceState(null, '', `${location.pathname}?redirect=${encodeURIComponent('https://evil.example/x')}`);
      equal(redirectFromLocation(), undefined);
      history.replaceState(null, '', `${location.pathname}?redirect=${encodeURIComponent('//evil.example/x')}`);
      equal(redirectFromLocation(), undefined);
      history.replaceState(null, '', `${location.pathname}?redirect=${encodeURIComponent('javascript:alert(1)')}`);
      equal(redirectFromLocation(), undefined);
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
