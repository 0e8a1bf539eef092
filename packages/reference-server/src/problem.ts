import type { Context } from 'koa';

/** Writes an RFC 9457 problem for the server's own routes (the API's come from the SDK). */
export function problem(ctx: Context, status: number, code: string, title: string, detail?: string): void {
  ctx.status = status;
  ctx.set('cache-control', 'no-store');
  ctx.type = 'application/problem+json';
  ctx.body = JSON.stringify({ type: `urn:latch:problem:${code}`, title, status, code, ...(detail ? { detail } : {}), instance: `urn:request:${ctx.state.requestId}` });
}
