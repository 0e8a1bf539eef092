import { z } from 'zod';
import { RevocableCache } from '../cache/revocable-cache.js';
import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import { sha256 } from '../crypto/digest.js';
import { recordAudit } from '../audit/log.js';
import type { EventEmitter } from '../events/bus.js';
import type { SessionRevokedReason } from '../events/types.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { Revocation, RevocationBus } from './revocation-bus.js';
import { createSessionToken, isWellFormedSessionToken } from './token.js';
import { describeUserAgent } from './user-agent.js';
import { isoTime, named } from '../response-schemas.js';

/** A session that passed validation, with its user. */
export interface ValidatedSession {
  session: SessionRecord;
  user: UserRecord;
}

/** A session as listed to its owner (`GET /me/sessions`). */
export const sessionViewSchema = named('SessionInfo', z.object({
  id: z.string(),
  /** The session of this request. */
  current: z.boolean(),
  createdAt: isoTime,
  lastActiveAt: isoTime,
  /** When it expires if it stays unused (the idle or the absolute limit, whichever comes first). */
  expiresAt: isoTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** Browser name and major version read from the user agent, e.g. `Firefox 128`. */
  browser: z.string().nullable(),
  /** Operating system read from the user agent, e.g. `Linux`. */
  os: z.string().nullable(),
}));

/** A session as listed to its owner. */
export type SessionView = z.infer<typeof sessionViewSchema>;

/**
 * The session settings the service reads: the resolved `sessions` section (declared here, as the
 * configuration's core imports this folder).
 */
export interface SessionSettings {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  maxPerUser: number;
  touchIntervalSeconds: number;
  cacheTtlSeconds: number;
  cacheMaxEntries: number;
  reauthWindowSeconds: number;
}

/** Options of {@link createSessionService}. */
export interface SessionServiceOptions {
  storage: Storage;
  clock: Clock;
  config: SessionSettings;
  bus: RevocationBus;
  logger: Logger;
  /** Where `session.created` and `session.revoked` are announced. */
  events: EventEmitter;
}

/**
 * Login sessions: opaque tokens hashed at rest, idle and absolute expiry checked on every lookup,
 * a per-user cap, and a short-lived in-process cache that revocations clear in every process.
 */
export class SessionService {
  private readonly cache: RevocableCache<ValidatedSession>;
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly config: SessionSettings;
  private readonly bus: RevocationBus;
  private readonly events: EventEmitter;

  constructor(options: SessionServiceOptions) {
    this.storage = options.storage;
    this.events = options.events;
    this.clock = options.clock;
    this.config = options.config;
    this.bus = options.bus;
    this.cache = new RevocableCache({ clock: this.clock, maxEntries: this.config.cacheMaxEntries, ttlMs: this.config.cacheTtlSeconds * 1000 });
    this.bus.subscribe((revocation) => this.evict(revocation));
  }

  /** Drops cached entries a revocation names. */
  evict(revocation: Revocation): void {
    this.cache.revoke(revocation);
  }

  /**
   * Starts a new session for `user` (always a fresh token) in the caller's transaction, evicting
   * the oldest sessions beyond the cap. Returns the token to put in the cookie. `method` (how the
   * user proved who they are: `password`, `passkey`, …) goes into the `session.created` event.
   */
  async create(tx: Storage, user: UserRecord, ctx: RequestContext, method = 'unknown'): Promise<{ token: string; session: SessionRecord }> {
    const now = this.clock.now();
    // The row lock serializes concurrent sign-ins of one user, so the cap holds under races.
    await tx.users.lockForUpdate(user.id);
    const { token, tokenHash } = createSessionToken();
    const session = await tx.sessions.create({
      userId: user.id,
      tokenHash,
      createdAt: now,
      lastActiveAt: now,
      authenticatedAt: now,
      expiresAt: new Date(now.getTime() + this.config.absoluteTimeoutSeconds * 1000),
      ip: ctx.ip,
      userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    });
    const evicted = await tx.sessions.evictOldest(user.id, this.config.maxPerUser, session.id);
    if (evicted.length > 0) {
      await recordAudit(tx, this.clock, { type: 'session.evicted', userId: user.id, detail: { count: evicted.length } }, ctx);
      await this.bus.publish(tx, { sessionIds: evicted });
      await this.announceRevoked(tx, user.id, evicted, 'evicted');
    }
    await this.events.emit(tx, 'session.created', { userId: user.id, sessionId: session.id, method, ip: session.ip, userAgent: session.userAgent });
    return { token, session };
  }

  /** True when the session is past its idle or absolute expiry at `now`. */
  isExpired(session: SessionRecord, now: Date): boolean {
    return session.expiresAt <= now || session.lastActiveAt.getTime() + this.config.idleTimeoutSeconds * 1000 <= now.getTime();
  }

  /**
   * Resolves a cookie token to a live session and an enabled user, or null. Expiry is checked on
   * every call (cached or not); last-active time is written at most once per interval.
   */
  async validate(token: string): Promise<ValidatedSession | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const tokenHash = sha256(token);
    const now = this.clock.now();
    let entry = this.cache.get(tokenHash);
    if (!entry) {
      const session = await this.storage.sessions.findByTokenHash(tokenHash);
      if (!session) return null;
      const user = await this.storage.users.findById(session.userId);
      if (!user) return null;
      entry = { session, user };
      this.cache.set(tokenHash, entry, { sessionId: session.id, userId: user.id });
    }
    if (this.isExpired(entry.session, now) || entry.user.disabledAt) {
      this.cache.delete(tokenHash);
      return null;
    }
    if (now.getTime() - entry.session.lastActiveAt.getTime() >= this.config.touchIntervalSeconds * 1000) {
      // Updated in place in the cached entry, so later hits within the interval do not write again.
      entry.session = { ...entry.session, lastActiveAt: now };
      await this.storage.sessions.touch(entry.session.id, now, this.config.touchIntervalSeconds);
    }
    return { session: entry.session, user: entry.user };
  }

  /** Records a fresh proof of presence (password or second factor) on the session. */
  async markAuthenticated(sessionId: string): Promise<void> {
    await this.storage.sessions.markAuthenticated(sessionId, this.clock.now());
    // The next lookup reads the new time back; other processes refresh it within the cache TTL.
    this.cache.deleteOwnedBy('sessionId', sessionId);
  }

  /** True when the session's last proof of presence is within the reauthentication window. */
  isFresh(session: SessionRecord): boolean {
    return this.clock.now().getTime() - session.authenticatedAt.getTime() < this.config.reauthWindowSeconds * 1000;
  }

  /** The user's live sessions, most recently active first. */
  async list(userId: string, currentSessionId: string | null): Promise<SessionView[]> {
    const sessions = await this.storage.sessions.listLive(userId, this.clock.now(), this.config.idleTimeoutSeconds);
    return sessions.map((s) => ({
      id: s.id,
      current: s.id === currentSessionId,
      createdAt: s.createdAt.toISOString(),
      lastActiveAt: s.lastActiveAt.toISOString(),
      expiresAt: this.expiresAt(s).toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      ...describeUserAgent(s.userAgent),
    }));
  }

  /** When the session will expire if it stays unused. */
  expiresAt(session: SessionRecord): Date {
    const idle = session.lastActiveAt.getTime() + this.config.idleTimeoutSeconds * 1000;
    return new Date(Math.min(idle, session.expiresAt.getTime()));
  }

  /** Revokes one session of the user; false when it is not theirs. */
  async revoke(tx: Storage, userId: string, sessionId: string, reason: SessionRevokedReason = 'revoked'): Promise<boolean> {
    const deleted = await tx.sessions.deleteForUser(userId, sessionId);
    if (deleted) {
      await this.bus.publish(tx, { sessionIds: [sessionId] });
      await this.announceRevoked(tx, userId, [sessionId], reason);
    }
    return deleted;
  }

  /** Revokes every session of the user except `exceptId`; returns how many. */
  async revokeAll(tx: Storage, userId: string, exceptId?: string): Promise<number> {
    const ids = await tx.sessions.deleteAllForUser(userId, exceptId);
    await this.bus.publish(tx, exceptId ? { sessionIds: ids } : { sessionIds: ids, userId });
    await this.announceRevoked(tx, userId, ids, 'revoked');
    return ids.length;
  }

  /** One `session.revoked` event per ended session (expired sessions that cleanup deletes are not revoked). */
  private async announceRevoked(tx: Storage, userId: string, sessionIds: readonly string[], reason: SessionRevokedReason): Promise<void> {
    for (const sessionId of sessionIds) await this.events.emit(tx, 'session.revoked', { userId, sessionId, reason });
  }

  /** Tells every process to forget cached facts about a user (roles, disabled, factors changed). */
  async userChanged(tx: Storage, userId: string): Promise<void> {
    await this.bus.publish(tx, { userId });
  }

  /**
   * Tells every process to re-read what it cached about a user whose credentials all stay valid
   * (an organization membership or the active organization changed); unlike {@link userChanged},
   * the user's access tokens are not refused.
   */
  async userRefreshed(tx: Storage, userId: string): Promise<void> {
    await this.bus.publish(tx, { refreshedUserId: userId });
  }

  /** Deletes expired sessions (they are already refused on lookup). */
  async deleteExpired(): Promise<number> {
    return this.storage.sessions.deleteExpired(this.clock.now(), this.config.idleTimeoutSeconds);
  }
}
