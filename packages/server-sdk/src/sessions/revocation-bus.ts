import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { channelFor } from '../storage/schema.js';

import type { Revocation } from '../cache/revocation.js';

export type { Revocation };

/**
 * Carries revocations to every server process so their session caches drop them at once.
 * On PostgreSQL it uses LISTEN/NOTIFY (the notification is sent at commit); embedded PGlite has
 * one process, so delivery is local.
 */
export interface RevocationBus {
  /** Announces a revocation in the caller's transaction (delivered when it commits). */
  publish(tx: Storage, revocation: Revocation): Promise<void>;
  subscribe(listener: (revocation: Revocation) => void): void;
  close(): Promise<void>;
}

/** The channel of Latch's revocations (per schema: see {@link channelFor}). */
const baseChannel = 'latch_revocations';

/** A bus for one process (PGlite, or tests). */
export function createLocalRevocationBus(): RevocationBus {
  const listeners: Array<(r: Revocation) => void> = [];
  return {
    // At commit, like NOTIFY: a concurrent request must not re-cache what the transaction is changing.
    async publish(tx, revocation) { tx.afterCommit(() => { for (const l of listeners) l(revocation); }); },
    subscribe(listener) { listeners.push(listener); },
    async close() {},
  };
}

/** A LISTEN/NOTIFY bus on PostgreSQL, reconnecting its listening connection when it drops. */
export async function createPostgresRevocationBus(url: string, logger: Logger, options: { schema?: string } = {}): Promise<RevocationBus> {
  // Channels are database-wide: each schema's Latch has its own, so two never act on each other's signals.
  const channel = channelFor(baseChannel, options.schema ?? 'public');
  const listeners: Array<(r: Revocation) => void> = [];
  const deliver = (r: Revocation) => { for (const l of listeners) l(r); };
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      try { deliver(JSON.parse(message.payload) as Revocation); } catch { /* ignore malformed */ }
    });
    c.on('error', (error) => {
      logger.warn({ event: 'revocations.listener_error', error: error.message }, 'revocation listener lost; reconnecting');
      // Entries cached while deaf might be stale: drop everything.
      deliver({ sessionIds: [], userId: '*' });
      void c.end().catch(() => {});
      if (!closed) retry = setTimeout(() => { void connect().catch(() => {}); }, 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  };
  await connect();

  return {
    async publish(tx, revocation) {
      // Local listeners also hear it through the notification; deliver now as well for immediacy.
      deliver(revocation);
      await tx.notify(channel, JSON.stringify(revocation));
    },
    subscribe(listener) { listeners.push(listener); },
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
