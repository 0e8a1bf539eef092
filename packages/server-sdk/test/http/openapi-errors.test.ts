import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLatch, errorCodes, errorRegistry, silentLogger, type Latch, type LatchErrorCode } from '../../src/index.js';

interface Operation { responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }> }
interface Document { paths: Record<string, Record<string, Operation>>; components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } } }

describe('OpenAPI error statuses, from the error registry', () => {
  let latch: Latch;
  let doc: Document;
  before(async () => {
    latch = await createLatch({ publicUrl: 'http://localhost:3000', secret: 'x'.repeat(40), database: {}, mail: { startWorker: false }, logger: silentLogger });
    doc = latch.openApi() as unknown as Document;
  });
  after(() => latch.close());

  const each = (check: (route: Latch['handler']['routes'][number], statuses: string[], operation: Operation) => void) => {
    for (const route of latch.handler.routes) {
      const operation = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.path} is documented`);
      check(route, Object.keys(operation.responses), operation);
    }
  };

  it('lists 400, 413, 415 and 422 on every route that takes a body', () => {
    each((route, statuses) => {
      if (route.body) for (const status of ['400', '413', '415', '422']) assert.ok(statuses.includes(status), `${route.method} ${route.path} lists ${status}`);
    });
  });

  it('lists 401 where credentials are read, 403 where roles, scopes or a session are required, 429 where rate_limited is declared', () => {
    each((route, statuses) => {
      const name = `${route.method} ${route.path}`;
      assert.equal(statuses.includes('401'), route.auth !== 'none' || Boolean(route.errors?.some((c) => errorRegistry[c].status === 401)), `${name} and 401`);
      if (route.roles?.length || route.scopes?.length || route.auth === 'session') assert.ok(statuses.includes('403'), `${name} lists 403`);
      assert.equal(statuses.includes('429'), Boolean(route.errors?.includes('rate_limited')), `${name} and 429`);
    });
  });

  it('lists the status of every declared code, and each problem status names codes of that status', () => {
    each((route, statuses, operation) => {
      for (const code of route.errors ?? []) assert.ok(statuses.includes(String(errorRegistry[code].status)), `${route.method} ${route.path}: ${code}`);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const codes = response.description.replace(/^Problem: /, '').split(', ') as LatchErrorCode[];
        for (const code of codes) assert.equal(String(errorRegistry[code]?.status), status, `${route.method} ${route.path} ${status}: ${code}`);
        assert.deepEqual(response.content, { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } });
      }
    });
  });

  it('enumerates the registry codes in the one Problem schema', () => {
    assert.deepEqual(doc.components.schemas.Problem.properties.code.enum, errorCodes);
  });
});
