/**
 * Organization set-ups for the component tests, made through the real HTTP API the way a browser
 * would: an owner creates an organization, invites addresses and the invited accept their link.
 */
import type { Organization } from '../src/api/types.js';
import { api, mailTo, signedInUser, signOut } from './helpers.js';

/** The password of every account made by accepting an invitation here. */
export const memberPassword = 'amber-quarry-lantern-57';

let counter = 0;

/** An address nobody has used. */
export function freshEmail(prefix = 'member'): string {
  return `${prefix}.${Date.now().toString(36)}.${++counter}@example.com`;
}

export interface Person {
  email: string;
  password: string;
  displayName?: string;
}

/** Signs `person` in in this browser, with `organizationId` as the session's active organization. */
export async function signInAs(person: Person, organizationId?: string): Promise<void> {
  await signOut();
  await api.post('/sign-in', { email: person.email, password: person.password });
  if (organizationId) await api.post('/me/active-organization', { organizationId });
}

/** A new account signed in in this browser, owning a new organization that is its active one. */
export async function ownedOrganization(name = `Org ${++counter}`): Promise<{ owner: Person; org: Organization }> {
  const owner = await signedInUser();
  const { organization } = await api.post('/orgs', { name });
  await api.post('/me/active-organization', { organizationId: organization.id });
  return { owner, org: organization };
}

/** Invites `email` into the organization as the signed-in account; the token of the emailed link. */
export async function invite(orgId: string, email: string, role = 'viewer', kind?: string): Promise<string> {
  const after = Date.now() - 1;
  await api.post('/orgs/{id}/invitations', { email, role, ...(kind ? { kind } : {}) }, { params: { id: orgId } });
  const mail = await mailTo(email, 'token=', after);
  if (!mail.token) throw new Error(`no invitation link in the mail to ${email}`);
  return mail.token;
}

/**
 * A new account that joined the organization through an invitation with `role` and `kind`;
 * afterwards `owner` is signed in again, with the organization active.
 */
export async function joinedMember(orgId: string, owner: Person, options: { role?: string; kind?: string; displayName?: string } = {}): Promise<Person> {
  const email = freshEmail();
  const token = await invite(orgId, email, options.role ?? 'viewer', options.kind);
  await signOut();
  await api.post('/invitations/accept', { token, password: memberPassword, ...(options.displayName ? { displayName: options.displayName } : {}) });
  await signInAs(owner, orgId);
  return { email, password: memberPassword, displayName: options.displayName };
}
