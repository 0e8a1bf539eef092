import type { NextFunction, Request, Response } from 'express';
import { toNodeHandler } from './node.js';
import type { MountableLatch, MountOptions } from './mount.js';

export { requireAuth } from './require-auth-express.js';
export type { LatchAuth, LatchAuthUser, RequireAuthOptions } from './require-auth.js';
export type { MountableLatch, MountOptions } from './mount.js';

/** Options of {@link latchExpress}. */
export type LatchExpressOptions = MountOptions;

/**
 * Express middleware serving the Latch API under the configured `basePath` (default `/auth`);
 * other paths go on to the next middleware. Mount it before any body parser; a body that
 * `express.json()` already parsed is taken from `req.body`, and one another parser swallowed is
 * refused with `body_already_read` (never a hanging request).
 * @example app.use(latchExpress(latch));
 */
export function latchExpress(latch: MountableLatch, options: LatchExpressOptions = {}) {
  const node = toNodeHandler(latch, options);
  return (req: Request, res: Response, next: NextFunction) => {
    node(req, res, () => next()).catch(next);
  };
}
