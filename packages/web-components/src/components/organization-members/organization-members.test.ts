import { html } from 'lit';
import type { LatchOrganizationMembers } from './organization-members.js';
import '../../locales/de.js';
import {
  activeElement, advanceClock, all, api, assert, button, cleanup, colorScheme, deep, equal, errorText, expectAccessible, fixture, includes,
  mailTo, signOut, statusText, submit, type, waitFor,
} from '../../../test/helpers.js';
import { freshEmail, joinedMember, ownedOrganization, signInAs } from '../../../test/organizations.js';

const members = (el: Element) => all(el, '[part~=member]');
const memberOf = (el: Element, email: string) => members(el).find((li) => li.textContent?.includes(email));
const invitations = (el: Element) => all(el, '[part~=invitation]');

/** Renders the panel and waits until it shows its organization. */
async function panel(template = html`<latch-organization-members></latch-organization-members>`): Promise<LatchOrganizationMembers> {
  const root = await fixture<HTMLElement>(template);
  const el = (root.localName === 'latch-organization-members' ? root : root.querySelector('latch-organization-members')!) as LatchOrganizationMembers;
  await waitFor(() => members(el).length || deep(el, '.count'), 'members loaded');
  return el;
}

function select(el: HTMLSelectElement | null, value: string): void {
  assert(el, 'no select');
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('latch-organization-members', () => {
  beforeEach(signOut);
  afterEach(async () => {
    cleanup();
    await colorScheme('light');
  });

  it('lists the members of the active organization, invites someone, shows the invitation pending and revokes it', async () => {
    const { owner, org } = await ownedOrganization('Acme Clinic');
    const el = await panel();
    equal(members(el).length, 1);
    const self = members(el)[0]!;
    includes(self.textContent, owner.email);
    includes(self.textContent, 'Owner');
    equal(self.querySelectorAll('[part~=you-badge]').length, 1);
    equal(self.querySelectorAll('button').length, 0, 'nobody edits or removes their own entry:');
    await expectAccessible(el);

    const email = freshEmail('invitee');
    await type(deep(el, '#invite-email'), email);
    const roles = [...deep<HTMLSelectElement>(el, '#invite-role')!.options].map((o) => o.value);
    equal(roles.join(), 'owner,admin,manager,viewer');
    select(deep(el, '#invite-role'), 'manager');
    submit(deep<HTMLInputElement>(el, '#invite-email')!.form);
    await waitFor(() => statusText(el).includes(`An invitation was emailed to ${email}.`), 'invitation sent');
    await mailTo(email, 'token=');
    equal(invitations(el).length, 1);
    includes(invitations(el)[0]!.textContent, email);
    includes(invitations(el)[0]!.textContent, 'Manager');
    equal(deep<HTMLInputElement>(el, '#invite-email')!.value, '', 'the form is cleared:');

    button(el, 'Revoke').click();
    await waitFor(() => statusText(el).includes(`The invitation to ${email} was revoked.`), 'revoked');
    equal(invitations(el).length, 0);
    equal((await api.get('/orgs/{id}/invitations', { params: { id: org.id } })).items.length, 0);
    await expectAccessible(el);
  });

  it('resends an invitation: the first link stops working', async () => {
    const { org } = await ownedOrganization();
    const el = await panel(html`<latch-organization-members org-id=${org.id}></latch-organization-members>`);
    const email = freshEmail('resent');
    await type(deep(el, '#invite-email'), email);
    submit(deep<HTMLInputElement>(el, '#invite-email')!.form);
    await waitFor(() => invitations(el).length === 1, 'pending invitation');
    const first = await mailTo(email, 'token=');
    const after = Date.now();
    button(el, 'Resend').click();
    await waitFor(() => statusText(el).includes('The previous link no longer works.'), 'resent');
    const second = await mailTo(email, 'token=', after);
    assert(second.token && second.token !== first.token, 'a new link');
    await signOut();
    const old = await api.post('/invitations/accept', { token: first.token!, password: 'amber-quarry-lantern-57' }).catch((e) => e);
    equal(old.code, 'invalid_token');
  });

  it('changes a member\'s role and kind, and asks for the password before changing a phone number', async () => {
    const { owner, org } = await ownedOrganization();
    const member = await joinedMember(org.id, owner, { role: 'viewer', displayName: 'Ada Member' });
    const el = await panel(html`<latch-organization-members org-id=${org.id}></latch-organization-members>`);
    const row = () => memberOf(el, member.email)!;
    includes(row().textContent, 'Viewer');

    const edit = row().querySelector<HTMLButtonElement>('[part~=edit-button]')!;
    equal(edit.getAttribute('aria-label'), 'Edit Ada Member');
    edit.click();
    await waitFor(() => deep(el, '#edit-role'), 'edit form');
    equal(activeElement(), deep(el, '#edit-role'), 'focus moves into the form:');
    await expectAccessible(el);
    select(deep(el, '#edit-role'), 'admin');
    await type(deep(el, '#edit-kind'), 'clinician');
    submit(deep<HTMLSelectElement>(el, '#edit-role')!.form);
    await waitFor(() => statusText(el) === 'Ada Member was updated.', 'updated');
    includes(row().textContent, 'Administrator');
    includes(row().textContent, 'clinician');
    equal(activeElement(), row().querySelector('[part~=edit-button]'), 'focus back on the Edit button:');
    const listed = (await api.get('/orgs/{id}/members', { params: { id: org.id } })).items.find((m) => m.user.email === member.email)!;
    equal(listed.role, 'admin');
    equal(listed.kind, 'clinician');

    // An old sign-in: the phone number change needs the password.
    await advanceClock(600);
    row().querySelector<HTMLButtonElement>('[part~=edit-button]')!.click();
    await type(await waitFor(() => deep<HTMLInputElement>(el, '#edit-phone'), 'phone field'), '+41 44 668 18 00');
    submit(deep<HTMLInputElement>(el, '#edit-phone')!.form);
    const dialog = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'password prompt');
    await expectAccessible(el);
    await type(deep(el, '#reauth-password'), 'wrong-password-entirely-1');
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => errorText(dialog).includes('The password is not correct.'), 'wrong password refused');
    await type(deep(el, '#reauth-password'), owner.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => statusText(el) === 'Ada Member was updated.' && !dialog.open, 'phone changed');
    includes(row().textContent, '+41446681800');
    const after = (await api.get('/orgs/{id}/members', { params: { id: org.id } })).items.find((m) => m.user.email === member.email)!;
    equal(after.user.phoneNumber, '+41446681800');
  });

  it('removes a member after a confirmation', async () => {
    const { owner, org } = await ownedOrganization('Remove Co');
    const member = await joinedMember(org.id, owner);
    const el = await panel(html`<latch-organization-members org-id=${org.id}></latch-organization-members>`);
    memberOf(el, member.email)!.querySelector<HTMLButtonElement>('[part~=remove-button]')!.click();
    await waitFor(() => deep(el, '#remove-confirm'), 'confirmation');
    equal(activeElement(), deep(el, '#remove-confirm'));
    includes(deep(el, '#remove-question')!.textContent, `Remove ${member.email} from Remove Co?`);
    await expectAccessible(el);
    deep<HTMLButtonElement>(el, '#remove-confirm')!.click();
    await waitFor(() => statusText(el) === `${member.email} was removed.`, 'removed');
    equal(memberOf(el, member.email), undefined);
    equal((await api.get('/orgs/{id}/members', { params: { id: org.id } })).items.length, 1);
  });

  it('shows a viewer the lists and no control that changes them; a viewer can leave', async () => {
    const { owner, org } = await ownedOrganization('Readers Inc');
    const viewer = await joinedMember(org.id, owner, { role: 'viewer' });
    const other = await joinedMember(org.id, owner, { role: 'viewer' });
    await invitePending(org.id);
    await signInAs(viewer, org.id);
    const el = await panel();
    await waitFor(() => members(el).length === 3 && invitations(el).length === 1, 'members and the pending invitation');
    includes(deep(el, 'p.muted')!.textContent, 'Your role: Viewer');
    for (const part of ['edit-button', 'remove-button', 'invite-form', 'resend-button', 'revoke-button']) {
      equal(all(el, `[part~=${part}]`).length, 0, `${part} is hidden from a viewer:`);
    }
    includes(memberOf(el, other.email)!.textContent, 'Viewer');
    await expectAccessible(el);

    deep<HTMLButtonElement>(el, '[part~=leave-button]')!.click();
    await waitFor(() => deep(el, '#leave-confirm'), 'confirmation');
    includes(deep(el, '#leave-question')!.textContent, 'Leave Readers Inc?');
    const changed = new Promise<Event>((resolve) => el.addEventListener('latch-organization-change', resolve, { once: true }));
    deep<HTMLButtonElement>(el, '#leave-confirm')!.click();
    await changed;
    await waitFor(() => deep(el, 'section')!.textContent?.includes('You left Readers Inc.'), 'left');
    equal((await api.get('/orgs')).items.length, 0);
    equal((await api.me())!.activeOrganization, null);
  });

  it('tells the last owner they cannot leave', async () => {
    await ownedOrganization();
    const el = await panel();
    deep<HTMLButtonElement>(el, '[part~=leave-button]')!.click();
    (await waitFor(() => deep<HTMLButtonElement>(el, '#leave-confirm'), 'confirmation')).click();
    await waitFor(() => errorText(el).includes('An organization needs at least one owner.'), 'last owner');
  });

  it('has a tab per configured kind, searches, and loads further pages', async () => {
    const { owner, org } = await ownedOrganization();
    const clinician = await joinedMember(org.id, owner, { kind: 'clinician', displayName: 'Dr Quinn' });
    await joinedMember(org.id, owner, { kind: 'employee', displayName: 'Sam Staff' });
    const el = await panel(html`<latch-organization-members base-url="/auth-kinds" page-size="2"></latch-organization-members>`);
    const tabs = all<HTMLButtonElement>(el, '[role=tab]');
    equal(tabs.map((t) => t.textContent).join(), 'All,Employees,Clinicians');
    equal(tabs[0]!.getAttribute('aria-selected'), 'true');
    equal(members(el).length, 2);
    await expectAccessible(el);

    deep<HTMLButtonElement>(el, '[part~=load-more-button]')!.click();
    await waitFor(() => members(el).length === 3, 'the second page');
    equal(deep(el, '[part~=load-more-button]'), null);

    // Arrow keys move between tabs and show that kind.
    tabs[0]!.focus();
    tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, composed: true }));
    await waitFor(() => all(el, '[role=tab]')[2]!.getAttribute('aria-selected') === 'true', 'the Clinicians tab');
    equal(activeElement(), all(el, '[role=tab]')[2]);
    await waitFor(() => members(el).length === 1, 'clinicians only');
    includes(members(el)[0]!.textContent, 'Dr Quinn');
    includes(members(el)[0]!.textContent, 'Clinicians');
    equal(deep(el, '[role=tabpanel]')!.getAttribute('aria-labelledby'), 'tab-clinician');

    all<HTMLButtonElement>(el, '[role=tab]')[0]!.click();
    await waitFor(() => members(el).length === 2, 'everyone again');
    await type(deep(el, '#member-search'), clinician.email);
    submit(deep<HTMLInputElement>(el, '#member-search')!.form);
    await waitFor(() => members(el).length === 1 && members(el)[0]!.textContent?.includes(clinician.email), 'the search result');

    // The kind select offers the configured kinds by label.
    members(el)[0]!.querySelector<HTMLButtonElement>('[part~=edit-button]')!.click();
    const kinds = await waitFor(() => deep<HTMLSelectElement>(el, '#edit-kind'), 'kind select');
    equal([...kinds.options].map((o) => o.textContent).join(), 'None,Employees,Clinicians');
    equal(kinds.value, 'clinician');
  });

  it('fits 360 px, in the dark theme and in German', async () => {
    const { owner, org } = await ownedOrganization('Eine sehr lange Organisationsbezeichnung GmbH & Co. KG');
    await joinedMember(org.id, owner, { role: 'manager', displayName: 'Maximiliane Mustermann-Schwarzenberger' });
    await invitePending(org.id);
    await colorScheme('dark');
    const root = await fixture<HTMLElement>(html`<div lang="de" style="width:360px"><latch-organization-members base-url="/auth-kinds"></latch-organization-members></div>`);
    const el = root.querySelector<LatchOrganizationMembers>('latch-organization-members')!;
    await waitFor(() => members(el).length === 2 && invitations(el).length === 1, 'loaded');
    equal(deep(el, 'h2')!.textContent, 'Mitglieder');
    includes(deep(el, 'p.muted')!.textContent, 'Ihre Rolle: Inhaber');
    equal(all(el, '[role=tab]')[0]!.textContent, 'Alle');
    members(el).find((m) => !m.querySelector('[part~=you-badge]'))!.querySelector<HTMLButtonElement>('[part~=edit-button]')!.click();
    await waitFor(() => deep(el, '#edit-phone'), 'edit form');
    equal(el.scrollWidth <= 360, true, `scrollWidth ${el.scrollWidth}`);
    await expectAccessible(root);
  });

  it('says so when there is no active organization, or the organization is not the caller\'s', async () => {
    await ownedOrganization();
    await api.post('/me/active-organization', { organizationId: null });
    const none = await fixture<LatchOrganizationMembers>(html`<latch-organization-members></latch-organization-members>`);
    await waitFor(() => deep(none, 'section')!.textContent?.includes('Choose an organization first.'), 'no organization');
    const { org } = await ownedOrganization();
    await signOut();
    await ownedOrganization();
    const stranger = await fixture<LatchOrganizationMembers>(html`<latch-organization-members org-id=${org.id}></latch-organization-members>`);
    await waitFor(() => deep(stranger, 'section')!.textContent?.includes('This organization does not exist, or you are not a member of it.'), 'not found');
    equal(members(stranger).length, 0);
  });
});

/** One pending invitation in the organization, sent by the signed-in account. */
async function invitePending(orgId: string): Promise<void> {
  await api.post('/orgs/{id}/invitations', { email: freshEmail('pending'), role: 'viewer' }, { params: { id: orgId } });
}
