import { errorRegistry, isLatchError, ServiceUnavailableError, type AnyLatchError } from '../errors.js';
import type { LatchResponse } from './response.js';

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
  [extension: string]: unknown;
}

/** The `type` URI of a problem code (stable, documented in docs/reference/errors.md). */
export const problemType = (code: string) => `urn:latch:problem:${code}`;

/** Headers every problem carries, whatever the error. */
const problemHeaders = {
  'content-type': 'application/problem+json',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * The one writer of problem responses: the RFC 9457 body of {@link toProblem} and every header,
 * the common ones (`content-type`, `cache-control: no-store`, `nosniff`, `x-request-id`) and the
 * error's own (`retry-after`, `allow`, `www-authenticate`).
 * @example const response = problemResponse(new NotFoundError(), requestId);
 */
export function problemResponse(error: unknown, requestId: string): LatchResponse {
  const known = answeredAs(error);
  const problem = known ? latchProblem(known, requestId) : internalProblem(requestId);
  return {
    status: problem.status,
    headers: { ...known?.headers(), ...problemHeaders, 'x-request-id': requestId },
    body: JSON.stringify(problem),
  };
}

/**
 * The problem body for any thrown value: a Latch error as itself, a database outage as 503
 * `service_unavailable`, anything else as 500 `internal_error` with no detail.
 */
export function toProblem(error: unknown, requestId: string): Problem {
  const known = answeredAs(error);
  return known ? latchProblem(known, requestId) : internalProblem(requestId);
}

/** The Latch error a thrown value is answered as, or null for an unexpected failure. */
function answeredAs(error: unknown): AnyLatchError | null {
  if (isLatchError(error)) return error;
  // Fail closed and say so: the client may retry, and nothing about the database leaks.
  if (isDatabaseUnavailable(error)) return new ServiceUnavailableError({ detail: 'Please try again shortly.', cause: error });
  return null;
}

function latchProblem(error: AnyLatchError, requestId: string): Problem {
  const members: Record<string, unknown> = { ...error.extensions };
  // A member the error sends as a header (`allow`) is not repeated in the body.
  for (const name of Object.keys(error.headers())) delete members[name];
  const problem: Problem = {
    ...members,
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    code: error.code,
    detail: error.expose ? error.message : undefined,
    instance: `urn:request:${requestId}`,
  };
  if (error.errors) problem.errors = error.errors;
  return problem;
}

function internalProblem(requestId: string): Problem {
  const { status, title } = errorRegistry.internal_error;
  return { type: problemType('internal_error'), title, status, code: 'internal_error', instance: `urn:request:${requestId}` };
}

/** Connection failures and pool timeouts: the database is down, answer 503 and fail closed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string } | null;
  if (!e) return false;
  if (e.name === 'KnexTimeoutError') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003'].includes(e.code ?? '')) return true;
  return /Connection terminated|connect ECONNREFUSED|PGlite is closed/i.test(e.message ?? '');
}
