import type { IncomingMessage } from 'node:http';
import { ConfigError } from '../errors.js';
import type { LatchHandler, LatchRequest } from '../http/handler.js';
import { readBody, readFetchBody } from './read-body.js';

/** The parts of a Latch an adapter mounts: the handler and where the API lives (`basePath`). */
export interface MountableLatch {
  readonly handler: LatchHandler;
  readonly config: { readonly basePath: string };
}

/** Options every adapter takes. */
export interface MountOptions {
  /**
   * Where the API is mounted. The configuration's `basePath` is the one place for it (emailed
   * links and the OpenAPI document follow it); this option may only repeat it.
   * @deprecated Set `basePath` in `createLatch` instead; a different value here throws.
   */
  prefix?: string;
}

const withoutTrailingSlashes = (path: string) => path.replace(/\/+$/, '');

/**
 * The mount point of an adapter: the configured `basePath`. A `prefix` option that names another
 * path is refused at once, as the API would answer at one path and link to another.
 * @throws ConfigError
 */
export function mountPointOf(latch: MountableLatch, options: MountOptions, adapter: string): string {
  const base = withoutTrailingSlashes(latch.config.basePath);
  if (options.prefix !== undefined && withoutTrailingSlashes(options.prefix) !== base) {
    throw new ConfigError(`${adapter}: prefix "${options.prefix}" differs from basePath "${latch.config.basePath || '/'}"; set basePath in createLatch and drop the prefix option`);
  }
  return base;
}

/** The path below the mount point (`/sign-in`), or null for a path outside it. */
export function pathBelow(pathname: string, mountPoint: string): string | null {
  if (mountPoint === '') return pathname || '/';
  if (pathname === mountPoint) return '/';
  return pathname.startsWith(mountPoint + '/') ? pathname.slice(mountPoint.length) : null;
}

/** Everything the handler takes about a request except its body. */
export type RequestHead = Omit<LatchRequest, 'body' | 'bodyTooLarge'>;

/**
 * Where a request's body comes from: a node request, with what a body parser in front of Latch
 * kept of it (`req.body`, `ctx.request.body`), or a Web `Request`.
 */
export type BodySource = { readonly node: IncomingMessage; readonly parsed?: unknown } | { readonly fetch: Request };

/**
 * The request to hand the handler, its body read up to the limit of the route `head` leads to
 * (`handler.bodyLimit`: 64 KiB, more for a route that declares it, such as the user import).
 * Every adapter reads bodies through this one step, so no framework keeps a limit of its own.
 * @throws BodyAlreadyReadError when a node request's body was consumed and nothing was kept
 */
export async function readRouteRequest(latch: MountableLatch, head: RequestHead, source: BodySource): Promise<LatchRequest> {
  const limit = latch.handler.bodyLimit(head.method, head.path);
  const { body, tooLarge } = 'fetch' in source
    ? await readFetchBody(source.fetch, limit)
    : await readBody(source.node, source.parsed, limit);
  return { ...head, body, bodyTooLarge: tooLarge };
}
