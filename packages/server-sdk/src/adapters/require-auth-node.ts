import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkRequest, type LatchAuth, type RequireAuthLatch, type RequireAuthOptions } from './require-auth.js';

/** A node:http handler that receives the authenticated caller. */
export type AuthenticatedHandler = (req: IncomingMessage, res: ServerResponse, auth: LatchAuth) => void | Promise<void>;

/**
 * Wraps a node:http handler so it runs only for requests with a valid session cookie, access
 * token (verified locally) or API key carrying the required scopes and one of the roles. The
 * caller is the handler's third argument; refusals are answered with a problem+json (401, 403,
 * 429), unexpected errors with a 500 without detail.
 * @example http.createServer(requireAuth(latch, { scopes: ['read'] })((req, res, auth) => res.end(auth.user.id)));
 */
export function requireAuth(latch: RequireAuthLatch, options: RequireAuthOptions = {}) {
  return (handler: AuthenticatedHandler) => async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const outcome = await checkRequest(latch, { method: req.method ?? 'GET', headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null }, options);
    if (!outcome.ok) {
      res.statusCode = outcome.response.status;
      for (const [name, value] of Object.entries(outcome.response.headers)) res.setHeader(name, value);
      res.end(outcome.response.body);
      return;
    }
    await handler(req, res, outcome.auth);
  };
}
