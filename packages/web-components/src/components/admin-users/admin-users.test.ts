import { html } from 'lit';
import type { LatchAdminUsers } from './admin-users.js';
import type { LatchAdminUserChangeEvent } from '../../events/admin-user-change.js';
import '../../locales/de.js';
import '../../locales/fr.js';
import {
  activeElement, advanceClock, all, api, assert, button, cleanup, colorScheme, deep, equal, errorText, expectAccessible, fixture, includes, mailTo, newUser, otherSession, signOut,
  statusText, submit, type, waitFor,
} from '../../../test/helpers.js';

type Person = Awaited<ReturnType<typeof newUser>>;

/** Signs `person` in in this browser. */
async function signIn(person: Person): Promise<void> {
  await signOut();
  await api.post('/sign-in', { email: person.email, password: person.password });
}

/** An account's id, looked up by email (the signed-in account must read the admin API). */
async function idOf(email: string): Promise<string> {
  const page = await api.get('/admin/users', { query: { query: email } });
  const user = page.items.find((u) => u.email === email);
  assert(user, `no account ${email}`);
  return user.id;
}

const items = (el: Element) => all(el, 'ul[part~=list] > [part~=item][data-user]');
const emails = (el: Element) => items(el).map((li) => li.querySelector('div.small.muted')?.textContent?.trim());

/** Renders the console and waits for the list (or the details) to load. */
async function console_(template = html`<latch-admin-users></latch-admin-users>`): Promise<LatchAdminUsers> {
  const el = await fixture<LatchAdminUsers>(template);
  await waitFor(() => deep(el, 'form[part~=filters]') || deep(el, '.sections'), 'the console to load');
  return el;
}

/** Searches the list for `text` as a person would. */
async function search(el: LatchAdminUsers, text: string): Promise<void> {
  await type(deep<HTMLInputElement>(el, '#query'), text);
  submit(deep<HTMLFormElement>(el, 'form[part~=filters]'));
  await el.updateComplete;
  await waitFor(() => statusText(el).includes('shown') || statusText(el).includes('No account'), 'the search answer');
}

/** Opens the account whose email is `email` from the list. */
async function openUser(el: LatchAdminUsers, email: string): Promise<void> {
  await search(el, email);
  const item = items(el).find((li) => li.textContent?.includes(email));
  assert(item, `${email} is not listed`);
  item.querySelector<HTMLButtonElement>('[part~=user-link]')!.click();
  await waitFor(() => deep(el, '.sections'), 'the details');
}

function select(el: Element, id: string, value: string): void {
  const control = deep<HTMLSelectElement>(el, `#${id}`)!;
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('latch-admin-users', () => {
  beforeEach(signOut);
  afterEach(cleanup);

  it('lists accounts, searches by email or name, and filters by role and status', async () => {
    const admin = await newUser('admin');
    const manager = await newUser('manager');
    const plain = await newUser();
    await signIn(admin);
    await api.patch('/admin/users/{id}', { disabled: true }, { params: { id: await idOf(plain.email) } });

    const el = await console_();
    await waitFor(() => items(el).length > 0, 'accounts listed');
    equal(deep(el, 'h2')?.textContent, 'Users');
    await expectAccessible(el);

    await search(el, manager.email);
    equal(items(el).length, 1);
    includes(items(el)[0]!.textContent, manager.displayName);
    includes(items(el)[0]!.textContent, 'Manager');
    equal(statusText(el), '1 account shown.');

    // By name, any case.
    await search(el, manager.displayName.toUpperCase());
    includes(emails(el).join(' '), manager.email);

    // Role: a select applies at once.
    await search(el, '');
    select(el, 'role', 'manager');
    await waitFor(() => items(el).length > 0 && items(el).every((li) => li.textContent?.includes('Manager')), 'managers only');
    includes(emails(el).join(' '), manager.email);
    equal(emails(el).includes(plain.email), false);

    // Status: disabled accounts only.
    select(el, 'role', '');
    select(el, 'status', 'disabled');
    await waitFor(() => emails(el).includes(plain.email), 'the disabled account');
    equal(items(el).every((li) => li.textContent?.includes('Disabled')), true, 'only disabled accounts:');

    await search(el, 'nobody-has-this-address.example');
    equal(items(el).length, 0);
    includes(el.shadowRoot!.querySelector('section')?.textContent, 'No account matches.');

    button(el, 'Clear filters').click();
    await waitFor(() => items(el).length > 1, 'every account again');
    equal(deep<HTMLSelectElement>(el, '#status')!.value, '');
  });

  it('pages on with "Load more"', async () => {
    const admin = await newUser('admin');
    await Promise.all([newUser(), newUser(), newUser()]);
    await signIn(admin);
    const el = await console_(html`<latch-admin-users page-size="2"></latch-admin-users>`);
    await waitFor(() => items(el).length === 2, 'the first page');
    const first = emails(el);
    button(el, 'Load more').click();
    await waitFor(() => items(el).length === 4, 'the second page');
    equal(emails(el).slice(0, 2).join(), first.join());
    equal(new Set(emails(el)).size, 4, 'no account twice:');
    await waitFor(() => activeElement() === items(el)[2]!.querySelector('[part~=user-link]'), 'focus on the first new account');
  });

  it('shows a viewer and a manager every account but no control that changes one', async () => {
    const target = await newUser();
    for (const role of ['viewer', 'manager']) {
      const reader = await newUser(role);
      await signIn(reader);
      const el = await console_();
      await waitFor(() => items(el).length > 0, `accounts listed for a ${role}`);
      includes(el.shadowRoot!.textContent, 'You can view accounts but not change them.');
      equal(deep(el, '[part~=create-button]'), null, `${role}: no create button`);

      await openUser(el, target.email);
      equal(deep(el, 'h2')?.textContent, target.displayName);
      await waitFor(() => deep(el, '[data-activity]') || el.shadowRoot!.textContent?.includes('No activity yet.'), 'activity');
      for (const part of ['action-button', 'submit-button', 'revoke-button', 'confirmation']) {
        equal(all(el, `section [part~=${part}]`).length, 0, `${role}: no ${part}`);
      }
      equal(all(el, '.sections input, .sections select').length, 0, `${role}: no form control`);
      includes(deep(el, '[aria-labelledby=profile-title]')?.textContent, target.email);
      await expectAccessible(el);
      cleanup();
    }
  });

  it('lets an admin disable and re-enable an account, and grant only roles below admin', async () => {
    const admin = await newUser('admin');
    const target = await newUser();
    const other = await newUser('admin');
    await signIn(admin);
    const id = await idOf(target.email);
    const el = await console_();
    const changes: string[] = [];
    el.addEventListener('latch-admin-user-change', (e: LatchAdminUserChangeEvent) => changes.push(`${e.action} ${e.user.disabled}`));
    await openUser(el, target.email);
    await expectAccessible(el);

    // Only roles ranked below admin can be granted.
    const roleChoices = all<HTMLInputElement>(el, '[aria-labelledby=roles-title] input[name=roles]').map((i) => i.value);
    equal(roleChoices.join(), 'manager,viewer');

    const disable = button(el, 'Disable account…');
    disable.focus();
    disable.click();
    const confirmation = await waitFor(() => deep(el, '[part~=confirmation]'), 'the confirmation');
    includes(confirmation.textContent, `Disable ${target.displayName}?`);
    await waitFor(() => activeElement() === deep(el, '#confirm-title'), 'focus on the confirmation');
    await expectAccessible(el);
    button(el, 'Cancel').click();
    await waitFor(() => !deep(el, '[part~=confirmation]'), 'the confirmation to close');
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.disabled, false, 'cancel changes nothing:');
    await waitFor(() => activeElement() === deep(el, '[data-action=disable]'), 'focus back on the button');
    // Escape cancels too.
    button(el, 'Disable account…').click();
    await waitFor(() => activeElement() === deep(el, '#confirm-title'), 'the confirmation again');
    deep(el, '#confirm-title')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitFor(() => !deep(el, '[part~=confirmation]'), 'Escape to close the confirmation');
    await waitFor(() => activeElement() === deep(el, '[data-action=disable]'), 'focus back on the button after Escape');

    button(el, 'Disable account…').click();
    await waitFor(() => deep(el, '[part~=confirmation]'), 'the confirmation');
    button(el, 'Disable account').click();
    await waitFor(() => statusText(el) === `${target.displayName} is disabled.`, 'disabled');
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.disabled, true);
    includes(deep(el, '[aria-labelledby=status-title]')?.textContent, 'Disabled');
    // A disabled account gets no reset link.
    equal(all(el, '[data-action=reset]').length, 0);
    await waitFor(() => activeElement() === deep(el, '[data-action=enable]'), 'focus on Enable');

    button(el, 'Enable account').click();
    await waitFor(() => statusText(el) === `${target.displayName} is enabled again.`, 'enabled');
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.disabled, false);
    equal(changes.join('; '), 'disabled true; enabled false');

    // Back on the list, the account shows its new state and has focus.
    button(el, '← Back to users').click();
    await waitFor(() => deep(el, 'form[part~=filters]'), 'the list');
    const entry = items(el).find((li) => li.textContent?.includes(target.email));
    includes(entry?.textContent, 'Enabled');
    await waitFor(() => activeElement() === entry?.querySelector('[part~=user-link]'), 'focus on the account');

    // Another administrator's account offers the admin nothing to change.
    await openUser(el, other.email);
    equal(all(el, '.sections [part~=action-button], .sections [part~=submit-button]').length, 0);
    includes(el.shadowRoot!.textContent, 'Your role does not allow this.');
  });

  it('lets a super admin grant every role, and shows no role control on their own account', async () => {
    const owner = await newUser('super_admin');
    const target = await newUser();
    await signIn(owner);
    const id = await idOf(target.email);
    const el = await console_(html`<latch-admin-users user-id=${id}></latch-admin-users>`);
    const changes: string[] = [];
    el.addEventListener('latch-admin-user-change', (e: LatchAdminUserChangeEvent) => changes.push(`${e.action} ${e.user.roles.join('+')}`));
    const choice = (role: string) => deep<HTMLInputElement>(el, `[aria-labelledby=roles-title] input[value=${role}]`);
    await waitFor(() => choice('admin'), 'the role choices');
    equal(all<HTMLInputElement>(el, '[aria-labelledby=roles-title] input[name=roles]').map((i) => i.value).join(), 'super_admin,admin,manager,viewer');
    choice('admin')!.click();
    submit(choice('admin')!.form);
    await waitFor(() => statusText(el) === 'Roles saved.', 'saved');
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.roles.join(), 'admin');
    includes(deep(el, '.tags.summary')?.textContent, 'Administrator');
    equal(changes.join(), 'roles-changed admin');

    el.userId = await idOf(owner.email);
    await waitFor(() => deep(el, 'h2')?.textContent === owner.displayName, 'the own account');
    equal(all(el, '[aria-labelledby=roles-title] input').length, 0, 'no role control on the own account:');
    includes(deep(el, '[aria-labelledby=roles-title]')?.textContent, 'You cannot change your own roles.');
    equal(all(el, '[part~=action-button]').length, 0, 'no account action on the own account:');
    assert(deep(el, '#displayName'), 'the own profile can be edited');
  });

  it('asks for the password before removing second factors, and says when it is wrong', async () => {
    const target = await newUser();
    await signIn(target);
    await api.post('/me/two-factor/email/enable', { password: target.password });
    const admin = await newUser('admin');
    await signIn(admin);
    const id = await idOf(target.email);
    const el = await console_(html`<latch-admin-users user-id=${id}></latch-admin-users>`);
    await waitFor(() => deep(el, 'ul[data-factors]'), 'the second factors');
    includes(deep(el, 'ul[data-factors]')!.textContent, 'Email codes');

    button(el, 'Remove second factors…').click();
    const password = await waitFor(() => deep<HTMLInputElement>(el, '#admin-password'), 'the password field');
    await waitFor(() => activeElement() === password, 'focus on the password');
    equal(password.type, 'password');
    equal(password.getAttribute('autocomplete'), 'current-password');
    await expectAccessible(el);

    submit(password.form);
    await waitFor(() => errorText(el) === 'Enter your password.', 'a password is required');

    await type(password, 'not-my-password');
    submit(password.form);
    await waitFor(() => errorText(el) === 'Your password is not correct.', 'the wrong password');
    equal(deep(el, '#admin-password')?.getAttribute('aria-invalid'), 'true');
    const kept = (await api.get('/admin/users/{id}', { params: { id } })) as { twoFactor?: { email: boolean } };
    equal(kept.twoFactor?.email, true, 'nothing removed yet:');

    await type(deep<HTMLInputElement>(el, '#admin-password'), admin.password);
    submit(deep<HTMLInputElement>(el, '#admin-password')!.form);
    await waitFor(() => statusText(el) === `Every second factor of ${target.displayName} was removed.`, 'removed');
    await waitFor(() => deep(el, '[data-factors=none]'), 'no second factor left');
    const after = (await api.get('/admin/users/{id}', { params: { id } })) as { twoFactor?: { email: boolean; totp: boolean; backupCodesRemaining: number } };
    equal(after.twoFactor?.email, false);
    equal(after.twoFactor?.backupCodesRemaining, 0);
  });

  it('changes the profile (the phone number asks for the password), emails a reset link, signs out everywhere and revokes an API key', async () => {
    const target = await newUser();
    await signIn(target);
    await api.post('/me/api-keys', { name: 'Deploy bot', scopes: ['read'] });
    const orgName = `Ward ${Date.now().toString(36)}`;
    await api.post('/orgs', { name: orgName });
    await otherSession(target.email);
    const admin = await newUser('admin');
    await signIn(admin);
    const id = await idOf(target.email);
    const el = await console_(html`<latch-admin-users user-id=${id}></latch-admin-users>`);
    const changes: string[] = [];
    el.addEventListener('latch-admin-user-change', (e: LatchAdminUserChangeEvent) => changes.push(e.action));
    await waitFor(() => deep(el, 'ul[data-keys]'), 'the API keys');
    includes(deep(el, 'ul[data-keys]')!.textContent, 'Deploy bot');
    const sessions = (await api.get('/admin/users/{id}', { params: { id } })).sessions;
    equal(sessions > 0, true, 'the account has sessions:');
    equal(deep(el, '[data-sessions]')?.textContent, `${sessions} active session${sessions === 1 ? '' : 's'}`);
    // The organizations the account belongs to, with its role in each.
    const org = deep(el, 'ul[data-organizations] > li');
    includes(org?.textContent, orgName);
    includes(org?.textContent, 'Owner');

    // A new name saves at once; a phone number change needs the administrator's password when the sign-in is not recent.
    await advanceClock(600);
    await type(deep(el, '#displayName'), 'Renamed Person');
    await type(deep(el, '#phoneNumber'), '+41 44 668 18 00');
    submit(deep<HTMLFormElement>(el, '#displayName')!.closest('form'));
    const prompt = await waitFor(() => deep<HTMLDialogElement>(el, 'dialog[open]'), 'the password prompt');
    await expectAccessible(el);
    await type(deep(el, '#reauth-password'), admin.password);
    submit(deep<HTMLInputElement>(el, '#reauth-password')!.form);
    await waitFor(() => statusText(el) === 'Profile saved.', 'saved');
    equal(prompt.open, false);
    const saved = (await api.get('/admin/users/{id}', { params: { id } })).user;
    equal(saved.displayName, 'Renamed Person');
    equal(saved.phoneNumber, '+41446681800');
    equal(deep(el, 'h2')?.textContent, 'Renamed Person');

    // A number that is none: the server's field problem is shown at the field.
    await type(deep(el, '#phoneNumber'), '12');
    submit(deep<HTMLFormElement>(el, '#phoneNumber')!.closest('form'));
    await waitFor(() => deep(el, '#phoneNumber')?.getAttribute('aria-invalid') === 'true', 'the phone number refused');
    includes(deep(el, '#phoneNumber-error')?.textContent, 'country code');

    button(el, 'Send password reset').click();
    await waitFor(() => statusText(el) === `A password reset link was emailed to ${target.email}.`, 'reset sent');
    assert((await mailTo(target.email, '/reset-password')).token, 'a reset link');

    button(el, 'Sign out everywhere').click();
    await waitFor(() => statusText(el) === 'Renamed Person was signed out everywhere.', 'signed out');
    equal(deep(el, '[data-sessions]')?.textContent, '0 active sessions');
    equal((await api.get('/admin/users/{id}', { params: { id } })).sessions, 0);

    deep<HTMLButtonElement>(el, 'button[aria-label="Revoke: Deploy bot"]')!.click();
    await waitFor(() => statusText(el) === 'The API key Deploy bot was revoked.', 'revoked');
    equal(deep(el, 'ul[data-keys]'), null);
    includes(deep(el, '[aria-labelledby=keys-title]')?.textContent, 'No API keys.');
    equal((await api.get('/admin/users/{id}/api-keys', { params: { id } })).items.length, 0);

    // What was done shows in the account's activity.
    await waitFor(() => deep(el, '[data-event="admin.sessions_revoked"]'), 'the activity');
    includes(deep(el, '[data-event="admin.sessions_revoked"]')!.textContent, 'by an administrator');
    equal(changes.join(), 'updated,password-reset-sent,signed-out-everywhere,api-key-revoked');
  });

  it('creates an account with an invitation, and shows the server refusing a taken address', async () => {
    const admin = await newUser('admin');
    const existing = await newUser();
    await signIn(admin);
    const el = await console_();
    button(el, 'Create user').click();
    await waitFor(() => activeElement() === deep(el, '#new-email'), 'the create form');
    equal(deep(el, 'h2')?.textContent, 'Create a user');
    equal(all<HTMLInputElement>(el, 'input[name=roles]').map((i) => i.value).join(), 'manager,viewer', 'an admin grants no admin role:');
    await expectAccessible(el);

    submit(deep<HTMLFormElement>(el, 'form[part~=form]'));
    await waitFor(() => errorText(el) === 'Enter your email address.', 'the email is required');

    await type(deep(el, '#new-email'), existing.email);
    await type(deep(el, '#new-name'), 'Someone Else');
    submit(deep<HTMLFormElement>(el, 'form[part~=form]'));
    await waitFor(() => errorText(el) === 'This email address already belongs to an account.', 'email_taken');
    equal(deep(el, '#new-email')?.getAttribute('aria-invalid'), 'true');

    const email = `invited.${Date.now().toString(36)}@example.com`;
    await type(deep(el, '#new-email'), email);
    deep<HTMLInputElement>(el, 'input[name=roles][value=manager]')!.click();
    await type(deep(el, '#new-kind'), 'clinician');
    submit(deep<HTMLFormElement>(el, 'form[part~=form]'));
    await waitFor(() => statusText(el) === `An invitation was emailed to ${email}.`, 'created');
    equal(deep(el, 'h2')?.textContent, 'Someone Else');
    includes(deep(el, '[aria-labelledby=roles-title]')?.textContent, 'Manager');
    const mail = await mailTo(email, '/accept-invite');
    assert(mail.token, 'an invitation link');
    const created = (await api.get('/admin/users', { query: { query: email } })).items[0]!;
    equal(created.kind, 'clinician');
    equal(created.roles.join(), 'manager');
  });

  it('offers the record kinds the server is configured with, by their labels', async () => {
    const admin = await newUser('admin');
    await signIn(admin);
    const el = await console_(html`<latch-admin-users base-url="/auth-kinds"></latch-admin-users>`);
    const options = (id: string) => all<HTMLOptionElement>(el, `#${id} option`).map((o) => `${o.value}:${o.textContent}`).join();
    equal(options('filter-kind'), ':Any kind,user:User,employee:Employees,clinician:Clinicians');
    button(el, 'Create user').click();
    await waitFor(() => deep(el, '#new-email'), 'the create form');
    equal(options('new-kind'), 'user:User,employee:Employees,clinician:Clinicians');
    const email = `clinician.${Date.now().toString(36)}@example.com`;
    await type(deep(el, '#new-email'), email);
    await type(deep(el, '#new-name'), 'Dr Who');
    const kind = deep<HTMLSelectElement>(el, '#new-kind')!;
    kind.value = 'clinician';
    submit(kind.form);
    await waitFor(() => statusText(el) === `An invitation was emailed to ${email}.`, 'created');
    equal(deep<HTMLSelectElement>(el, '#kind')?.value, 'clinician');
    button(el, '← Back to users').click();
    await waitFor(() => deep(el, '#filter-kind'), 'the list');
    const filter = deep<HTMLSelectElement>(el, '#filter-kind')!;
    filter.value = 'clinician';
    filter.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => items(el).length > 0 && items(el).every((li) => li.textContent?.includes('Clinicians')), 'clinicians only');
    includes(emails(el).join(' '), email);
    await expectAccessible(el);
  });

  it('offers the host\'s own roles by their labels: an admin grants one, filters by it and removes it', async () => {
    const admin = await newUser('admin');
    await signIn(admin);
    const el = await console_(html`<latch-admin-users base-url="/auth-kinds"></latch-admin-users>`);
    const options = all<HTMLOptionElement>(el, '#role option').map((o) => `${o.value}:${o.textContent}`).join();
    equal(options, ':Any role,super_admin:Super administrator,admin:Administrator,manager:Manager,viewer:Viewer,support:Support desk');

    button(el, 'Create user').click();
    await waitFor(() => deep(el, '#new-email'), 'the create form');
    const choices = () => all<HTMLInputElement>(el, 'input[name=roles]').map((i) => `${i.value}:${i.parentElement?.textContent?.trim()}`).join();
    equal(choices(), 'manager:Manager,viewer:Viewer,support:Support desk', 'an admin grants the host role, not admin ones:');
    const email = `support.${Date.now().toString(36)}@example.com`;
    await type(deep(el, '#new-email'), email);
    await type(deep(el, '#new-name'), 'Desk Person');
    deep<HTMLInputElement>(el, 'input[name=roles][value=support]')!.click();
    submit(deep<HTMLFormElement>(el, 'form[part~=form]'));
    await waitFor(() => statusText(el) === `An invitation was emailed to ${email}.`, 'created');
    const id = await idOf(email);
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.roles.join(), 'support');
    includes(deep(el, '.tags.summary')?.textContent, 'Support desk');
    const box = deep<HTMLInputElement>(el, '[aria-labelledby=roles-title] input[value=support]')!;
    equal(box.checked, true);
    await expectAccessible(el);

    button(el, '← Back to users').click();
    await waitFor(() => deep(el, '#role'), 'the list');
    select(el, 'role', 'support');
    await waitFor(() => items(el).length > 0 && items(el).every((li) => li.textContent?.includes('Support desk')), 'support holders only');
    includes(emails(el).join(' '), email);

    el.userId = id;
    await waitFor(() => deep(el, '[aria-labelledby=roles-title] input[value=support]'), 'the role editor');
    deep<HTMLInputElement>(el, '[aria-labelledby=roles-title] input[value=support]')!.click();
    submit(deep<HTMLFormElement>(el, '[aria-labelledby=roles-title] form'));
    await waitFor(() => statusText(el) === 'Roles saved.', 'saved');
    equal((await api.get('/admin/users/{id}', { params: { id } })).user.roles.length, 0);
  });

  it('is accessible in the dark scheme, speaks German and French, and fits 360 px', async () => {
    const target = await newUser();
    await signIn(target);
    await api.post('/me/two-factor/email/enable', { password: target.password });
    const admin = await newUser('admin');
    await signIn(admin);
    await colorScheme('dark');
    try {
      const el = await console_();
      equal(getComputedStyle(el).backgroundColor, 'rgb(23, 25, 30)');
      await openUser(el, target.email);
      await expectAccessible(el);
      button(el, 'Remove second factors…').click();
      const password = await waitFor(() => deep<HTMLInputElement>(el, '#admin-password'), 'the password field');
      submit(password.form);
      await waitFor(() => errorText(el) === 'Enter your password.', 'the error');
      await expectAccessible(el);
    } finally {
      await colorScheme('light');
    }
    cleanup();

    const de = await fixture<HTMLElement>(html`<div lang="de"><latch-admin-users></latch-admin-users></div>`);
    const deConsole = de.querySelector<LatchAdminUsers>('latch-admin-users')!;
    await waitFor(() => deep(deConsole, 'form[part~=filters]'), 'the German console');
    equal(deep(deConsole, 'h2')?.textContent, 'Benutzer');
    equal(deep(deConsole, 'label[for=query]')?.textContent, 'Name oder E-Mail-Adresse');
    const fr = await fixture<HTMLElement>(html`<div lang="fr"><latch-admin-users></latch-admin-users></div>`);
    const frConsole = fr.querySelector<LatchAdminUsers>('latch-admin-users')!;
    await waitFor(() => deep(frConsole, 'form[part~=filters]'), 'the French console');
    equal(deep(frConsole, 'h2')?.textContent, 'Utilisateurs');
    cleanup();

    const narrow = await fixture<HTMLElement>(html`<div style="width:360px"><latch-admin-users></latch-admin-users></div>`);
    const el = narrow.querySelector<LatchAdminUsers>('latch-admin-users')!;
    await waitFor(() => items(el).length > 0, 'accounts listed');
    const fits = (what: string) => equal(el.scrollWidth <= 360 && el.shadowRoot!.querySelector('section')!.scrollWidth <= el.clientWidth, true, `${what} overflows: ${el.scrollWidth}`);
    fits('the list');
    await openUser(el, target.email);
    await waitFor(() => deep(el, '[data-activity]') || el.shadowRoot!.textContent?.includes('No activity yet.'), 'activity');
    fits('the details');
    for (const section of all(el, '.sections > section')) {
      equal(section.scrollWidth <= section.clientWidth + 2, true, `${section.getAttribute('aria-labelledby')} overflows`);
    }
    button(el, 'Disable account…').click();
    await waitFor(() => deep(el, '[part~=confirmation]'), 'the confirmation');
    fits('the confirmation');
    button(el, '← Back to users').click();
    await waitFor(() => deep(el, '[part~=create-button]'), 'the list');
    button(el, 'Create user').click();
    await waitFor(() => deep(el, '#new-email'), 'the create form');
    fits('the create form');
    await expectAccessible(el);
  });

  it('tells someone without an administration role, and someone signed out, what to do', async () => {
    const el = await fixture<LatchAdminUsers>(html`<latch-admin-users></latch-admin-users>`);
    await waitFor(() => deep(el, 'a[href="/sign-in"]'), 'the sign-in link');
    includes(el.shadowRoot!.textContent, 'Sign in to administer accounts.');
    cleanup();
    const plain = await newUser();
    await signIn(plain);
    const other = await fixture<LatchAdminUsers>(html`<latch-admin-users></latch-admin-users>`);
    await waitFor(() => other.shadowRoot!.textContent?.includes('Your account has no administration role.'), 'the notice');
    equal(deep(other, 'form[part~=filters]'), null);
    await expectAccessible(other);
  });
});
