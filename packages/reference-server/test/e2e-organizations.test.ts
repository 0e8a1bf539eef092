/**
 * End to end: organizations and administration on the reference server's pages in Chromium
 * (playwright-core). A super admin signs in from the console's sign-in link, creates an
 * organization and invites its owner; the owner activates the account from the emailed link,
 * invites an employee and a clinician (kinds from LATCH_KINDS) and an existing account as a
 * viewer, who signs in from the invitation and comes back to it; the owner changes the
 * clinician's phone number (behind the password prompt) and role; the viewer sees the members
 * without a control that changes them and the server refuses such a change; a removed member's
 * session loses the organization at once. A screenshot of every open page is saved under
 * test-results/e2e-organizations/ when a step fails.
 *
 * Needs the web-components build (`/components/latch.js`) and Chromium (/usr/bin/chromium or
 * CHROMIUM_PATH).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { silentLogger, systemContext } from '@latch/server-sdk';
import { startServer, type RunningServer } from '../src/index.js';
import { screenshotSteps } from './browser-steps.js';
import { freePort } from './helpers.js';

const artifacts = fileURLToPath(new URL('../test-results/e2e-organizations/', import.meta.url));
const password = 'quiet-lantern-harbor-58';
const tag = Date.now().toString(36);
const people = {
  admin: { email: `sam.${tag}@example.com`, name: 'Sam Super' },
  owner: { email: `olivia.${tag}@example.com`, name: 'Olivia Owner' },
  employee: { email: `eli.${tag}@example.com`, name: 'Eli Employee' },
  clinician: { email: `cleo.${tag}@example.com`, name: 'Cleo Clinician' },
  viewer: { email: `vera.${tag}@example.com`, name: 'Vera Viewer' },
};
const organizationName = 'Northwind Clinic';

let running: RunningServer;
let browser: Browser;
let base: string;
let dataDir: string;
const contexts: BrowserContext[] = [];


interface Mail { to: string; template: string; text: string }

/** The mails to `to` in the development mailbox, newest first. */
async function mailsTo(to: string): Promise<Mail[]> {
  const answer = await fetch(`${base}/dev/mailbox?format=json`);
  assert.equal(answer.status, 200);
  const { items } = await answer.json() as { items: Mail[] };
  return items.filter((m) => m.to.includes(to));
}

/** Polls (bounded) until `probe` yields a value. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The newest link containing `needle` in a mail to `to`. */
function mailLink(to: string, needle: string): Promise<string> {
  return eventually(`a mail to ${to} with a ${needle} link`, async () => {
    for (const m of await mailsTo(to)) {
      const link = m.text.match(/https?:\/\/\S+/g)?.find((l) => l.includes(needle));
      if (link) return link;
    }
    return undefined;
  });
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** A request from inside the page, with its cookies and origin, as the page's own script would make it. */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  return page.evaluate(async ({ method, path, body }) => {
    const answer = await fetch(`/auth${path}`, {
      method, credentials: 'same-origin',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    return { status: answer.status, body: text ? JSON.parse(text) : null };
  }, { method, path, body });
}

/** Runs one step of the story; on failure saves a screenshot of every open page. */
const step = screenshotSteps(contexts, artifacts);

async function signIn(page: Page, email: string): Promise<void> {
  await page.locator('latch-login-form #email').fill(email);
  await page.locator('latch-login-form #password').fill(password);
  await page.locator('latch-login-form #password').press('Enter');
}

/** Opens an emailed invitation for a new address and activates the account with a password. */
async function acceptAsNewAccount(page: Page, email: string, name: string): Promise<void> {
  await page.goto(await mailLink(email, '/accept-invite?token='));
  const form = page.locator('latch-accept-invite');
  await form.locator('#password').waitFor();
  await form.locator('#displayName').fill(name);
  await form.locator('#password').fill(password);
  await form.locator('#confirm').fill(password);
  await form.getByRole('button', { name: 'Activate account' }).click();
  // The page goes on to the organization the invitation joined.
  await page.waitForURL(`${base}/org`);
  await page.locator('latch-organization-members').getByText(`${organizationName} · Your role:`).waitFor();
}

/** Invites `email` from the members element on the page. */
async function invite(page: Page, email: string, role: string, kind: string): Promise<void> {
  const members = page.locator('latch-organization-members');
  await members.locator('#invite-email').fill(email);
  await members.locator('#invite-role').selectOption(role);
  await members.locator('#invite-kind').selectOption(kind);
  await members.getByRole('button', { name: 'Send invitation' }).click();
  await members.getByText(`An invitation was emailed to ${email}.`).waitFor();
  await members.locator('[part~=invitation]').filter({ hasText: email }).waitFor();
}

const member = (page: Page, name: string) => page.locator('latch-organization-members [part~=member]').filter({ hasText: name });

before(async () => {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'latch-e2e-org-'));
  base = `http://localhost:${port}`;
  running = await startServer({
    env: { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LATCH_DATA_DIR: dataDir, LATCH_KINDS: 'employee:Employees,clinician:Clinicians' },
    logger: pino({ level: 'silent' }),
    // No sign-in counts as recent proof of presence, so a phone number change always asks for the password.
    overrides: { logger: silentLogger, sessions: { reauthWindowSeconds: 0 } },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
});

after(async () => {
  await browser?.close();
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('an organization is set up, staffed and administered in the browser', { timeout: 300_000 }, async () => {
  await running.latch.provisionUser({ email: people.admin.email, displayName: people.admin.name, password, roles: ['super_admin'] }, systemContext('e2e'));
  await running.latch.provisionUser({ email: people.viewer.email, displayName: people.viewer.name, password }, systemContext('e2e'));

  const admin = await newPage();
  await step('the console asks a visitor to sign in and comes back', async () => {
    await admin.goto(`${base}/admin`);
    const console_ = admin.locator('latch-admin-users');
    await console_.getByText('Sign in to administer accounts.').waitFor();
    await console_.getByRole('link', { name: 'Sign in' }).click();
    await admin.waitForURL(`${base}/sign-in?redirect=%2Fadmin`);
    await signIn(admin, people.admin.email);
    await admin.waitForURL(`${base}/admin`);
    await console_.locator('[part~=item]').filter({ hasText: people.admin.email }).waitFor();
  });

  const organizationId = await step('the super admin creates an organization', async () => {
    await admin.goto(`${base}/org`);
    const create = admin.locator('latch-create-organization');
    await create.locator('#name').waitFor();
    await admin.getByText('Choose an organization first.').waitFor();
    await create.locator('#name').fill(organizationName);
    await create.getByRole('button', { name: 'Create organization' }).click();
    await admin.locator('latch-organization-members').getByText(`${organizationName} · Your role: Owner`).waitFor();
    await admin.locator('[data-when-no-organization]').waitFor({ state: 'hidden' });
    await admin.locator('latch-organization-switcher [part~=button]').filter({ hasText: organizationName }).waitFor();
    const me = await api(admin, 'GET', '/me');
    assert.equal(me.body.activeOrganization.name, organizationName);
    assert.equal(me.body.activeOrganization.role, 'owner');
    return me.body.activeOrganization.id as string;
  });

  await step('the super admin invites the owner', () => invite(admin, people.owner.email, 'owner', 'employee'));

  const owner = await newPage();
  await step('the owner activates the account from the email', async () => {
    await acceptAsNewAccount(owner, people.owner.email, people.owner.name);
    await owner.locator('latch-organization-members').getByText('Your role: Owner').waitFor();
    await owner.locator('latch-organization-switcher [part~=button]').filter({ hasText: organizationName }).waitFor();
  });

  await step('the owner invites an employee, a clinician and an existing account as viewer', async () => {
    const members = owner.locator('latch-organization-members');
    // The kinds come from LATCH_KINDS, with their labels.
    assert.deepEqual(await members.locator('#invite-kind option').allTextContents(), ['None', 'Employees', 'Clinicians']);
    await invite(owner, people.employee.email, 'manager', 'employee');
    await invite(owner, people.clinician.email, 'viewer', 'clinician');
    await invite(owner, people.viewer.email, 'viewer', 'employee');
  });

  const employee = await newPage();
  const clinician = await newPage();
  await step('the employee and the clinician sign up from their emails', async () => {
    await acceptAsNewAccount(employee, people.employee.email, people.employee.name);
    await acceptAsNewAccount(clinician, people.clinician.email, people.clinician.name);
    assert.equal((await api(clinician, 'GET', '/me')).body.activeOrganization.role, 'viewer');
  });

  const viewer = await newPage();
  await step('an existing account signs in from the invitation, comes back and joins', async () => {
    const link = await mailLink(people.viewer.email, '/accept-invite?token=');
    await viewer.goto(link);
    const accept = viewer.locator('latch-accept-invite');
    await accept.getByText(`Sign in as ${people.viewer.email} to join.`).waitFor();
    await accept.getByRole('link', { name: 'Sign in' }).click();
    const here = new URL(link);
    await viewer.waitForURL(`${base}/sign-in?redirect=${encodeURIComponent(here.pathname + here.search)}`);
    await signIn(viewer, people.viewer.email);
    await viewer.waitForURL(link);
    await accept.getByRole('button', { name: 'Accept invitation' }).click();
    await accept.getByText(`You joined ${organizationName}.`).waitFor();
    await accept.getByRole('link', { name: 'Continue' }).click();
    await viewer.waitForURL(`${base}/org`);
  });

  await step('the owner sees the members by kind', async () => {
    await owner.reload();
    const members = owner.locator('latch-organization-members');
    for (const person of Object.values(people)) await member(owner, person.name).waitFor();
    await members.getByRole('tab', { name: 'Clinicians', exact: true }).click();
    await eventually('only the clinician listed', async () => (await members.locator('[part~=member]').count()) === 1 ? true : undefined);
    await member(owner, people.clinician.name).waitFor();
    await members.getByRole('tab', { name: 'All', exact: true }).click();
    await member(owner, people.employee.name).waitFor();
  });

  await step("the owner changes the clinician's phone number behind the password prompt, and the role", async () => {
    const members = owner.locator('latch-organization-members');
    const entry = member(owner, people.clinician.name);
    await entry.getByRole('button', { name: `Edit ${people.clinician.name}` }).click();
    await entry.locator('#edit-role').selectOption('manager');
    await entry.locator('#edit-phone').fill('+41 44 668 18 00');
    await entry.getByRole('button', { name: 'Save' }).click();
    const prompt = members.locator('dialog[open]');
    await prompt.locator('#reauth-password').fill(password);
    await prompt.locator('#reauth-password').press('Enter');
    await members.getByText(`${people.clinician.name} was updated.`).waitFor();
    await entry.filter({ hasText: '+41446681800' }).filter({ hasText: 'Manager' }).waitFor();
    const me = await api(clinician, 'GET', '/me');
    assert.equal(me.body.user.phoneNumber, '+41446681800');
    assert.equal(me.body.activeOrganization.role, 'manager');
    const notice = await eventually('the phone number notice', async () => (await mailsTo(people.clinician.email)).find((m) => m.template === 'phoneChanged'));
    assert.match(notice.text, /ending in 00/);
    assert.doesNotMatch(notice.text, /4466818/, 'the notice does not spell out the new number');
  });

  await step('the viewer sees the members and nothing that changes them; the server refuses a change', async () => {
    await viewer.reload();
    const members = viewer.locator('latch-organization-members');
    await members.getByText('Your role: Viewer').waitFor();
    for (const person of Object.values(people)) await member(viewer, person.name).waitFor();
    for (const part of ['edit-button', 'remove-button', 'invite-form', 'resend-button', 'revoke-button']) {
      assert.equal(await members.locator(`[part~=${part}]`).count(), 0, part);
    }
    const employeeId = (await api(employee, 'GET', '/me')).body.user.id as string;
    const invited = await api(viewer, 'POST', `/orgs/${organizationId}/invitations`, { email: `mallory.${tag}@example.com`, role: 'viewer' });
    assert.equal(invited.status, 403);
    assert.equal(invited.body.code, 'forbidden');
    const changed = await api(viewer, 'PATCH', `/orgs/${organizationId}/members/${employeeId}`, { kind: 'clinician' });
    assert.equal(changed.status, 403);
    assert.equal(changed.body.code, 'forbidden');
  });

  await step("a removed member's session loses the organization at once", async () => {
    assert.equal((await api(employee, 'GET', '/me')).body.activeOrganization?.id, organizationId);
    const entry = member(owner, people.employee.name);
    await entry.getByRole('button', { name: `Remove ${people.employee.name}` }).click();
    await owner.locator('latch-organization-members #remove-confirm').click();
    await owner.locator('latch-organization-members').getByText(`${people.employee.name} was removed.`).waitFor();
    // The very next request of the removed member's session, with no waiting.
    const me = await api(employee, 'GET', '/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.activeOrganization, null);
    assert.equal((await api(employee, 'GET', `/orgs/${organizationId}`)).status, 404);
    assert.equal((await api(employee, 'GET', `/orgs/${organizationId}/members`)).status, 404);
    await employee.reload();
    await employee.locator('latch-organization-members').getByText('Choose an organization first.').waitFor();
    // In no organization any more: the page offers to create one.
    await employee.locator('latch-create-organization #name').waitFor();
    await employee.locator('latch-organization-switcher [part~=button]').filter({ hasText: 'No organization' }).waitFor();
  });

  await step("the console shows the clinician's phone number and organization", async () => {
    await admin.goto(`${base}/admin`);
    const console_ = admin.locator('latch-admin-users');
    const entry = console_.locator('[part~=item]').filter({ hasText: people.clinician.email });
    await entry.locator('[part~=user-link]').click();
    await console_.locator('[part~=item]').filter({ hasText: organizationName }).filter({ hasText: 'Manager' }).waitFor();
    assert.equal(await console_.getByLabel('Phone number').inputValue(), '+41446681800');
  });

  await step('the sign-in page follows only a return address on its own site', async () => {
    const page = await newPage();
    await page.goto(`${base}/sign-in?redirect=${encodeURIComponent('https://example.org/phish')}`);
    await signIn(page, people.clinician.email);
    await page.waitForURL(`${base}/settings`);
  });
});
