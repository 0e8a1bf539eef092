import assert from 'node:assert/strict';
import { strongPassword, uniqueEmail, type TestClient, type TestServer } from '@latch/server-sdk/testing';

export { assertProblem } from '../two-factor/helpers.js';

/** A signed-in account made the way the CLI makes one. */
export interface Person {
  client: TestClient;
  id: string;
  email: string;
}

/** An account provisioned with a password (and platform roles), signed in through the API. */
export async function person(t: TestServer, name = 'Someone', roles: string[] = []): Promise<Person> {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'));
  const { user } = await t.latch.provisionUser({ email, password: strongPassword, displayName: name, roles });
  const client = t.client();
  const signIn = await client.post('/sign-in', { email, password: strongPassword });
  assert.equal(signIn.status, 200, signIn.text);
  return { client, id: user.id, email };
}

/** Signs `who` in again, so its session counts as a fresh proof of presence. */
export async function signInAgain(who: Person): Promise<void> {
  assert.equal((await who.client.post('/sign-in', { email: who.email, password: strongPassword })).status, 200);
}

/** An organization created through the API by `owner`, with `members` added by host code in their roles. */
export async function organization(t: TestServer, owner: Person, members: Array<[Person, string]> = [], name = 'Acme Labs'): Promise<string> {
  const created = await owner.client.post('/orgs', { name });
  assert.equal(created.status, 201, created.text);
  const id = created.body.organization.id as string;
  for (const [member, role] of members) await t.latch.organizations.addMember(id, { userId: member.id, role });
  return id;
}

/** The token in the accept link of the latest invitation mail to `email` after `mark`. */
export async function invitationToken(t: TestServer, email: string, mark = 0): Promise<string> {
  const mail = await t.mail.waitFor(email, (m) => t.mail.messages.indexOf(m) >= mark && m.text.includes('/accept-invite?token='));
  const match = /\/accept-invite\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  assert.ok(match, 'an accept link');
  return match[1]!;
}
