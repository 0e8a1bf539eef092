import { ConfigError } from '../errors.js';
import type { LatchHandler } from '../http/handler.js';

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
