import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { RequestContext } from '../context.js';

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
}

/**
 * Who is calling a host-app route, as `requireAuth` hands it over: resolved as cheaply as
 * possible (an access token from its verified claims, without a database read).
 * @example router.get('/notes', requireAuth(latch, { scopes: ['read'] }), (ctx) => { ctx.body = notesOf(ctx.state.auth.user.id); });
 */
export interface LatchAuth {
  /** How the request proved who it is. */
  via: AuthMethod;
  /** The user: id and roles (from the account, or from the access token's claims). */
  user: { id: string; roles: string[] };
  /** The login session (cookie), or the one the access token was minted from. */
  session?: { id: string };
  /** The API key behind the request. */
  apiKey?: { id: string };
  /** Scopes the credential carries (for a session cookie: every scope of its user). */
  scopes: string[];
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
