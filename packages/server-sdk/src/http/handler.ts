import { recordAudit } from '../audit/log.js';
import type { AuthState, BearerKind, LatchAuth } from '../core/auth-state.js';
import type { Services } from '../core/services.js';
import { permissionsOfRoles } from '../core/roles.js';
import type { ReauthProof } from '../core/reauth.js';
import type { RequestContext } from '../context.js';
import { isLatchError } from '../errors.js';
import { UnauthenticatedError } from '../errors.js';
import { fullResolvers, hostResolvers, requireAllowedOrigin, requireGrants, resolveCaller, sessionCaller, toLatchAuth, type RequiredGrants } from './authenticate.js';
import { parseCookies, serializeCookie } from './cookies.js';
import { apiSteps, bodyLimitOf, createMatcher, runSteps, type Exchange, type LatchRequest, type PipelineDeps } from './pipeline.js';
import { problemResponse } from './problem.js';
import { allowedOriginsOf, header, requestContext, requestIdOf } from './request-facts.js';
import type { LatchResponse } from './response.js';
import type { AnyRoute, RouteResult } from '../core/route.js';
import type { UserRecord } from '../storage/types.js';

export { maxBodyBytes } from './pipeline.js';
export type { LatchRequest } from './pipeline.js';
export type { LatchResponse } from './response.js';

/** What {@link createHandler} needs. */
export interface HandlerOptions {
  services: Services;
  routes: readonly AnyRoute[];
  /** The bearer credentials the installed features understand (API keys, access tokens). */
  bearer: readonly BearerKind[];
  /** Every scope a user may hold (what a cookie session carries). */
  scopesOf(user: UserRecord): string[];
  /** Proof of presence on `reauth` routes; throws `reauthentication_required`. */
  reauthenticate(caller: AuthState, proof: ReauthProof, ctx: RequestContext): Promise<void>;
  /**
   * Called once per request with the matched route pattern (metrics), and the problem `code` of a
   * refusal or the JSON `result` of a success (sign-in outcomes).
   */
  observe?: (info: { method: string; route: string; status: number; seconds: number; code: string | null; result: unknown }) => void;
}

/** The framework-neutral HTTP handler: the API's pipeline of named steps, and authentication alone for `requireAuth`. */
export interface LatchHandler {
  handle(request: LatchRequest): Promise<LatchResponse>;
  /**
   * How many body bytes an adapter may read for this request: the matched route's `maxBodyBytes`,
   * else 64 KiB. Adapters stop reading past it and set `bodyTooLarge`.
   */
  bodyLimit(method: string, path: string): number;
  /** Authenticates a request without routing it (`null` when it carries no valid credentials). */
  authenticate(request: Pick<LatchRequest, 'headers' | 'remoteAddress'>): Promise<AuthState | null>;
  /**
   * The steps `requireAuth` runs for a host-app route — authenticate (the cheapest form: an access
   * token from its claims), check origin, authorize — with the API's own rules.
   * @throws UnauthenticatedError, CsrfRejectedError, ForbiddenError, RateLimitedError
   */
  identify(request: HostRequest, required?: RequiredGrants): Promise<LatchAuth>;
  readonly routes: readonly AnyRoute[];
}

/** The parts of a host-app request authentication looks at. */
export interface HostRequest {
  method: string;
  headers: LatchRequest['headers'];
  remoteAddress: string | null;
}

/**
 * Refusals that may be an attack and are logged as such: forged cross-site writes, other users'
 * objects (403/404), scope violations and invalid link tokens. A 404 for an unknown path is not.
 */
const refusalsLogged = new Set(['csrf_rejected', 'forbidden', 'not_found', 'invalid_token']);

/** Builds the handler over a route table. */
export function createHandler(options: HandlerOptions): LatchHandler {
  const { services } = options;
  const { config } = services;
  const match = createMatcher(options.routes);
  const bearer = fullResolvers(options.bearer);
  const resolvers = {
    session: async (token: string) => {
      const found = await services.sessions.validate(token);
      return found ? sessionCaller(found, options.scopesOf, services.organizations) : null;
    },
    bearer,
  };
  const hostCallers = {
    session: async (token: string) => {
      const found = await services.sessions.validate(token);
      return found ? toLatchAuth(await sessionCaller(found, options.scopesOf, services.organizations)) : null;
    },
    bearer: hostResolvers(options.bearer),
  };
  const cookieNames = [config.sessionCookieName, config.challengeCookieName];
  const allowedOrigins = allowedOriginsOf(config);

  const deps: PipelineDeps = {
    match,
    authenticate: (x) => resolveCaller({ headers: x.request.headers, cookies: x.cookies, sessionCookieName: config.sessionCookieName }, resolvers, x.ctx),
    cookieNames,
    allowedOrigins,
    async csrfRejected(x) {
      // A forged cross-site write is an attack on the signed-in user: it goes in their activity.
      const origin = header(x.request.headers, 'origin');
      await recordAudit(services.storage, services.clock, {
        type: 'csrf.rejected', userId: x.caller?.user.id ?? null,
        detail: { method: x.method, route: x.pattern, origin: origin ? origin.slice(0, 200) : null },
      }, x.ctx);
    },
    reauthenticate: options.reauthenticate,
  };

  function answer(result: RouteResult, requestId: string): LatchResponse {
    const headers: Record<string, string | string[]> = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-request-id': requestId,
      ...result.headers,
    };
    let text = '';
    if (result.text !== undefined) {
      headers['content-type'] = 'text/plain; charset=utf-8';
      text = result.text;
    } else if (result.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      text = JSON.stringify(result.body);
    }
    if (result.cookies?.length) headers['set-cookie'] = result.cookies.map((c) => serializeCookie(c, config.secure));
    return { status: result.status, headers, body: text };
  }

  function refused(error: unknown, x: Exchange): LatchResponse {
    const response = problemResponse(error, x.requestId);
    const code = isLatchError(error) ? error.code : null;
    if (code && refusalsLogged.has(code) && !(code === 'not_found' && x.pattern === 'unmatched')) {
      // Refusals leave a trace (no secrets: the route pattern and path, never the query, which can hold tokens).
      services.logger.warn({
        event: 'http.refused', code, status: response.status, requestId: x.requestId, method: x.method, route: x.pattern,
        path: x.request.path.slice(0, 200), ip: x.ctx.ip,
      }, 'request refused');
    }
    if (response.status >= 500) {
      services.logger.error({
        event: 'http.error', requestId: x.requestId, method: x.method, path: x.request.path,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      }, 'request failed');
    }
    return response;
  }

  return {
    routes: options.routes,
    bodyLimit: (method, path) => bodyLimitOf(match, method, path),
    async authenticate(request) {
      const ctx = requestContext(config, request, 'auth');
      try {
        return await resolveCaller({ headers: request.headers, cookies: parseCookies(header(request.headers, 'cookie')), sessionCookieName: config.sessionCookieName }, resolvers, ctx);
      } catch (error) {
        if (isLatchError(error)) return null;
        throw error;
      }
    },
    async identify(request, required = {}) {
      const ctx = requestContext(config, request, requestIdOf(request.headers));
      const cookies = parseCookies(header(request.headers, 'cookie'));
      const auth = await resolveCaller({ headers: request.headers, cookies, sessionCookieName: config.sessionCookieName }, hostCallers, ctx);
      requireAllowedOrigin({ method: request.method, headers: request.headers, cookies, cookieNames, allowedOrigins });
      if (!auth) throw new UnauthenticatedError();
      requireGrants({
        scopes: auth.scopes, roles: auth.user.roles, organization: auth.organization, organizationRoles: services.organizations,
        platformPermissions: required.permission === undefined ? [] : permissionsOfRoles(config, auth.user.roles),
      }, required);
      return auth;
    },
    async handle(request) {
      const started = process.hrtime.bigint();
      const requestId = requestIdOf(request.headers);
      const x: Exchange = {
        request, requestId,
        method: request.method.toUpperCase(),
        ctx: requestContext(config, request, requestId),
        cookies: parseCookies(header(request.headers, 'cookie')),
        route: undefined,
        pattern: 'unmatched', params: {}, rawBody: undefined, caller: null, body: undefined, query: undefined, result: undefined,
      };
      let response: LatchResponse;
      let code: string | null = null;
      try {
        await runSteps(apiSteps, x, deps);
        response = answer(x.result!, requestId);
      } catch (error) {
        response = refused(error, x);
        code = isLatchError(error) ? error.code : 'internal_error';
      }
      // The route pattern, never the raw path, labels metrics (ids would explode cardinality).
      options.observe?.({
        method: request.method, route: x.pattern, status: response.status, seconds: Number(process.hrtime.bigint() - started) / 1e9,
        code, result: code ? undefined : x.result?.body,
      });
      return response;
    },
  };
}
