import type { NextFunction, Request, Response } from 'express';
import type { LatchHandler } from '../http/handler.js';
import { toNodeHandler } from './node.js';

export { requireAuth } from './require-auth-express.js';
export type { LatchAuth, RequireAuthOptions } from './require-auth.js';

/** Options of {@link latchExpress}. */
export interface LatchExpressOptions {
  /** Where the API is mounted. Default `/auth`. */
  prefix?: string;
}

/**
 * Express middleware serving the Latch API under `prefix` (mount it before any body parser).
 * @example app.use(latchExpress(latch));
 */
export function latchExpress(latch: { handler: LatchHandler }, options: LatchExpressOptions = {}) {
  const node = toNodeHandler(latch, options);
  return (req: Request, res: Response, next: NextFunction) => {
    node(req, res, () => next()).catch(next);
  };
}
