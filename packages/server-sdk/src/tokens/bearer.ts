import { effectiveScopes } from '../core/scopes.js';
import { RevocableCache } from '../cache/revocable-cache.js';
import { isLatchError } from '../errors.js';
import { authUserOf, type AuthState, type LatchAuth } from '../core/auth-state.js';
import type { RequestContext } from '../context.js';
import type { Services } from '../core/services.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { AccessTokenClaims, AccessTokenService } from './jwt.js';

interface CacheEntry { session: SessionRecord; user: UserRecord }

/**
 * The `Authorization: Bearer <JWT>` authenticator of Latch's own routes. The token is verified
 * locally; Latch's routes then need the full account, so the session and user are looked up
 * (cached for the session cache's lifetime and dropped by revocations), which also makes a
 * revoked session's tokens fail here at once. Host-app middleware (`requireAuth`) skips this
 * lookup and trusts the verified claims.
 */
export function createJwtAuthenticator(s: Services, tokens: AccessTokenService): (token: string, ctx: RequestContext) => Promise<AuthState | null> {
  const { cacheTtlSeconds, cacheMaxEntries } = s.config.sessions;
  const cache = new RevocableCache<CacheEntry>({ clock: s.clock, maxEntries: cacheMaxEntries, ttlMs: cacheTtlSeconds * 1000 });
  s.revocations.subscribe((revocation) => cache.revoke(revocation));

  return async (token) => {
    let claims;
    try {
      claims = await tokens.verify(token);
    } catch (error) {
      if (isLatchError(error)) return null;
      throw error;
    }
    const now = s.clock.now();
    let entry = cache.get(claims.sid);
    if (!entry) {
      const session = await s.storage.sessions.findById(claims.sid);
      const user = session ? await s.storage.users.findById(session.userId) : null;
      if (!session || !user) return null;
      entry = { session, user };
      cache.set(claims.sid, entry, { sessionId: session.id, userId: user.id });
    }
    if (entry.user.id !== claims.sub || entry.user.disabledAt || s.sessions.isExpired(entry.session, now)) return null;
    return {
      user: entry.user,
      session: entry.session,
      via: 'jwt',
      scopes: effectiveScopes(claims.scopes, entry.user, s.config.apiKeys.scopes),
      organization: await organizationOf(s, claims),
    };
  };
}

/**
 * The `Authorization: Bearer <JWT>` caller of host-app routes (`requireAuth`). The token is
 * verified locally; the account fields (email, name, roles) come from a per-process cache of
 * users, so a repeating client costs no database read. The cache lives as long as the session
 * cache and drops a user whenever a revocation names them (any account change), on every process.
 */
export function createJwtIdentifier(s: Services, tokens: AccessTokenService): (token: string) => Promise<LatchAuth | null> {
  const { cacheTtlSeconds, cacheMaxEntries } = s.config.sessions;
  const users = new RevocableCache<UserRecord>({ clock: s.clock, maxEntries: cacheMaxEntries, ttlMs: cacheTtlSeconds * 1000 });
  s.revocations.subscribe((revocation) => users.revoke(revocation));

  return async (token) => {
    const claims = await tokens.verify(token);
    let user = users.get(claims.sub);
    if (!user) {
      const found = await s.storage.users.findById(claims.sub);
      if (!found) return null;
      users.set(found.id, found, { userId: found.id });
      user = found;
    }
    if (user.disabledAt) return null;
    const organization = await organizationOf(s, claims);
    return {
      via: 'jwt',
      user: authUserOf(user),
      session: { id: claims.sid },
      scopes: effectiveScopes(claims.scopes, user, s.config.apiKeys.scopes),
      organization: organization ? { id: organization.id, role: organization.role } : null,
    };
  };
}

/**
 * The token's organization as membership stands now (cached per process, dropped by revocations
 * naming the user): a removed member's tokens lose it at once, a changed role counts at once.
 */
async function organizationOf(s: Services, claims: AccessTokenClaims) {
  return claims.org ? s.organizations.membership(claims.sub, claims.org) : null;
}
