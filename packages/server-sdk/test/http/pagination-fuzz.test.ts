import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestServer, strongPassword, testDatabaseKinds, uniqueEmail, type TestClient, type TestResponse, type TestServer,
} from '@latch/server-sdk/testing';

/** One fuzz input: `query` is put in the URL as is (already percent-encoded). */
interface Hostile { name: string; query: string }

const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const raw = (name: string, value: string): Hostile => ({ name, query: encodeURIComponent(value) });
const encoded = (name: string, data: string | Buffer): Hostile => ({ name: `base64url of ${name}`, query: b64(data) });

// None of these is a cursor any list of this API writes, whatever its keyset: each must be a 422.
const hostileCursors: Hostile[] = [
  raw('thirty 9s', '9'.repeat(30)),
  encoded('thirty 9s', '9'.repeat(30)),
  encoded('2^63, one past the bigint maximum', '9223372036854775808'),
  encoded('zero', '0'),
  encoded('a negative number', '-5'),
  encoded('a fraction', '1.5'),
  encoded('leading zeros', '007'),
  encoded('a timestamp past the Date range and bigint', '86400000000000000000001'),
  encoded('an ISO time past the Date range', '+275760-09-13T00:00:00.001Z'),
  encoded('a valid-looking time and id pair with a bad id', '2026-01-01T00:00:00.000Z|not-a-uuid'),
  encoded('a valid-looking seq and id pair with a bad id', "42:' OR 1=1--"),
  encoded('garbage bytes', Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1])),
  encoded('NUL bytes', Buffer.alloc(12)),
  encoded('broken UTF-8', Buffer.from([0x61, 0x40, 0x62, 0xe2, 0x82])),
  encoded('an encoded surrogate', Buffer.from([0xed, 0xa0, 0x80])),
  encoded('an SQL fragment', "' OR 1=1--"),
  encoded('an email with SQL after it', "a@example.com' OR '1'='1"),
  encoded('an email with a NUL', 'a@example.com\u0000'),
  raw('-1', '-1'),
  raw('1e309', '1e309'),
  raw('NaN', 'NaN'),
  raw('empty', ''),
  raw('10 KB', 'A'.repeat(10_240)),
  raw('padded base64', `${b64('1')}==`),
  raw('an SQL fragment', "' OR 1=1--"),
  raw('a stacked query', '"; SELECT pg_sleep(5)--'),
  raw('unicode', 'ü🦀\u202e'),
  { name: 'percent-encoded broken UTF-8', query: '%ff%fe' },
  { name: 'a percent-encoded NUL', query: '%00' },
];

// Each must be a 422 naming `limit`: out of range, not an integer, not plain digits, or huge.
const hostileLimits: Hostile[] = [
  '0', '-1', '101', '1.5', '1e2', '1e309', 'NaN', 'Infinity', '', ' 7', '+5', '0x10', '9'.repeat(30), 'A'.repeat(10_240),
  '١٢', '1; DROP TABLE users', "' OR 1=1--",
].map((value) => raw(JSON.stringify(value.length > 40 ? `${value.slice(0, 12)}…` : value), value));

/** A list route as the API describes it, with who may call it. */
interface ListRoute { path: string; params: string[]; admin: boolean }

for (const kind of testDatabaseKinds()) {
  describe(`pagination fuzz on ${kind}`, () => {
    let t: TestServer;
    let member: { client: TestClient; userId: string };
    let superAdmin: { client: TestClient; userId: string };
    let routes: ListRoute[];

    before(async () => {
      t = await createTestServer({ database: kind });
      const signedIn = await t.signedInUser();
      member = { client: signedIn.client, userId: signedIn.userId };
      // A second sign-in and a failed one, so the member's activity has a second page.
      assert.equal((await t.client().post('/sign-in', { email: signedIn.email, password: signedIn.password })).status, 200);
      assert.equal((await t.client().post('/sign-in', { email: signedIn.email, password: 'not-the-password-1' })).status, 401);
      const email = uniqueEmail('root');
      const { user } = await t.latch.provisionUser({ email, password: strongPassword, roles: ['super_admin'] });
      const client = t.client();
      assert.equal((await client.post('/sign-in', { email, password: strongPassword })).status, 200);
      superAdmin = { client, userId: user.id };
      // A few more accounts and events, so every list has a second page.
      for (let i = 0; i < 3; i++) await t.latch.provisionUser({ email: uniqueEmail('filler') });
      routes = listRoutes();
    });
    after(() => t.close());

    /** Every GET route whose documented query takes `cursor` or `limit`, so a new list is fuzzed too. */
    function listRoutes(): ListRoute[] {
      const doc = t.latch.openApi() as { paths: Record<string, { get?: { parameters?: Array<{ name: string; in: string }> } }> };
      const found: ListRoute[] = [];
      for (const [path, item] of Object.entries(doc.paths)) {
        const params = (item.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        if (!params.includes('cursor') && !params.includes('limit')) continue;
        const route = t.latch.handler.routes.find((r) => r.method === 'GET' && r.path.replace(/:([A-Za-z]+)/g, '{$1}') === path);
        assert.ok(route, `GET ${path} is served`);
        found.push({ path, params, admin: (route.roles ?? []).length > 0 });
      }
      return found;
    }

    /** The caller for a route, and its URL with path parameters filled with that caller's id. */
    function callFor(route: ListRoute) {
      const caller = route.admin ? superAdmin : member;
      return { client: caller.client, base: route.path.replace(/\{[A-Za-z]+\}/g, caller.userId) };
    }

    // The lists this suite must exercise in full; a new list is fuzzed as soon as it is documented.
    const knownLists = ['/me/activity', '/admin/users', '/admin/audit'];

    /** Asserts a problem answer below 500 with a stable code: all a list whose fixture is missing can show. */
    function assertProblem(r: TestResponse, what: string) {
      assert.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
      assert.match(r.body.code, /^[a-z_]+$/, what);
    }

    /** Asserts a 422 validation problem that names `field`, in the documented shape. */
    function assertRefused(r: TestResponse, field: string, what: string) {
      assert.ok(r.status < 500, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.status, 422, `${what}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/, what);
      assert.equal(r.body.code, 'validation_failed', what);
      assert.equal(r.body.status, 422, what);
      const named = (r.body.errors ?? []).filter((e: { field: string }) => e.field === field);
      assert.ok(named.length > 0, `${what}: errors name ${field}: ${JSON.stringify(r.body.errors)}`);
      for (const e of named) assert.match(e.code, /^[a-z_]+$/, `${what}: a stable error code`);
    }

    it('IV-3: finds the list routes from the OpenAPI document, admin ones included', () => {
      const paths = routes.map((r) => r.path);
      for (const path of knownLists) assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`);
      assert.ok(routes.every((r) => r.params.includes('cursor') && r.params.includes('limit')), 'every list takes both');
    });

    it('IV-3 IV-2 IV-4: answers every hostile ?cursor= on every list route with 422 naming cursor, never 5xx or a first page', async () => {
      for (const route of routes) {
        const { client, base } = callFor(route);
        const page = await client.get(`${base}?limit=1`);
        // A list under a resource this suite has no fixture for (its id is the caller's) answers a
        // problem for the resource; it must still never fail on its query.
        const served = page.status === 200;
        assert.ok(served || !knownLists.includes(route.path), `${route.path}: ${page.text}`);
        // A real cursor with a byte too many or too few is forged as well.
        const real = served ? page.body.nextCursor as string | null : null;
        const derived = real ? [{ name: 'a real cursor plus one character', query: `${real}A` }, { name: 'a real cursor less one character', query: real.slice(0, -1) }] : [];
        for (const value of [...hostileCursors, ...derived]) {
          for (const query of [`cursor=${value.query}`, `cursor=${value.query}&limit=5`]) {
            const what = `GET ${route.path} ${value.name} (${query.slice(0, 60)})`;
            const r = await client.get(`${base}?${query}`);
            if (served) assertRefused(r, 'cursor', what); else assertProblem(r, what);
          }
        }
      }
    });

    it('IV-3 IV-2: answers every hostile ?limit= on every list route with 422 naming limit, never 5xx', async () => {
      for (const route of routes) {
        const { client, base } = callFor(route);
        for (const value of hostileLimits) {
          // The query is checked before the route's resource is looked up: 422 even without a fixture.
          assertRefused(await client.get(`${base}?limit=${value.query}`), 'limit', `GET ${route.path} limit ${value.name}`);
        }
        if (!knownLists.includes(route.path)) continue;
        assert.equal((await client.get(`${base}?limit=100`)).status, 200, `${route.path}: the largest limit is fine`);
        assert.equal((await client.get(`${base}?limit=1`)).status, 200, `${route.path}: the smallest limit is fine`);
      }
    });

    it('IV-3: a real nextCursor still pages on every list route, to the end', async () => {
      for (const route of routes) {
        const { client, base } = callFor(route);
        const whole = await client.get(`${base}?limit=100`);
        if (!knownLists.includes(route.path) && (whole.status !== 200 || whole.body.items.length < 3)) continue;
        assert.equal(whole.status, 200, route.path);
        const expected = whole.body.items.map((item: unknown) => JSON.stringify(item));
        assert.ok(expected.length >= 3, `${route.path} has ${expected.length} items to page through`);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const r: TestResponse = await client.get(`${base}?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          assert.equal(r.status, 200, `${route.path} cursor ${cursor}: ${r.text}`);
          assert.ok(r.body.items.length <= 2);
          seen.push(...r.body.items.map((item: unknown) => JSON.stringify(item)));
          cursor = r.body.nextCursor;
          assert.ok(seen.length <= 10_000, `${route.path} pages without end`);
        } while (cursor);
        if (expected.length < 100) assert.deepEqual(seen, expected, `${route.path}: two at a time gives the whole list, in order`);
        else assert.deepEqual(seen.slice(0, 100), expected, `${route.path}: two at a time gives the first hundred, in order`);
      }
    });

    it('IV-3: refuses a forged cursor in storage too, for callers that skip HTTP', async () => {
      const forged = Buffer.from('9'.repeat(30)).toString('base64url');
      const refused = (error: unknown) => {
        const e = error as { code?: string; errors?: Array<{ field: string }> };
        return e.code === 'validation_failed' && e.errors?.[0]?.field === 'cursor';
      };
      await assert.rejects(t.latch.storage.audit.listForUser(member.userId, { limit: 5, cursor: forged }), refused);
      await assert.rejects(t.latch.storage.audit.search({ limit: 5, cursor: forged }), refused);
      await assert.rejects(t.latch.storage.users.search({ limit: 5, cursor: Buffer.from('no at sign').toString('base64url') }), refused);
      await assert.rejects(t.latch.storage.users.search({ limit: 5, cursor: '' }), refused);
      const first = await t.latch.storage.audit.search({ limit: 1 });
      assert.equal((await t.latch.storage.audit.search({ limit: 1, cursor: first.nextCursor })).items.length, 1, 'a real cursor reads the next page');
    });
  });
}
