import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { checkRequest, isAnsweredError, type LatchAuth, type RequireAuthLatch, type RequireAuthOptions } from './require-auth.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The caller, set by Latch's `requireAuth`. */
      auth?: LatchAuth;
    }
  }
}

/**
 * Express middleware that lets a request through only with a valid session cookie, access token
 * (verified locally) or API key carrying the required scopes and one of the roles. The caller is
 * in `req.auth` (and `res.locals.auth`); refusals are answered with a problem+json (401, 403,
 * 429); other errors go to `next(error)`.
 * @example app.get('/api/notes', requireAuth(latch, { scopes: ['read'] }), (req, res) => res.json({ owner: req.auth!.user.id }));
 */
export function requireAuth(latch: RequireAuthLatch, options: RequireAuthOptions = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    checkRequest(latch, { method: req.method, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? null }, options).then((outcome) => {
      if (!outcome.ok) {
        if (!isAnsweredError(outcome.error)) return next(outcome.error);
        res.status(outcome.response.status).set(outcome.response.headers).send(outcome.response.body);
        return;
      }
      req.auth = outcome.auth;
      res.locals.auth = outcome.auth;
      next();
    }, next);
  };
}
