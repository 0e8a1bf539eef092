import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { requireAuth } from '@latch/server-sdk/node';
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

/** What `requireAuth` from `@latch/server-sdk/node` returns. */
type NodeAuthGuard = ReturnType<typeof requireAuth>;

/** A host app on node:http with one `requireAuth`-guarded route per path, answering the caller as JSON. */
export interface GuardedHost {
  /** The app's origin, for requests without credentials. */
  url: string;
  /** What the app answers for `path` with the client's cookie, or with a bearer token. */
  get(path: string, credential: TestClient | string): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts a {@link GuardedHost} on a free loopback port; `guards` maps each path to its `requireAuth(…)`. */
export async function startGuardedHost(guards: Record<string, NodeAuthGuard>): Promise<GuardedHost> {
  const server = createServer((req, res) => {
    const guard = guards[req.url ?? ''];
    if (!guard) { res.statusCode = 404; res.end(); return; }
    void guard((_req, out, auth) => {
      out.setHeader('content-type', 'application/json');
      out.end(JSON.stringify(auth));
    })(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async get(path, credential) {
      const headers: Record<string, string> = typeof credential === 'string' ? { authorization: `Bearer ${credential}` } : { cookie: cookieOf(credential) };
      const res = await fetch(`${url}${path}`, { headers });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The session cookies of a client, as a `cookie` header. */
export const cookieOf = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
