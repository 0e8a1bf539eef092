import assert from 'node:assert/strict';
import { strongPassword, uniqueEmail, type TestClient, type TestServer } from '@latch/server-sdk/testing';

/** Options that put a bearer credential on a request. */
export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

/** An account with roles made the way the CLI does, signed in through the API. */
export async function signedInWithRoles(t: TestServer, roles: string[]): Promise<{ client: TestClient; userId: string; email: string }> {
  const email = uniqueEmail(roles[0] ?? 'user');
  const { user } = await t.latch.provisionUser({ email, displayName: 'Admin', roles, password: strongPassword });
  const client = t.client();
  const signIn = await client.post('/sign-in', { email, password: strongPassword });
  assert.equal(signIn.status, 200, signIn.text);
  return { client, userId: user.id, email };
}

/** Creates an API key through the API and returns its secret and id. */
export async function createApiKey(client: TestClient, body: { name?: string; scopes: string[]; expiresInDays?: number }): Promise<{ secret: string; id: string; body: any }> {
  const res = await client.post('/me/api-keys', { name: body.name ?? 'script', ...body });
  assert.equal(res.status, 201, res.text);
  return { secret: res.body.secret, id: res.body.apiKey.id, body: res.body };
}

/** Mints an access token with the client's session. */
export async function mintToken(client: TestClient, scopes?: string[]): Promise<string> {
  const res = await client.post('/token', scopes ? { scopes } : undefined);
  assert.equal(res.status, 200, res.text);
  return res.body.accessToken;
}
