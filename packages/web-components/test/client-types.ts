/**
 * Compile-time checks of the typed client (part of `npm run typecheck`, never run): calls are
 * looked up in the generated contract by path and method, so a wrong body, path or parameter
 * does not compile and answers have the server's own types.
 */
import type { LatchClient } from '../src/api/client.js';
import type { ApiKeyInfo, SignInResult } from '../src/api/types.js';

declare const client: LatchClient;

export async function typedCalls(): Promise<void> {
  const created = await client.post('/me/api-keys', { name: 'ci', scopes: ['read'], expiresInDays: 30 });
  created.secret satisfies string;
  created.apiKey satisfies ApiKeyInfo;
  // @ts-expect-error `name` is required
  void client.post('/me/api-keys', { scopes: ['read'] });
  // @ts-expect-error not a path of the contract
  void client.get('/me/nothing');
  // @ts-expect-error GET /me/api-keys exists, POST /me/sessions does not
  void client.post('/me/sessions', {});
  // @ts-expect-error the path parameter is required
  void client.delete('/me/sessions/{id}');
  (await client.delete('/me/sessions/{id}', { params: { id: 'x' } })) satisfies undefined;
  await client.delete('/me/sessions', { body: { password: 'secret' } });

  const page = await client.get('/me/activity', { query: { limit: 5, cursor: 'abc' } });
  page.nextCursor satisfies string | null;
  // @ts-expect-error an activity event has no such field
  void page.items[0]?.nope;
  // @ts-expect-error `limit` is a number
  void client.get('/me/activity', { query: { limit: '5' } });

  (await client.post('/sign-in', { email: 'a@example.com', password: 'p' })) satisfies SignInResult;
  (await client.post('/sign-out')) satisfies undefined;
  (await client.patch('/me/passkeys/{id}', { name: 'Laptop' }, { params: { id: 'x' } })).passkey.backedUp satisfies boolean;
  // @ts-expect-error a method outside the contract's second-step methods
  void client.post('/sign-in/two-factor', { method: 'passkey', code: '123456' });
}
