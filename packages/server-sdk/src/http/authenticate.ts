import type { RequestContext } from '../context.js';
import { CsrfRejectedError, ForbiddenError, UnauthenticatedError } from '../errors.js';
import { authUserOf, type AuthState, type BearerKind, type LatchAuth } from '../core/auth-state.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { OrganizationPort } from '../core/organizations.js';
import { isOriginAllowed } from './csrf.js';
import { bearerToken, header, type HeaderMap } from './request-facts.js';

/** How one kind of caller (`AuthState` for Latch's routes, `LatchAuth` for host routes) is resolved. */
export interface CallerResolvers<T> {
  /** The caller behind a session cookie's token, or null when it names no live session. */
  session(token: string): Promise<T | null>;
  /** Bearer kinds in order; the first that accepts a token resolves it. */
  bearer: ReadonlyArray<{ accepts(token: string): boolean; resolve(token: string, ctx: RequestContext): Promise<T | null> }>;
}

/**
 * The one authentication order of Latch, for its own routes and for `requireAuth`: the session
 * cookie, then `Authorization: Bearer` dispatched by the token's form (an API key's prefix, a
 * JWT's shape). A bearer credential that is malformed or not valid is `unauthenticated` (never
 * silently anonymous); no credentials at all is null.
 */
export async function resolveCaller<T>(
  request: { headers: HeaderMap; cookies: Record<string, string>; sessionCookieName: string },
  resolvers: CallerResolvers<T>,
  ctx: RequestContext,
): Promise<T | null> {
  const cookie = request.cookies[request.sessionCookieName];
  if (cookie) {
    const found = await resolvers.session(cookie);
    if (found) return found;
  }
  const authorization = header(request.headers, 'authorization');
  if (!authorization) return null;
  const token = bearerToken(authorization);
  const kind = resolvers.bearer.find((k) => k.accepts(token));
  const found = kind ? await kind.resolve(token, ctx) : null;
  if (!found) throw new UnauthenticatedError({ detail: 'The bearer token is not valid.' });
  return found;
}

/**
 * The one CSRF rule: an unsafe request that rides on Latch's cookies (a session, even a stale
 * one, or a pending sign-in) must come from an allowed origin; a request with `Origin` always
 * must. Bearer-only requests from scripts carry neither cookie and are not asked.
 * @throws CsrfRejectedError
 */
export function requireAllowedOrigin(request: {
  method: string;
  headers: HeaderMap;
  cookies: Record<string, string>;
  cookieNames: readonly string[];
  allowedOrigins: ReadonlySet<string>;
}): void {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  const cookieAuthenticated = request.cookieNames.some((name) => Boolean(request.cookies[name]));
  if (!isOriginAllowed({
    origin: header(request.headers, 'origin'),
    referer: header(request.headers, 'referer'),
    cookieAuthenticated,
    allowed: request.allowedOrigins,
  })) throw new CsrfRejectedError();
}

/**
 * The one authorization check: every required scope (a missing one answers 403 naming it, with
 * `insufficient_scope` for bearer clients), at least one of the roles, the permission (granted by
 * one of the caller's platform roles or by its role in the active organization) and the
 * organization role (active organization only).
 * @throws ForbiddenError
 */
export function requireGrants(held: HeldGrants, required: RequiredGrants): void {
  const missing = (required.scopes ?? []).filter((s) => !held.scopes.includes(s));
  if (missing.length > 0) {
    throw new ForbiddenError({ detail: `This needs the scope ${required.scopes!.join(', ')}.`, extensions: { requiredScopes: [...required.scopes!] } });
  }
  if (required.roles?.length && !required.roles.some((r) => held.roles.includes(r))) {
    throw new ForbiddenError({ detail: 'Your account does not have a role this needs.' });
  }
  const organization = held.organization && held.organizationRoles ? { ...held.organization, roles: held.organizationRoles } : null;
  if (required.permission !== undefined) {
    // Either grants it: one of the caller's platform roles, or the caller's role in the active organization.
    const byPlatform = (held.platformPermissions ?? []).includes(required.permission);
    const byOrganization = organization !== null && organization.roles.permissionsOf(organization.role).includes(required.permission);
    if (!byPlatform && !byOrganization) {
      throw new ForbiddenError({
        detail: organization
          ? `This needs the permission ${required.permission}: neither your roles nor your role in this organization grant it.`
          : `This needs the permission ${required.permission}: none of your roles grant it, and no organization is active (choose one first).`,
      });
    }
  }
  if (required.orgRole !== undefined) {
    if (!organization) throw new ForbiddenError({ detail: 'This needs an active organization: choose one first.' });
    const roles = organization.roles;
    const needed = roles.rankOf(required.orgRole);
    const rank = roles.rankOf(organization.role) ?? 0;
    // An unknown role name is a host mistake: refuse rather than let everyone in.
    if (needed === undefined || rank < needed) throw new ForbiddenError({ detail: `This needs the organization role ${required.orgRole} or higher.` });
  }
}

/** What a caller holds, for {@link requireGrants}. */
export interface HeldGrants {
  scopes: readonly string[];
  roles: readonly string[];
  /** The active organization and the caller's role there. */
  organization?: { id: string; role: string } | null;
  /** What organization roles rank and may do. */
  organizationRoles?: Pick<OrganizationPort, 'rankOf' | 'permissionsOf'>;
  /** The permissions the caller's platform roles grant (the configured `roles`). */
  platformPermissions?: readonly string[];
}

/** What a route or `requireAuth` demands. */
export interface RequiredGrants {
  /** Every one of these scopes. */
  scopes?: readonly string[];
  /** Any one of these platform roles. */
  roles?: readonly string[];
  /** A permission granted by one of the caller's platform roles (`tickets:read`) or by its role in the active organization (`members:write`). */
  permission?: string;
  /** At least this role in the active organization (`admin`: admins and owners). */
  orgRole?: string;
}

/**
 * A session cookie's caller for Latch's own routes (a cookie session holds every scope of its
 * user), with the session's active organization as membership stands now.
 */
export async function sessionCaller(found: { user: UserRecord; session: SessionRecord }, scopesOf: (user: UserRecord) => string[], organizations: OrganizationPort): Promise<AuthState> {
  const organizationId = found.session.activeOrganizationId;
  const organization = organizationId ? await organizations.membership(found.user.id, organizationId) : null;
  return { user: found.user, session: found.session, via: 'session', scopes: scopesOf(found.user), organization };
}

/** The host-app view of a caller of Latch's own kind. */
export function toLatchAuth(state: AuthState): LatchAuth {
  const auth: LatchAuth = {
    via: state.via, user: authUserOf(state.user), session: state.session ? { id: state.session.id } : null, scopes: state.scopes,
    organization: state.organization ? { id: state.organization.id, role: state.organization.role } : null,
  };
  if (state.apiKeyId) auth.apiKey = { id: state.apiKeyId };
  return auth;
}

/** Bearer kinds as the API handler resolves them (full account). */
export function fullResolvers(kinds: readonly BearerKind[]): CallerResolvers<AuthState>['bearer'] {
  return kinds.map((kind) => ({ accepts: (t) => kind.accepts(t), resolve: (t, ctx) => kind.authenticate(t, ctx) }));
}

/** Bearer kinds as `requireAuth` resolves them (cheapest form each kind offers). */
export function hostResolvers(kinds: readonly BearerKind[]): CallerResolvers<LatchAuth>['bearer'] {
  return kinds.map((kind) => ({
    accepts: (t) => kind.accepts(t),
    resolve: kind.identify
      ? (t, ctx) => kind.identify!(t, ctx)
      : async (t, ctx) => { const state = await kind.authenticate(t, ctx); return state ? toLatchAuth(state) : null; },
  }));
}
