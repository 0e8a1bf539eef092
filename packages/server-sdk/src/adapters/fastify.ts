import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ConfigError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.js';
import { problemResponse } from '../http/problem.js';
import { requestIdOf } from '../http/request-facts.js';
import { sendLatchResponse } from './fastify-reply.js';
import { mountPointOf, pathBelow, readRouteRequest, type MountableLatch, type MountOptions } from './mount.js';

export { requireAuth } from './require-auth-fastify.js';
export { sendLatchResponse } from './fastify-reply.js';
export type { LatchAuth, LatchAuthUser, RequireAuthOptions } from './require-auth.js';
export type { MountableLatch, MountOptions } from './mount.js';

/** Options of {@link latchFastify}. */
export type LatchFastifyOptions = MountOptions;

/** Fastify's own refusals before the route runs, in Latch's problem+json form. */
function latchErrorOf(error: FastifyError): Error | null {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new UnsupportedMediaTypeError();
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new PayloadTooLargeError();
  return null;
}

/**
 * The routes' path inside the plugin's context: the configured `basePath` less the prefix the
 * plugin is registered under (`register(latchFastify(latch), { prefix: '/v1' })` with `basePath`
 * `/v1/auth`). A register prefix outside `basePath` is refused: the API would answer at one path
 * and link to another.
 */
function localMountPoint(mountPoint: string, registeredUnder: string): string {
  const outer = registeredUnder.replace(/\/+$/, '');
  if (outer === '') return mountPoint;
  if (mountPoint !== outer && !mountPoint.startsWith(outer + '/')) {
    throw new ConfigError(`latchFastify: registered under "${outer}", outside basePath "${mountPoint || '/'}"; set basePath in createLatch to the full path`);
  }
  return mountPoint.slice(outer.length);
}

/**
 * A Fastify plugin serving the Latch API under the configured `basePath` (default `/auth`). It
 * registers in its own encapsulated context where every content-type parser is replaced by one
 * that leaves the body unread: Latch reads and bounds the raw body itself (413, 415 and 400
 * answers in problem+json), while the host's JSON parser keeps working on its own routes.
 * Register it as is, not wrapped in `fastify-plugin`.
 * @throws ConfigError when registered under a prefix outside `basePath`
 * @example await app.register(latchFastify(latch));
 */
export function latchFastify(latch: MountableLatch, options: LatchFastifyOptions = {}): FastifyPluginAsync {
  const mountPoint = mountPointOf(latch, options, 'latchFastify');
  return async function latchPlugin(instance: FastifyInstance) {
    const local = localMountPoint(mountPoint, instance.prefix);
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    instance.setErrorHandler((error: FastifyError, request, reply) => {
      const known = latchErrorOf(error);
      // Anything else goes to the host's error handler, as errors of its own routes do.
      if (!known) throw error;
      return sendLatchResponse(reply, problemResponse(known, requestIdOf(request.headers)));
    });

    const serve = async (request: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(request.raw.url ?? '/', 'http://localhost');
      const path = pathBelow(url.pathname, mountPoint);
      // The router matched a path that is not literally below basePath (percent-encoded letters).
      if (path === null) return sendLatchResponse(reply, problemResponse(new NotFoundError(), requestIdOf(request.headers)));
      try {
        // The plugin's content-type parser left the body unread: Latch reads it, bounded by the route's limit.
        const routed = await readRouteRequest(latch, {
          method: request.method, path, query: url.searchParams, headers: request.headers, remoteAddress: request.raw.socket.remoteAddress ?? null,
        }, { node: request.raw });
        return sendLatchResponse(reply, await latch.handler.handle(routed));
      } catch (error) {
        return sendLatchResponse(reply, problemResponse(error, requestIdOf(request.headers)));
      }
    };
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    instance.route({ method: methods, url: local || '/', handler: serve });
    instance.route({ method: methods, url: `${local}/*`, handler: serve });
  };
}
