import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { createLatch, silentLogger, type Latch } from '../../src/index.js';
import { operationShapes, type JsonSchema, type OperationShape } from './openapi-shape.js';

/**
 * The OpenAPI document only grows: against openapi-baseline.json (the operations, query
 * parameters, request bodies and response statuses of an earlier document, made with the same
 * configuration as below), every operation is still there with the same required fields and
 * parameters, every field keeps its type (and its enum values), and no status disappears.
 * Additions (operations, optional fields, statuses) and changed constraints (lengths, patterns)
 * are reported as diagnostics, not refused.
 */
const baseline = JSON.parse(readFileSync(new URL('./openapi-baseline.json', import.meta.url), 'utf8')) as Record<string, OperationShape>;

/** What a comparison found: changes that break a client, additions, changed constraints. */
interface Findings {
  breaking: string[];
  added: string[];
  constrained: string[];
}
const noFindings = (): Findings => ({ breaking: [], added: [], constrained: [] });

const isObjectSchema = (s: JsonSchema) => s.type === 'object';
const isArraySchema = (s: JsonSchema) => s.type === 'array' && typeof s.items === 'object';
const sorted = (list: unknown) => [...((list as string[] | undefined) ?? [])].sort();

/** What changed from `before` to `after` for a client sending `after`'s shape. */
function compareSchemas(before: JsonSchema, after: JsonSchema, at: string, found: Findings): void {
  const { breaking, added, constrained } = found;
  if (isObjectSchema(before) && isObjectSchema(after)) {
    const { properties: was = {}, required: wasRequired, ...wasRest } = before as { properties?: Record<string, JsonSchema>; required?: string[] };
    const { properties: is = {}, required: isRequired, ...isRest } = after as { properties?: Record<string, JsonSchema>; required?: string[] };
    if (!isDeepStrictEqual(wasRest, isRest)) constrained.push(`${at}: ${JSON.stringify(wasRest)} became ${JSON.stringify(isRest)}`);
    // Request bodies: a newly required field breaks a client; one no longer required does not.
    const newlyRequired = sorted(isRequired).filter((name) => !sorted(wasRequired).includes(name));
    if (newlyRequired.length > 0) {
      breaking.push(`${at}: required [${sorted(wasRequired)}] became [${sorted(isRequired)}]`);
    } else if (!isDeepStrictEqual(sorted(wasRequired), sorted(isRequired))) {
      added.push(`${at}: no longer requires [${sorted(wasRequired).filter((name) => !sorted(isRequired).includes(name))}]`);
    }
    for (const [name, schema] of Object.entries(was)) {
      if (!(name in is)) breaking.push(`${at}.${name}: removed`);
      else compareSchemas(schema, is[name]!, `${at}.${name}`, found);
    }
    for (const name of Object.keys(is)) if (!(name in was)) added.push(`${at}.${name} (optional)`);
    return;
  }
  if (isArraySchema(before) && isArraySchema(after)) {
    const { items: wasItems, ...wasRest } = before;
    const { items: isItems, ...isRest } = after;
    if (!isDeepStrictEqual(wasRest, isRest)) constrained.push(`${at}: ${JSON.stringify(wasRest)} became ${JSON.stringify(isRest)}`);
    compareSchemas(wasItems as JsonSchema, isItems as JsonSchema, `${at}[]`, found);
    return;
  }
  if (!isDeepStrictEqual(typeOf(before), typeOf(after))) breaking.push(`${at}: type ${JSON.stringify(typeOf(before))} became ${JSON.stringify(typeOf(after))}`);
  const lost = ((before.enum as unknown[] | undefined) ?? []).filter((v) => after.enum !== undefined && !(after.enum as unknown[]).includes(v));
  if (lost.length) breaking.push(`${at}: no longer accepts ${JSON.stringify(lost)}`);
  else if (!isDeepStrictEqual(before, after)) constrained.push(`${at}: ${JSON.stringify(before)} became ${JSON.stringify(after)}`);
}

/** The JSON type(s) a schema accepts: `type`, or those of its `anyOf`/`oneOf` members. */
function typeOf(schema: JsonSchema): unknown {
  if (schema.type !== undefined) return schema.type;
  const members = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return members ? members.map(typeOf).sort() : null;
}

function compareOperation(key: string, before: OperationShape, after: OperationShape, found: Findings): void {
  const { breaking, added } = found;
  if (before.body === null) {
    if (after.body !== null) {
      const required = (after.body.required as string[] | undefined) ?? [];
      if (required.length) breaking.push(`${key} body: a new body with required [${required}]`);
      else added.push(`${key} body (optional fields only)`);
    }
  } else if (after.body === null) {
    breaking.push(`${key} body: removed`);
  } else {
    compareSchemas(before.body, after.body, `${key} body`, found);
  }
  for (const [name, param] of Object.entries(before.query)) {
    const now = after.query[name];
    if (!now) { breaking.push(`${key} ?${name}: removed`); continue; }
    if (now.required !== param.required) breaking.push(`${key} ?${name}: required ${param.required} became ${now.required}`);
    compareSchemas(param.schema, now.schema, `${key} ?${name}`, found);
  }
  for (const [name, param] of Object.entries(after.query)) {
    if (name in before.query) continue;
    if (param.required) breaking.push(`${key} ?${name}: a new required parameter`);
    else added.push(`${key} ?${name} (optional)`);
  }
  for (const status of before.responses) if (!after.responses.includes(status)) breaking.push(`${key}: no longer lists ${status}`);
  const newStatuses = after.responses.filter((s) => !before.responses.includes(s));
  if (newStatuses.length) added.push(`${key}: lists ${newStatuses.join(', ')}`);
}

describe('OpenAPI compatibility with the baseline', () => {
  let latch: Latch;
  let current: Record<string, OperationShape>;
  before(async () => {
    latch = await createLatch({ publicUrl: 'http://localhost:3000', secret: 'x'.repeat(40), database: {}, mail: { startWorker: false }, logger: silentLogger });
    current = operationShapes(latch.openApi() as never);
  });
  after(() => latch.close());

  it('keeps every operation, asks for nothing new, and only adds optional fields and statuses', (t) => {
    const found = noFindings();
    for (const [key, shape] of Object.entries(baseline)) {
      const now = current[key];
      if (!now) found.breaking.push(`${key}: removed`);
      else compareOperation(key, shape, now, found);
    }
    for (const key of Object.keys(current)) if (!(key in baseline)) found.added.push(`${key}: new operation`);
    for (const line of found.added) t.diagnostic(`added: ${line}`);
    for (const line of found.constrained) t.diagnostic(`constraint changed: ${line}`);
    assert.deepEqual(found.breaking, [], 'changes that break a client of the baseline document');
  });

  it('tells a breaking change from an addition', () => {
    const body = { type: 'object', properties: { name: { type: 'string', maxLength: 10 } }, required: ['name'] };
    const check = (after: JsonSchema) => {
      const found = noFindings();
      compareOperation('POST /x', { query: {}, body, responses: ['200', '422'] }, { query: {}, body: after, responses: ['200', '422'] }, found);
      return { breaking: found.breaking, added: found.added };
    };
    assert.deepEqual(check({ ...body, properties: { ...body.properties, note: { type: 'string' } } }), { breaking: [], added: ['POST /x body.note (optional)'] });
    assert.equal(check({ ...body, properties: { ...body.properties, note: { type: 'string' } }, required: ['name', 'note'] }).breaking.length, 1);
    assert.deepEqual(check({ ...body, properties: { name: { type: 'string', maxLength: 20 } } }), { breaking: [], added: [] }, 'a constraint is reported, not refused');
    assert.deepEqual(check({ ...body, required: [] }).breaking, [], 'a field a client may now leave out breaks no client');
    assert.equal(check({ ...body, properties: { name: { type: 'integer' } } }).breaking.length, 1);
    assert.equal(check({ ...body, properties: {} }).breaking.length, 1);
  });
});
