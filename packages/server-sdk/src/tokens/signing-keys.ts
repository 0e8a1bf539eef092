import { signingKeyTable } from './signing-key-table.js';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import type { Services } from '../core/services.js';

/** The one JWS algorithm Latch signs and accepts (Ed25519). */
export const accessTokenAlgorithm = 'EdDSA';

/** Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds. */
export const clockToleranceSeconds = 30;

/** A published key, ready for verification. */
interface LoadedKey {
  kid: string;
  generation: number;
  activatesAt: number;
  /** End of publication: the successor's activation plus the longest token life (Infinity for the newest). */
  publishedUntil: number;
  publicJwk: JWK;
  verifyKey: CryptoKey;
  /** Null when the master secret cannot open it (the key was made under another secret). */
  signKey: CryptoKey | null;
}

interface Row {
  kid: string;
  generation: number;
  alg: string;
  public_jwk: string;
  private_jwk_sealed: string;
  created_at: Date | string;
  activates_at: Date | string;
}

const time = (value: Date | string) => (value instanceof Date ? value : new Date(value)).getTime();

/**
 * The JWT signing keys: Ed25519 pairs made on first start and on a schedule, stored in the
 * database with the private half sealed by the master secret, so every server process signs and
 * verifies with the same keys. A successor is published in the JWKS before it starts signing
 * (so cached JWKS copies know it), and a retired key stays published until the last token it
 * signed has expired. Concurrent processes race safely: a key's generation number is unique and
 * inserted only if absent.
 */
export class SigningKeyStore {
  private keys = new Map<string, LoadedKey>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private lastRefreshAt = 0;
  private readonly box;

  constructor(private readonly s: Services) {
    this.box = s.secretBox('signing-keys');
  }

  private get table() { return this.s.storage.store(signingKeyTable); }
  private get ttlMs() { return this.s.config.jwt.accessTokenTtlSeconds * 1000; }
  private get intervalMs() { return this.s.config.jwt.rotationIntervalSeconds * 1000; }
  /** How long before it signs a successor is published: an hour, or half the interval if shorter. */
  private get prepublishMs() { return Math.min(3_600_000, this.intervalMs / 2); }

  /**
   * Loads the keys, makes the first key or the next one when due, and installs them in memory.
   * Safe to call from several processes at once.
   */
  async refresh(): Promise<void> {
    if (this.refreshing) return this.refreshing;
    this.refreshing = (async () => {
      let rows = await this.load();
      await this.install(rows);
      const due = this.nextKeyDue();
      if (due) {
        await this.insertIfAbsent(due.generation, due.activatesAt);
        rows = await this.load();
        await this.install(rows);
      }
      this.lastRefreshAt = Date.now();
    })().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  /** Refreshes now and then every minute (to see keys other processes made, and to rotate). */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error) => this.s.logger.warn({ event: 'signing_keys.refresh_failed', error: error instanceof Error ? error.message : String(error) }, 'signing keys not refreshed'));
    }, 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The key that signs now: the newest active one this process can open. */
  signer(): { kid: string; key: CryptoKey } {
    const now = this.s.clock.now().getTime();
    let best: LoadedKey | undefined;
    for (const key of this.keys.values()) {
      if (key.signKey && key.activatesAt <= now && (!best || key.generation > best.generation)) best = key;
    }
    if (!best) throw new Error('no signing key is available (has Latch started?)');
    return { kid: best.kid, key: best.signKey! };
  }

  /**
   * The verification key for a `kid`, from memory only. An unknown kid may mean another process
   * made a key this one has not seen yet: a refresh is started, at most every 30 seconds.
   */
  verificationKey(kid: string): CryptoKey | undefined {
    const key = this.keys.get(kid);
    if (!key && Date.now() - this.lastRefreshAt > 30_000 && !this.refreshing) {
      this.lastRefreshAt = Date.now();
      this.refresh().catch(() => {});
    }
    return key?.verifyKey;
  }

  /** The published public keys (current, upcoming and retired-but-still-valid) as a JWKS. */
  jwks(): JSONWebKeySet {
    const now = this.s.clock.now().getTime();
    return {
      keys: [...this.keys.values()]
        .filter((k) => k.publishedUntil > now)
        .sort((a, b) => b.generation - a.generation)
        .map((k) => ({ ...k.publicJwk, kid: k.kid, alg: accessTokenAlgorithm, use: 'sig' })),
    };
  }

  /** Deletes keys whose publication has ended (no unexpired token can carry them). */
  async cleanup(): Promise<void> {
    const now = this.s.clock.now().getTime();
    const expired = [...this.keys.values()].filter((k) => k.publishedUntil <= now).map((k) => k.kid);
    if (expired.length > 0) await this.table.delete(expired);
    await this.refresh();
  }

  private async load(): Promise<Row[]> {
    return this.table.all();
  }

  private async install(rows: Row[]): Promise<void> {
    const next = new Map<string, LoadedKey>();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const successor = rows[i + 1];
      const publishedUntil = successor ? time(successor.activates_at) + this.ttlMs + clockToleranceSeconds * 1000 : Infinity;
      const known = this.keys.get(row.kid);
      if (known) { next.set(row.kid, { ...known, publishedUntil }); continue; }
      const publicJwk = JSON.parse(row.public_jwk) as JWK;
      next.set(row.kid, {
        kid: row.kid, generation: Number(row.generation), activatesAt: time(row.activates_at), publishedUntil, publicJwk,
        verifyKey: await importJWK(publicJwk, accessTokenAlgorithm) as CryptoKey,
        signKey: await this.openPrivate(row),
      });
    }
    this.keys = next;
  }

  private async openPrivate(row: Row): Promise<CryptoKey | null> {
    try {
      const sealed = JSON.parse(this.box.open(row.private_jwk_sealed)) as { kid: string; jwk: JWK };
      // The kid is sealed with the key, so a private half moved to another row is refused.
      if (sealed.kid !== row.kid) throw new Error('kid mismatch');
      return await importJWK(sealed.jwk, accessTokenAlgorithm) as CryptoKey;
    } catch {
      this.s.logger.warn({ event: 'signing_keys.unreadable', kid: row.kid }, 'a signing key cannot be opened with this secret; it is used for verification only');
      return null;
    }
  }

  /** The key to make now, if any: the first one, a replacement, or the scheduled successor. */
  private nextKeyDue(): { generation: number; activatesAt: Date } | null {
    const now = this.s.clock.now().getTime();
    const all = [...this.keys.values()].sort((a, b) => a.generation - b.generation);
    const latest = all[all.length - 1];
    const active = all.filter((k) => k.activatesAt <= now).pop();
    if (!latest) return { generation: 1, activatesAt: new Date(now) };
    // No usable active key (made under another secret): a new one signs at once.
    if (!active?.signKey) return { generation: latest.generation + 1, activatesAt: new Date(now) };
    if (latest !== active) return null; // a successor is already published
    if (now < active.activatesAt + this.intervalMs - this.prepublishMs) return null;
    return { generation: latest.generation + 1, activatesAt: new Date(Math.max(active.activatesAt + this.intervalMs, now + this.prepublishMs)) };
  }

  private async insertIfAbsent(generation: number, activatesAt: Date): Promise<void> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(publicJwk);
    const inserted = await this.table.insertIfAbsent({
      kid, generation, alg: accessTokenAlgorithm,
      publicJwk: JSON.stringify({ kty: publicJwk.kty, crv: publicJwk.crv, x: publicJwk.x }),
      privateJwkSealed: this.box.seal(JSON.stringify({ kid, jwk: privateKey.export({ format: 'jwk' }) })),
      createdAt: this.s.clock.now(),
      activatesAt,
    });
    // Another process may have won the race for this generation; its key is loaded instead.
    if (inserted) this.s.logger.info({ event: 'signing_keys.created', kid, generation, activatesAt: activatesAt.toISOString() }, 'signing key made');
  }
}
