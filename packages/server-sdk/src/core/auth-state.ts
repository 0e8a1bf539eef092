import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { RequestContext } from '../context.js';
import type { OrganizationGrant } from './organizations.js';

/** How a request proved who it is. */
export type AuthMethod = 'session' | 'jwt' | 'api_key';

/** The authenticated caller of a request. */
export interface AuthState {
  user: UserRecord;
  /** The login session (cookie), or the session a JWT was minted from; null for API keys. */
  session: SessionRecord | null;
  via: AuthMethod;
  /** Scopes the credential carries now (a cookie session: every scope its user may hold). */
  scopes: string[];
  /** The API key behind the request, when `via` is `api_key`. */
  apiKeyId?: string;
  /**
   * The active organization and the caller's role in it (from the session, or an access token's
   * `org` claim), checked against current membership; null when none (always for API keys).
   */
  organization: OrganizationGrant | null;
}

/** The account behind a host-app request, as `requireAuth` and `latch.api.getSession` hand it over. */
export interface LatchAuthUser {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  /** The account's roles (`admin`, `super_admin`, or a host's own). */
  roles: string[];
  /** What sort of account this is, e.g. `user`, `employee`. */
  kind: string;
  /** When the account was created (ISO 8601). */
  createdAt: string;
}

/**
 * Who is calling a host-app route, as `requireAuth` hands it over. The account fields come from
 * the same in-process caches Latch's own routes use (cleared by revocations on every process), so
 * a repeated caller costs no database read; an access token is verified locally.
 * @example router.get('/notes', requireAuth(latch, { scopes: ['read'] }), (ctx) => { ctx.body = notesOf(ctx.state.auth.user.id); });
 */
export interface LatchAuth {
  /** How the request proved who it is. */
  via: AuthMethod;
  /** The account: id, email, display name, roles and kind. */
  user: LatchAuthUser;
  /** The login session (cookie), or the one the access token was minted from; null for an API key. */
  session: { id: string } | null;
  /** The API key behind the request. */
  apiKey?: { id: string };
  /** Scopes the credential carries (for a session cookie: every scope of its user). */
  scopes: string[];
  /** The organization the caller works in now and their role there; null when none. */
  organization: { id: string; role: string } | null;
}

// Cached records are the same object request after request: their view is made once, and frozen
// because every request that shares it sees it.
const views = new WeakMap<UserRecord, LatchAuthUser>();

/** The host-app view of an account record (never its password hash or internal flags); read-only. */
export function authUserOf(user: UserRecord): LatchAuthUser {
  let view = views.get(user);
  if (!view) {
    view = Object.freeze({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      emailVerified: user.emailVerifiedAt !== null,
      roles: Object.freeze([...user.roles]) as string[],
      kind: user.kind,
      createdAt: user.createdAt.toISOString(),
    });
    views.set(user, view);
  }
  return view;
}

/** One kind of `Authorization: Bearer` credential a feature understands (API keys, access tokens). */
export interface BearerKind {
  /** For logs and docs. */
  name: string;
  /** True for tokens of this kind (told apart by their form, so no two kinds are tried). */
  accepts(token: string): boolean;
  /** The caller with the full account, for Latch's own routes; null when the token is not valid. */
  authenticate(token: string, ctx: RequestContext): Promise<AuthState | null>;
  /** The caller for host-app routes, as cheaply as the kind allows; default: from {@link authenticate}. */
  identify?(token: string, ctx: RequestContext): Promise<LatchAuth | null>;
}
