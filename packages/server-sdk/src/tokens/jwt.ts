import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { named } from '../response-schemas.js';
import { scopesOfUser, requireGrantableScopes } from '../core/scopes.js';
import { RevocableCache } from '../cache/revocable-cache.js';
import { randomToken } from '../crypto/random.js';
import { UnauthenticatedError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { AccessTokenRevocations } from './revocations.js';
import { accessTokenAlgorithm, clockToleranceSeconds, type SigningKeyStore } from './signing-keys.js';

/** The `typ` header of Latch access tokens (RFC 9068), which no other token Latch makes carries. */
export const accessTokenType = 'at+jwt';

/** Largest token accepted, checked before any parsing. */
export const maxAccessTokenBytes = 8 * 1024;

/** The claims of a verified access token. */
export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** The session the token was minted from. */
  sid: string;
  roles: string[];
  scopes: string[];
  /** The organization the session worked in when the token was minted (checked against membership on use). */
  org?: string;
  /** The role in `org` when the token was minted (informational: the current role is what counts). */
  org_role?: string;
  iss: string;
  aud: string | string[];
  iat: number;
  exp: number;
  jti: string;
}

/** A freshly minted token, as `POST /token` answers it. */
export const mintedAccessTokenSchema = named('AccessToken', z.object({
  /** The JWT (`typ: at+jwt`); verify it with the keys at `/.well-known/jwks.json`. */
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the token expires. */
  expiresIn: z.number().int(),
  scopes: z.array(z.string()),
}));

/** A freshly minted token, as `POST /token` answers it. */
export type MintedAccessToken = z.infer<typeof mintedAccessTokenSchema>;

// Only these header members are accepted: no jku/jwk/x5u/x5c (keys come from our own store),
// no crit/b64/zip/enc (nothing to process beyond a plain compact JWS).
const allowedHeaderMembers = new Set(['alg', 'kid', 'typ']);
const base64url = /^[A-Za-z0-9_-]+$/;
const kidPattern = /^[A-Za-z0-9_-]{1,128}$/;
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

const refuse = (detail = 'The access token is not valid.') => new UnauthenticatedError({ detail });

/**
 * JWT access tokens: minted from a browser session with at most the user's rights and a life of
 * at most 10 minutes, verified locally (no database) with the algorithm pinned and every
 * header, type, issuer, audience and time checked. Tokens that passed are remembered (at most one
 * token lifetime, least recently used dropped first), so a client repeating its token pays one
 * map lookup; revocations are checked on every call, remembered or not.
 */
export class AccessTokenService {
  private readonly verified: RevocableCache<AccessTokenClaims>;

  constructor(private readonly s: Services, private readonly keys: SigningKeyStore, private readonly revocations: AccessTokenRevocations) {
    this.verified = new RevocableCache({
      clock: s.clock,
      maxEntries: s.config.sessions.cacheMaxEntries,
      ttlMs: (s.config.jwt.accessTokenTtlSeconds + clockToleranceSeconds) * 1000,
    });
  }

  private get issuer() { return this.s.config.publicUrl; }
  private get audience() { return this.s.config.jwt.audience; }

  /**
   * Mints a token for the session's user. `scopes` narrows the token (default: every scope the
   * user holds). The token never outlives the session's idle or absolute expiry.
   * @throws InvalidScopeError for scopes beyond the user's rights.
   */
  async mint(user: UserRecord, session: SessionRecord, scopes?: string[], organization?: { id: string; role: string } | null): Promise<MintedAccessToken> {
    const catalogue = this.s.config.apiKeys.scopes;
    const granted = scopes ? requireGrantableScopes(user, scopes, catalogue) : scopesOfUser(user, catalogue);
    const now = Math.floor(this.s.clock.now().getTime() / 1000);
    const sessionEnd = Math.floor(this.s.sessions.expiresAt(session).getTime() / 1000);
    const exp = Math.min(now + this.s.config.jwt.accessTokenTtlSeconds, sessionEnd);
    const { kid, key } = this.keys.signer();
    // Ids, roles and scopes only: the payload is readable by anyone holding the token.
    const claims: Record<string, unknown> = { sid: session.id, roles: user.roles, scopes: granted };
    if (organization) Object.assign(claims, { org: organization.id, org_role: organization.role });
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: accessTokenAlgorithm, kid, typ: accessTokenType })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(randomToken(16))
      .sign(key);
    return { accessToken, tokenType: 'Bearer', expiresIn: Math.max(0, exp - now), scopes: granted };
  }

  /**
   * Verifies an access token with no database access.
   * @throws UnauthenticatedError for every kind of bad token (the reason is not disclosed).
   */
  async verify(token: string): Promise<AccessTokenClaims> {
    const nowMs = this.s.clock.now().getTime();
    const known = this.verified.get(token);
    if (known) {
      if (nowMs >= (known.exp + clockToleranceSeconds) * 1000) {
        this.verified.delete(token);
        throw refuse('The access token has expired.');
      }
      if (this.revocations.isRevoked(known)) throw refuse('The access token was revoked.');
      return known;
    }
    const claims = await this.verifyAfresh(token, nowMs);
    if (this.revocations.isRevoked(claims)) throw refuse('The access token was revoked.');
    this.verified.set(token, claims);
    return claims;
  }

  private async verifyAfresh(token: string, nowMs: number): Promise<AccessTokenClaims> {
    // Cheap structural checks first: size, exactly three parts (a JWE has five), the header.
    if (token.length > maxAccessTokenBytes) throw refuse();
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => base64url.test(p))) throw refuse();
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw refuse();
    }
    if (!header || typeof header !== 'object' || Array.isArray(header)) throw refuse();
    if (Object.keys(header).some((name) => !allowedHeaderMembers.has(name))) throw refuse();
    if (header.alg !== accessTokenAlgorithm || header.typ !== accessTokenType) throw refuse();
    // The kid is only ever a key into an in-memory map.
    if (typeof header.kid !== 'string' || !kidPattern.test(header.kid)) throw refuse();
    const key = this.keys.verificationKey(header.kid);
    if (!key) throw refuse();
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [accessTokenAlgorithm],
        typ: accessTokenType,
        issuer: this.issuer,
        audience: this.audience,
        currentDate: new Date(nowMs),
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw refuse(error instanceof joseErrors.JWTExpired ? 'The access token has expired.' : undefined);
      throw error;
    }
    const { sub, sid, roles, scopes, iat, exp, jti, org, org_role } = payload;
    if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string' || !isStringArray(roles) || !isStringArray(scopes)) throw refuse();
    if ((org !== undefined && typeof org !== 'string') || (org_role !== undefined && typeof org_role !== 'string')) throw refuse();
    if (typeof iat !== 'number' || typeof exp !== 'number') throw refuse();
    // A token claiming a longer life than Latch ever mints is not one of ours.
    if (exp - iat > this.s.config.jwt.accessTokenTtlSeconds || iat * 1000 > nowMs + clockToleranceSeconds * 1000) throw refuse();
    const claims: AccessTokenClaims = { sub, sid, roles, scopes, iss: payload.iss as string, aud: payload.aud as string | string[], iat, exp, jti };
    if (typeof org === 'string') claims.org = org;
    if (typeof org_role === 'string') claims.org_role = org_role;
    return claims;
  }
}
