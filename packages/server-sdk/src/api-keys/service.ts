import { z } from 'zod';
import { recordAudit } from '../audit/log.js';
import { RevocableCache } from '../cache/revocable-cache.js';
import type { RequestContext } from '../context.js';
import { ForbiddenError, LimitReachedError, NotFoundError } from '../errors.js';
import { canManage } from '../core/roles.js';
import type { AuthState } from '../core/auth-state.js';
import type { Services } from '../core/services.js';
import type { Revocation } from '../sessions/revocation-bus.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from './format.js';
import { apiKeyStore, type ApiKeyRecord } from './repository.js';
import { effectiveScopes, requireGrantableScopes } from '../core/scopes.js';
import { ApiKeyUsageRecorder } from './usage.js';
import { isoTime, named } from '../response-schemas.js';

/** An API key as its owner sees it: never the secret. */
export const apiKeyViewSchema = named('ApiKey', z.object({
  id: z.string(),
  name: z.string(),
  /** The fixed prefix and first characters of the key, to tell keys apart. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: isoTime,
  expiresAt: isoTime.nullable(),
  lastUsedAt: isoTime.nullable(),
  lastUsedIp: z.string().nullable(),
  usageCount: z.number().int(),
  expired: z.boolean(),
}));

/** An API key as its owner sees it: never the secret. */
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** What a user asks for when creating a key. */
export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  /** Days until the key stops working; unset means no expiry. */
  expiresInDays?: number | undefined;
}

/** A new key and its secret, which is shown this once (`POST /me/api-keys`). */
export const createdApiKeySchema = named('CreatedApiKey', z.object({
  apiKey: apiKeyViewSchema,
  /** The whole key, shown this once. */
  secret: z.string(),
}));

/** A new key and its secret, which is shown this once. */
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

interface CacheEntry { key: ApiKeyRecord; user: UserRecord }

/** How often batched usage is written. */
export const usageFlushIntervalMs = 5000;

const day = 86_400_000;
/** Expired keys stay listed (marked expired) this long, then cleanup deletes them. */
const expiredRetentionMs = 30 * day;

/**
 * API keys: creation (shown once, hashed at rest, scoped, capped per user), listing, revocation,
 * and the per-request lookup behind `Authorization: Bearer latch_…`. Lookups are cached in the
 * process; revocations, disabled accounts and role changes clear the cache in every process
 * through the revocation bus. Usage is counted in memory and written in batches.
 */
export class ApiKeyService {
  private readonly cache: RevocableCache<CacheEntry>;
  readonly usage: ApiKeyUsageRecorder;

  constructor(private readonly s: Services) {
    const { cacheTtlSeconds, cacheMaxEntries } = s.config.sessions;
    this.cache = new RevocableCache({ clock: s.clock, maxEntries: cacheMaxEntries, ttlMs: cacheTtlSeconds * 1000 });
    this.usage = new ApiKeyUsageRecorder({
      flushIntervalMs: usageFlushIntervalMs,
      clock: s.clock,
      logger: s.logger,
      write: (batch) => s.storage.transaction(async (tx) => {
        const repo = tx.store(apiKeyStore);
        for (const usage of batch) await repo.addUsage(usage);
      }),
    });
    s.revocations.subscribe((revocation) => this.evict(revocation));
  }

  private get config() { return this.s.config.apiKeys; }

  /** Drops cached lookups a revocation names (keys, a user, or everything). */
  evict(revocation: Revocation): void {
    this.cache.revoke(revocation);
  }

  /** The user's keys with their latest usage (including usage not yet written). */
  async list(userId: string): Promise<ApiKeyView[]> {
    const keys = await this.s.storage.store(apiKeyStore).listForUser(userId);
    return keys.map((k) => this.view(k));
  }

  /**
   * Creates a key after proof of presence: scopes within the catalogue and the user's rights,
   * at most `apiKeys.maxPerUser` live keys (the user's row lock makes the cap hold under
   * concurrent requests), an audit event and a notice email in the same transaction.
   * @throws InvalidScopeError, LimitReachedError, ReauthenticationRequiredError
   */
  async create(caller: { user: UserRecord; session: SessionRecord | null }, input: CreateApiKeyInput, ctx: RequestContext): Promise<CreatedApiKey> {
    const scopes = requireGrantableScopes(caller.user, input.scopes, this.config.scopes);
    const now = this.s.clock.now();
    const generated = generateApiKey(this.config.prefix);
    const record = await this.s.storage.transaction(async (tx) => {
      const user = await tx.users.lockForUpdate(caller.user.id);
      if (!user || user.disabledAt) throw new NotFoundError();
      const repo = tx.store(apiKeyStore);
      if (await repo.countLive(user.id, now) >= this.config.maxPerUser) {
        throw new LimitReachedError({ detail: `You can have at most ${this.config.maxPerUser} API keys. Delete one first.`, extensions: { limit: this.config.maxPerUser } });
      }
      const key = await repo.insert({
        userId: user.id, name: input.name, prefix: generated.displayPrefix, keyHash: generated.hash, scopes, createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * day) : null,
      });
      await recordAudit(tx, this.s.clock, {
        type: 'api_key.created', userId: user.id,
        detail: { apiKeyId: key.id, name: key.name, prefix: key.prefix, scopes, expiresAt: key.expiresAt?.toISOString() ?? null },
      }, ctx);
      await this.s.events.emit(tx, 'api_key.created', {
        userId: user.id, apiKeyId: key.id, name: key.name, prefix: key.prefix, scopes, expiresAt: key.expiresAt?.toISOString() ?? null,
      });
      await this.s.outbox.enqueue(tx, user.email, 'securityNotice', {
        name: user.displayName,
        subject: 'A new API key was created',
        message: `An API key named "${key.name}" (${key.prefix}…) with the scopes ${scopes.join(', ') || '(none)'} was created for your account${key.expiresAt ? `; it expires on ${key.expiresAt.toISOString().slice(0, 10)}` : ''}. If this wasn't you, delete the key in your security settings and change your password.`,
      }, ctx);
      return key;
    });
    return { apiKey: this.view(record), secret: generated.secret };
  }

  /**
   * Deletes one of the user's keys; every process refuses it from the next request on.
   * @throws NotFoundError when the key is not the user's.
   */
  async revoke(userId: string, id: string, ctx: RequestContext): Promise<void> {
    await this.s.storage.transaction(async (tx) => {
      if (!(await tx.store(apiKeyStore).deleteForUser(userId, id))) throw new NotFoundError();
      await recordAudit(tx, this.s.clock, { type: 'api_key.revoked', userId, detail: { apiKeyId: id } }, ctx);
      await this.s.events.emit(tx, 'api_key.revoked', { userId, apiKeyId: id, reason: 'revoked' });
      await this.s.revocations.publish(tx, { apiKeyIds: [id] });
    });
    this.usage.forget(id);
  }

  /** How many keys of the user work now (unexpired), for administrators. */
  async countLive(userId: string): Promise<number> {
    return this.s.storage.store(apiKeyStore).countLive(userId, this.s.clock.now());
  }

  /**
   * An administrator revokes one of an account's keys: every process refuses it from the next
   * request on, the audit trail records `admin.api_key_revoked` with the actor, `api_key.revoked`
   * is announced and the owner is told by email.
   * @throws NotFoundError when the account or the key (of that account) is unknown; ForbiddenError when the actor may not manage the account
   */
  async revokeByAdmin(actor: UserRecord, userId: string, id: string, ctx: RequestContext): Promise<void> {
    await this.s.storage.transaction(async (tx) => {
      const user = await tx.users.findById(userId);
      if (!user) throw new NotFoundError();
      if (user.id !== actor.id && !canManage(actor.roles, user.roles)) throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });
      const repo = tx.store(apiKeyStore);
      const key = (await repo.listForUser(user.id)).find((k) => k.id === id);
      if (!key || !(await repo.deleteForUser(user.id, id))) throw new NotFoundError();
      await recordAudit(tx, this.s.clock, {
        type: 'admin.api_key_revoked', userId: user.id, actorId: actor.id, detail: { actorId: actor.id, apiKeyId: id, name: key.name, prefix: key.prefix },
      }, ctx);
      await this.s.events.emit(tx, 'api_key.revoked', { userId: user.id, apiKeyId: id, reason: 'revoked' });
      await this.s.revocations.publish(tx, { apiKeyIds: [id] });
      await this.s.outbox.enqueue(tx, user.email, 'securityNotice', {
        name: user.displayName,
        subject: 'An API key was revoked',
        message: `${actor.displayName || actor.email} revoked the API key named "${key.name}" (${key.prefix}…) of your account. It no longer works.`,
      }, ctx);
    });
    this.usage.forget(id);
  }

  /**
   * Resolves `Authorization: Bearer <key>` to its owner, or null. Unknown, expired and malformed
   * keys count against the caller's address, which is refused with `rate_limited` past the limit.
   */
  async authenticate(token: string, ctx: RequestContext): Promise<AuthState | null> {
    const now = this.s.clock.now();
    const hash = isWellFormedApiKey(token, this.config.prefix) ? hashApiKey(token) : null;
    let entry = hash ? this.cache.get(hash) : undefined;
    if (!entry) {
      await this.s.limits.apiKeyFailuresPerIp.check(ctx.ip ?? 'unknown');
      const found = hash ? await this.s.storage.store(apiKeyStore).findByHash(hash) : null;
      if (!found) return this.reject(hash ? 'unknown' : 'malformed', ctx);
      entry = found;
      this.cache.set(hash!, entry, { apiKeyId: found.key.id, userId: found.user.id });
    }
    const refusal = entry.key.expiresAt && entry.key.expiresAt <= now ? 'expired' : entry.user.disabledAt ? 'account_disabled' : null;
    if (refusal) {
      // Uncached, so the next attempt passes the rate-limit check before anything else.
      this.cache.delete(hash!);
      return this.reject(refusal, ctx);
    }
    this.usage.record(entry.key.id, now, ctx.ip);
    return {
      user: entry.user,
      session: null,
      via: 'api_key',
      scopes: effectiveScopes(entry.key.scopes, entry.user, this.s.config.apiKeys.scopes),
      apiKeyId: entry.key.id,
      // A key belongs to its user, not to an organization the user may switch.
      organization: null,
    };
  }

  private async reject(reason: string, ctx: RequestContext): Promise<null> {
    // The key itself is never logged, not even in part.
    this.s.logger.info({ event: 'api_key.rejected', reason, ip: ctx.ip, requestId: ctx.requestId }, 'API key refused');
    await this.s.limits.apiKeyFailuresPerIp.record(ctx.ip ?? 'unknown');
    return null;
  }

  /** Deletes keys that expired more than 30 days ago. */
  async cleanup(): Promise<void> {
    const ids = await this.s.storage.store(apiKeyStore).deleteExpiredBefore(new Date(this.s.clock.now().getTime() - expiredRetentionMs));
    for (const id of ids) this.usage.forget(id);
  }

  private view(key: ApiKeyRecord): ApiKeyView {
    const pending = this.usage.pendingFor(key.id);
    const lastUsedAt = pending && (!key.lastUsedAt || pending.lastUsedAt > key.lastUsedAt) ? pending.lastUsedAt : key.lastUsedAt;
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      lastUsedAt: lastUsedAt?.toISOString() ?? null,
      lastUsedIp: pending && lastUsedAt === pending.lastUsedAt ? pending.lastUsedIp : key.lastUsedIp,
      usageCount: key.useCount + (pending?.count ?? 0),
      expired: key.expiresAt !== null && key.expiresAt <= this.s.clock.now(),
    };
  }
}
