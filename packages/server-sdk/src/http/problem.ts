import { isLatchError, problemTitles, type LatchError } from '../errors.js';

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

/** Turns any thrown value into a problem; unknown errors become a 500 with no detail. */
export function toProblem(error: unknown, requestId: string): Problem {
  if (isLatchError(error)) return latchProblem(error, requestId);
  if (isDatabaseUnavailable(error)) {
    return { type: problemType('service_unavailable'), title: problemTitles.service_unavailable, status: 503, code: 'service_unavailable', detail: 'Please try again shortly.', instance: `urn:request:${requestId}` };
  }
  return { type: problemType('internal_error'), title: problemTitles.internal_error, status: 500, code: 'internal_error', instance: `urn:request:${requestId}` };
}

function latchProblem(error: LatchError, requestId: string): Problem {
  const problem: Problem = {
    ...error.extensions,
    type: problemType(error.code),
    title: problemTitles[error.code],
    status: error.status,
    code: error.code,
    detail: error.expose ? error.message : undefined,
    instance: `urn:request:${requestId}`,
  };
  if (error.errors) problem.errors = error.errors;
  return problem;
}

/** Connection failures and pool timeouts: the database is down, answer 503 and fail closed. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string } | null;
  if (!e) return false;
  if (e.name === 'KnexTimeoutError') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P03', '08006', '08001', '08003'].includes(e.code ?? '')) return true;
  return /Connection terminated|connect ECONNREFUSED|PGlite is closed/i.test(e.message ?? '');
}
