import { errorCodes, type LatchErrorCode } from '../errors.js';
import type { RouteDefinition } from '../core/route.js';

/** A code routes answer by convention, whatever they declare, and which routes that is. */
export interface ErrorConvention {
  readonly codes: readonly LatchErrorCode[];
  /** Which routes, in words (for docs/reference/errors.md). */
  readonly routes: string;
  /** Whether the docs also name the routes (for a rule that picks out a few). */
  readonly listed?: boolean;
  applies(route: RouteDefinition): boolean;
}

const unsafe = (route: RouteDefinition) => route.method !== 'GET';

/** What the handler answers for every route of a kind (see the Conventions of the HTTP contract). */
export const errorConventions: readonly ErrorConvention[] = [
  {
    codes: ['bad_request', 'payload_too_large', 'unsupported_media_type'],
    routes: 'every route that takes a JSON body',
    applies: (route) => route.body !== undefined,
  },
  // Listed everywhere, as the document always has: a body, a query or a service can be refused.
  { codes: ['validation_failed'], routes: 'every route', applies: () => true },
  {
    codes: ['unauthenticated'],
    routes: 'every route that reads credentials (missing ones where required, a bearer token that is not valid)',
    applies: (route) => route.auth !== 'none',
  },
  {
    codes: ['forbidden'],
    routes: 'every route limited to roles, to scopes or to browser sessions',
    applies: (route) => Boolean(route.roles?.length || route.scopes?.length) || route.auth === 'session',
  },
  {
    codes: ['csrf_rejected'],
    routes: 'every POST, PUT, PATCH and DELETE route (a request from an untrusted origin)',
    applies: unsafe,
  },
  {
    codes: ['reauthentication_required'],
    routes: 'every route marked for reauthentication',
    listed: true,
    applies: (route) => route.reauth === true,
  },
];

/** Codes any request may get, listed on no operation: the path, the method or the server fails it. */
export const requestWideErrors: Partial<Record<LatchErrorCode, string>> = {
  not_found: 'any path that is not served',
  method_not_allowed: 'any served path called with another method',
  body_already_read: 'any route that takes a body, when a body parser mounted in front of Latch has read it without keeping it',
  service_unavailable: 'any route while the database or another dependency is down',
  internal_error: 'any route, on an unexpected failure (no detail)',
};

/** Every code a route may answer: those it declares and those of the conventions, in registry order. */
export function routeErrorCodes(route: RouteDefinition): LatchErrorCode[] {
  const codes = new Set<LatchErrorCode>(route.errors ?? []);
  for (const convention of errorConventions) if (convention.applies(route)) for (const code of convention.codes) codes.add(code);
  return errorCodes.filter((code) => codes.has(code));
}
