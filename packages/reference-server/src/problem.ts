import { randomUUID } from 'node:crypto';
import { problemResponse } from '@latch/server-sdk';
import type { Context } from 'koa';

/**
 * Answers a request to the server's own routes (the API's come from the SDK) with the problem
 * for `error`, written by the SDK's problem writer: a Latch error with its status, detail and
 * headers (`Allow`, `WWW-Authenticate`, …), anything else as a 500 without detail.
 * @example problem(ctx, new NotFoundError({ detail: 'Nothing is served at this path.' }));
 */
export function problem(ctx: Context, error: unknown): void {
  ctx.state.requestId ??= randomUUID();
  const response = problemResponse(error, ctx.state.requestId);
  ctx.status = response.status;
  ctx.set(response.headers);
  ctx.body = response.body;
}
