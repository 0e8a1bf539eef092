import { effectiveScopes } from '../api-keys/scopes.js';
import { isLatchError } from '../errors.js';
import type { BearerAuthenticator } from '../http/handler.js';
import type { Services } from '../services.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { AccessTokenService } from './jwt.js';

interface CacheEntry { session: SessionRecord; user: UserRecord; cachedAt: number }

/**
 * The `Authorization: Bearer <JWT>` authenticator of Latch's own routes. The token is verified
 * locally; Latch's routes then need the full account, so the session and user are looked up
 * (cached for the session cache's lifetime and dropped by revocations), which also makes a
 * revoked session's tokens fail here at once. Host-app middleware (`requireAuth`) skips this
 * lookup and trusts the verified claims.
 */
export function createJwtAuthenticator(s: Services, tokens: AccessTokenService): BearerAuthenticator {
  const cache = new Map<string, CacheEntry>();
  s.revocations.subscribe((revocation) => {
    if (revocation.userId === '*') { cache.clear(); return; }
    const ids = new Set(revocation.sessionIds ?? []);
    if (ids.size === 0 && !revocation.userId) return;
    for (const [sid, entry] of cache) if (ids.has(sid) || entry.user.id === revocation.userId) cache.delete(sid);
  });

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
    if (entry && now.getTime() - entry.cachedAt > s.config.sessions.cacheTtlSeconds * 1000) entry = undefined;
    if (!entry) {
      const session = await s.storage.sessions.findById(claims.sid);
      const user = session ? await s.storage.users.findById(session.userId) : null;
      if (!session || !user) { cache.delete(claims.sid); return null; }
      entry = { session, user, cachedAt: now.getTime() };
      if (cache.size >= 50_000) cache.clear();
      cache.set(claims.sid, entry);
    }
    if (entry.user.id !== claims.sub || entry.user.disabledAt || s.sessions.isExpired(entry.session, now)) return null;
    return {
      user: entry.user,
      session: entry.session,
      via: 'jwt',
      scopes: effectiveScopes(claims.scopes, entry.user, s.config.apiKeys.scopes),
    };
  };
}
