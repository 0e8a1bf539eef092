import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  errorCodes, errorRegistry, ForbiddenError, InvalidCredentialsError, MethodNotAllowedError, NotFoundError, RateLimitedError,
  ServiceUnavailableError, UnauthenticatedError, ValidationFailedError, WeakPasswordError,
} from '../../src/errors.js';
import { problemResponse, toProblem } from '../../src/http/problem.js';

const common = { 'content-type': 'application/problem+json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-request-id': 'req-1' };
const bodyOf = (error: unknown) => JSON.parse(problemResponse(error, 'req-1').body) as Record<string, unknown>;

describe('the problem writer', () => {
  it('answers a Latch error with its registry status, title and default message, and the common headers', () => {
    const response = problemResponse(new NotFoundError(), 'req-1');
    assert.equal(response.status, 404);
    assert.deepEqual(response.headers, common);
    assert.deepEqual(JSON.parse(response.body), {
      type: 'urn:latch:problem:not_found', title: errorRegistry.not_found.title, status: 404, code: 'not_found',
      detail: errorRegistry.not_found.message, instance: 'urn:request:req-1',
    });
  });

  it('keeps the thrower\'s detail, field errors and extensions', () => {
    const body = bodyOf(new ValidationFailedError({ detail: 'Look again.', errors: [{ field: 'email', code: 'required', message: 'Needed.' }] }));
    assert.equal(body.detail, 'Look again.');
    assert.deepEqual(body.errors, [{ field: 'email', code: 'required', message: 'Needed.' }]);
    assert.deepEqual(bodyOf(new WeakPasswordError(['min_length'], ['Too short.'])).reasons, ['min_length']);
    assert.deepEqual(bodyOf(new WeakPasswordError(['min_length'], ['Too short.'])).messages, ['Too short.']);
  });

  it('adds the error\'s own headers: Retry-After, Allow, and the bearer challenges', () => {
    const limited = problemResponse(new RateLimitedError(2.2), 'req-1');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '3');
    assert.equal(JSON.parse(limited.body).retryAfter, 3);

    for (const error of [new MethodNotAllowedError({ allow: ['GET', 'PATCH'] }), new MethodNotAllowedError({ extensions: { allow: 'GET, PATCH' } })]) {
      const response = problemResponse(error, 'req-1');
      assert.equal(response.headers.allow, 'GET, PATCH');
      assert.ok(!('allow' in JSON.parse(response.body)), 'Allow is a header, not a body member');
    }

    assert.equal(problemResponse(new UnauthenticatedError(), 'req-1').headers['www-authenticate'], 'Bearer realm="latch"');
    assert.equal(problemResponse(new UnauthenticatedError({ realm: 'metrics' }), 'req-1').headers['www-authenticate'], 'Bearer realm="metrics"');
    for (const error of [new ForbiddenError({ requiredScopes: ['read', 'write'] }), new ForbiddenError({ extensions: { requiredScopes: ['read', 'write'] } })]) {
      const response = problemResponse(error, 'req-1');
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="latch", error="insufficient_scope", scope="read write"');
      assert.deepEqual(JSON.parse(response.body).requiredScopes, ['read', 'write']);
    }
    assert.equal(problemResponse(new ForbiddenError(), 'req-1').headers['www-authenticate'], undefined, 'a role refusal is no bearer challenge');
    assert.equal(problemResponse(new InvalidCredentialsError(), 'req-1').headers['www-authenticate'], undefined);
  });

  it('keeps the common headers whatever the error sends', () => {
    const response = problemResponse(new RateLimitedError(1), 'req-1');
    for (const [name, value] of Object.entries(common)) assert.equal(response.headers[name], value, name);
  });

  it('answers unknown failures as 500 internal_error without detail, and a database outage as 503', () => {
    const failed = problemResponse(Object.assign(new Error('select * from secrets'), { stack: 'at x (y.ts:1)' }), 'req-1');
    assert.equal(failed.status, 500);
    assert.deepEqual(failed.headers, common);
    assert.deepEqual(JSON.parse(failed.body), { type: 'urn:latch:problem:internal_error', title: 'Internal error', status: 500, code: 'internal_error', instance: 'urn:request:req-1' });

    const down = problemResponse(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'req-1');
    assert.equal(down.status, 503);
    const body = JSON.parse(down.body);
    assert.equal(body.code, 'service_unavailable');
    assert.equal(body.detail, 'Please try again shortly.');
    assert.doesNotMatch(down.body, /ECONNREFUSED|5432/);
    assert.equal(bodyOf(new ServiceUnavailableError({ detail: 'The database does not answer.' })).detail, 'The database does not answer.');
  });

  it('builds the same body as toProblem', () => {
    for (const error of [new NotFoundError(), new RateLimitedError(5), new MethodNotAllowedError({ extensions: { allow: 'GET' } }), new Error('boom')]) {
      assert.deepEqual(bodyOf(error), JSON.parse(JSON.stringify(toProblem(error, 'req-1'))));
    }
  });
});

describe('the error registry', () => {
  it('gives every code a status, a title, a default message and a description', () => {
    for (const code of errorCodes) {
      const { status, title, message, description } = errorRegistry[code];
      assert.ok(Number.isInteger(status) && status >= 400 && status < 600, code);
      for (const text of [title, message, description]) assert.ok(text.length > 0, code);
      assert.match(code, /^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('is what the error classes answer with', () => {
    const error = new InvalidCredentialsError();
    assert.equal(error.status, errorRegistry.invalid_credentials.status);
    assert.equal(error.title, errorRegistry.invalid_credentials.title);
    assert.equal(error.message, errorRegistry.invalid_credentials.message);
    assert.equal(error.name, 'InvalidCredentialsError');
  });
});
