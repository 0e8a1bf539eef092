import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LatchHandler, LatchResponse } from '../http/handler.js';
import { problemResponse } from '../http/problem.js';
import { requestIdOf } from '../http/request-facts.js';
import { readBody } from './read-body.js';

export { requireAuth } from './require-auth-node.js';
export type { AuthenticatedHandler } from './require-auth-node.js';
export type { LatchAuth, RequireAuthOptions } from './require-auth.js';

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /** Where the API is mounted. Default `/auth`. */
  prefix?: string;
}

/** Writes a {@link LatchResponse} to a node:http response. */
export function writeLatchResponse(res: ServerResponse, response: LatchResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * A node:http request listener serving the Latch API under `prefix`; other paths get a 404 problem,
 * or are passed to `next` when one is given (so it can sit in front of a host app).
 * @example http.createServer(toNodeHandler(latch)).listen(3000);
 */
export function toNodeHandler(latch: { handler: LatchHandler }, options: NodeHandlerOptions = {}) {
  const prefix = (options.prefix ?? '/auth').replace(/\/+$/, '');
  return async (req: IncomingMessage, res: ServerResponse, next?: () => void): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== prefix && !url.pathname.startsWith(prefix + '/')) {
      if (next) return next();
    }
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || '/' : url.pathname;
    try {
      const { body, tooLarge } = await readBody(req);
      const response = await latch.handler.handle({
        method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, body, bodyTooLarge: tooLarge,
        remoteAddress: req.socket.remoteAddress ?? null,
      });
      writeLatchResponse(res, response);
    } catch (error) {
      // Past the headers nothing can be corrected: cut the answer short rather than corrupt it.
      if (res.headersSent) res.destroy();
      else writeLatchResponse(res, problemResponse(error, requestIdOf(req.headers)));
    }
  };
}
