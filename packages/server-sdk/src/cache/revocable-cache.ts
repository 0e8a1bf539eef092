import type { Clock } from '../clock.js';
import type { Revocation } from './revocation.js';

/** What a cached entry belongs to: a revocation naming any of these drops the entry. */
export interface CacheOwners {
  userId?: string;
  sessionId?: string;
  apiKeyId?: string;
}

/** Options of {@link RevocableCache}. */
export interface RevocableCacheOptions {
  /** The time source the TTL is measured on. */
  clock: Clock;
  /** Most entries held; at capacity the least recently used one is dropped. At least 1. */
  maxEntries: number;
  /** How long an entry is served after it was stored (reading it does not extend this). */
  ttlMs: number;
}

interface Slot<V> {
  value: V;
  storedAt: number;
  owners: string[];
}

const ownerKey = (kind: keyof CacheOwners, id: string) => `${kind}:${id}`;

/**
 * A bounded in-process cache of facts read from the database (validated sessions, API-key
 * lookups, verified tokens, second-factor summaries). Entries expire `ttlMs` after they were
 * stored, on the injected clock; at capacity the least recently used entry makes room. Each
 * entry records its owners (user, session, API key), so a revocation drops exactly the entries
 * it names.
 * @example
 * const cache = new RevocableCache<Summary>({ clock, maxEntries: 50_000, ttlMs: 30_000 });
 * cache.set(user.id, summary, { userId: user.id });
 * bus.subscribe((revocation) => cache.revoke(revocation));
 */
export class RevocableCache<V> {
  // A Map iterates in insertion order; re-inserting on every hit keeps the least recently used first.
  private readonly entries = new Map<string, Slot<V>>();
  private readonly byOwner = new Map<string, Set<string>>();
  private readonly clock: Clock;
  private readonly maxEntries: number;
  private readonly ttlMs: number;

  constructor(options: RevocableCacheOptions) {
    if (!(options.maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
    this.clock = options.clock;
    this.maxEntries = Math.floor(options.maxEntries);
    this.ttlMs = options.ttlMs;
  }

  /** How many entries are held (expired ones included until they are read or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** The value stored under `key` and still within its TTL, marking it most recently used. */
  get(key: string): V | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    if (this.clock.now().getTime() - slot.storedAt >= this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, slot);
    return slot.value;
  }

  /** Stores `value` under `key`, owned by `owners`, dropping the least recently used entry at capacity. */
  set(key: string, value: V, owners: CacheOwners = {}): void {
    this.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    const slot: Slot<V> = { value, storedAt: this.clock.now().getTime(), owners: [] };
    for (const kind of ['userId', 'sessionId', 'apiKeyId'] as const) {
      const id = owners[kind];
      if (id === undefined) continue;
      const owner = ownerKey(kind, id);
      slot.owners.push(owner);
      let keys = this.byOwner.get(owner);
      if (!keys) this.byOwner.set(owner, keys = new Set());
      keys.add(key);
    }
    this.entries.set(key, slot);
  }

  /** Drops one entry; false when there was none. */
  delete(key: string): boolean {
    const slot = this.entries.get(key);
    if (!slot) return false;
    this.entries.delete(key);
    for (const owner of slot.owners) {
      const keys = this.byOwner.get(owner);
      keys?.delete(key);
      if (keys?.size === 0) this.byOwner.delete(owner);
    }
    return true;
  }

  /** Drops every entry owned by the given user, session or API key; returns how many. */
  deleteOwnedBy(kind: keyof CacheOwners, id: string): number {
    const keys = this.byOwner.get(ownerKey(kind, id));
    if (!keys) return 0;
    let dropped = 0;
    for (const key of [...keys]) if (this.delete(key)) dropped++;
    return dropped;
  }

  /**
   * Drops what a revocation from the bus names: its sessions, its API keys and its user's
   * entries; `userId: '*'` (cached facts may be stale everywhere) drops everything.
   */
  revoke(revocation: Revocation): void {
    if (revocation.userId === '*') { this.clear(); return; }
    if (revocation.userId !== undefined) this.deleteOwnedBy('userId', revocation.userId);
    if (revocation.refreshedUserId !== undefined) this.deleteOwnedBy('userId', revocation.refreshedUserId);
    for (const id of revocation.sessionIds ?? []) this.deleteOwnedBy('sessionId', id);
    for (const id of revocation.apiKeyIds ?? []) this.deleteOwnedBy('apiKeyId', id);
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
    this.byOwner.clear();
  }
}
