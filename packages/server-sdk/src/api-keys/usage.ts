import { repeatEvery, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ApiKeyUsage } from './repository.js';

/** Options of {@link ApiKeyUsageRecorder}. */
export interface ApiKeyUsageRecorderOptions {
  /** Writes one batch (in one transaction). */
  write(batch: ApiKeyUsage[]): Promise<void>;
  /** How often pending usage is written, on `clock`'s time. */
  flushIntervalMs: number;
  clock: Clock;
  logger: Logger;
}

/**
 * Gathers API-key usage (last time, last address, count) in memory and writes it in batches
 * every few seconds and on close, so an authenticated request costs no database write.
 */
export class ApiKeyUsageRecorder {
  private pending = new Map<string, ApiKeyUsage>();
  private stopTimer: (() => void) | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: ApiKeyUsageRecorderOptions) {}

  /** Counts one use of a key. */
  record(id: string, at: Date, ip: string | null): void {
    const entry = this.pending.get(id);
    if (!entry) {
      this.pending.set(id, { id, lastUsedAt: at, lastUsedIp: ip, count: 1 });
      return;
    }
    entry.count++;
    if (at >= entry.lastUsedAt) {
      entry.lastUsedAt = at;
      entry.lastUsedIp = ip;
    }
  }

  /** Usage not yet written for a key (listings merge it in, so owners see fresh numbers). */
  pendingFor(id: string): ApiKeyUsage | undefined {
    return this.pending.get(id);
  }

  /** Drops pending usage of a deleted key. */
  forget(id: string): void {
    this.pending.delete(id);
  }

  /** Writes pending usage now; a failed batch is merged back for the next attempt. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.options.write(batch).catch((error) => {
      this.options.logger.warn({ event: 'api_key.usage_flush_failed', keys: batch.length, error: error instanceof Error ? error.message : String(error) }, 'API key usage not written; will retry');
      for (const usage of batch) {
        const newer = this.pending.get(usage.id);
        if (!newer) this.pending.set(usage.id, usage);
        else newer.count += usage.count;
      }
    }).finally(() => { this.flushing = undefined; });
    await this.flushing;
  }

  /** Starts the periodic flush. */
  start(): void {
    if (this.stopTimer) return;
    this.stopTimer = repeatEvery(this.options.clock, this.options.flushIntervalMs, () => { void this.flush(); });
  }

  /** Stops the timer and writes what is pending. */
  async stop(): Promise<void> {
    this.stopTimer?.();
    this.stopTimer = undefined;
    await this.flush();
  }
}
