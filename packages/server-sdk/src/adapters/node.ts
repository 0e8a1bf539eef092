import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LatchResponse } from '../http/handler.js';
import { NotFoundError } from '../errors.js';
import { problemResponse } from '../http/problem.js';
import { requestIdOf } from '../http/request-facts.js';
import { mountPointOf, pathBelow, readRouteRequest, type MountableLatch, type MountOptions } from './mount.js';

export { requireAuth } from './require-auth-node.js';
export type { AuthenticatedHandler } from './require-auth-node.js';
export type { LatchAuth, LatchAuthUser, RequireAuthOptions } from './require-auth.js';
export type { MountableLatch, MountOptions } from './mount.js';

/** Options of {@link toNodeHandler}. */
export type NodeHandlerOptions = MountOptions;

/** Writes a {@link LatchResponse} to a node:http response. */
export function writeLatchResponse(res: ServerResponse, response: LatchResponse): void {
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.end(response.body);
}

/**
 * A node:http request listener serving the Latch API under the configured `basePath` (default
 * `/auth`). Other paths are passed to `next` when one is given (so it can sit in front of a host
 * app), and otherwise answered with a 404 problem. A body already read by a parser in front of it
 * is taken from `req.body`.
 * @example http.createServer(toNodeHandler(latch)).listen(3000);
 */
export function toNodeHandler(latch: MountableLatch, options: NodeHandlerOptions = {}) {
  const mountPoint = mountPointOf(latch, options, 'toNodeHandler');
  return async (req: IncomingMessage, res: ServerResponse, next?: () => void): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = pathBelow(url.pathname, mountPoint);
      if (path === null) {
        if (next) return next();
        writeLatchResponse(res, problemResponse(new NotFoundError({ detail: 'Nothing is served at this path.' }), requestIdOf(req.headers)));
        return;
      }
      const request = await readRouteRequest(latch, {
        method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null,
      }, { node: req, parsed: (req as { body?: unknown }).body });
      const response = await latch.handler.handle(request);
      writeLatchResponse(res, response);
    } catch (error) {
      // Past the headers nothing can be corrected: cut the answer short rather than corrupt it.
      if (res.headersSent) res.destroy();
      else writeLatchResponse(res, problemResponse(error, requestIdOf(req.headers)));
    }
  };
}
