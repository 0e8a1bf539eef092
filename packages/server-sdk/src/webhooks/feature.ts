import type { LatchFeature } from '../core/feature.js';
import type { EventSink } from '../events/bus.js';
import { webhookMigrations } from './migrations.js';
import { webhookDeliveryStore, type WebhookDelivery } from './repository.js';
import { createWebhookWorker, type WebhookStats } from './worker.js';

const day = 86_400_000;

/** `latch.webhooks`: the delivery queue, for operators and tests. */
export interface WebhooksApi {
  /** True when `webhooks.url` is set (events are queued and delivered). */
  readonly enabled: boolean;
  /**
   * Delivers the due events now (after a pass already running); resolves to how many deliveries
   * were attempted. The worker does this by itself; call it to drain the queue on demand.
   */
  deliverDue(): Promise<number>;
  /** Counters of this process (delivered, retried, failed) and the backlog in the database. */
  stats(): Promise<WebhookStats>;
  /** One queued event's delivery state, by event id (null when unknown or pruned). */
  delivery(eventId: string): Promise<WebhookDelivery | null>;
  /** Sends an event again from now with a fresh retry period (e.g. one given up); false when unknown or already delivered. */
  redeliver(eventId: string): Promise<boolean>;
}

/**
 * Webhooks: every event is queued in the transaction of its change and POSTed, signed, to
 * `webhooks.url`, with retries for `webhooks.retryForSeconds`. Without a URL the feature stays idle.
 */
export function webhooksFeature(): LatchFeature<WebhooksApi> {
  return {
    name: 'webhooks',
    migrations: webhookMigrations,
    setup({ services }) {
      const { storage, clock, logger } = services;
      const settings = services.config.webhooks;
      const store = () => storage.store(webhookDeliveryStore);
      const retryMs = settings.retryForSeconds * 1000;
      const lookups = {
        delivery: (eventId: string) => store().findByEventId(eventId),
        redeliver: (eventId: string) => store().redeliver(eventId, clock.now(), new Date(clock.now().getTime() + retryMs)),
      };
      const worker = settings.url ? createWebhookWorker({
        storage, clock, logger, url: settings.url,
        secrets: [settings.secret!, ...(settings.previousSecret ? [settings.previousSecret] : [])],
        timeoutMs: settings.timeoutMs, pollIntervalMs: settings.pollIntervalMs,
      }) : null;
      services.metrics.counter({
        name: 'latch_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome (delivered, retried, failed = given up) since this process started',
        labelNames: ['outcome'],
        collect: () => (['delivered', 'retried', 'failed'] as const).map((outcome) => ({ labels: { outcome }, value: worker?.counters[outcome] ?? 0 })),
      });
      services.metrics.gauge({
        name: 'latch_webhook_pending', help: 'Events waiting for webhook delivery (all processes, retries included)',
        // An unreachable database shows as NaN here rather than failing the whole scrape.
        collect: async () => (worker ? store().countPending().catch(() => NaN) : 0),
      });
      if (!worker) {
        return {
          routes: [],
          api: { enabled: false, deliverDue: async () => 0, stats: async () => ({ delivered: 0, retried: 0, failed: 0, pending: 0 }), ...lookups },
        };
      }
      const wanted = settings.events ? new Set<string>(settings.events) : null;
      const eventSink: EventSink = async (tx, event) => {
        if (wanted && !wanted.has(event.type)) return;
        const createdAt = clock.now();
        await tx.store(webhookDeliveryStore).enqueue({
          eventId: event.id, eventType: event.type, body: JSON.stringify(event), createdAt, giveUpAt: new Date(createdAt.getTime() + retryMs),
        });
        // Sent once the change commits; a rolled-back change leaves no row to send.
        tx.afterCommit(() => worker.kick());
      };
      return {
        routes: [],
        eventSink,
        api: {
          enabled: true,
          deliverDue: () => worker.deliverDue(),
          stats: async () => ({ ...worker.counters, pending: await store().countPending() }),
          ...lookups,
        },
        start: async () => { if (settings.startWorker) await worker.start(); },
        stop: () => worker.stop(),
        cleanup: async () => {
          const now = clock.now().getTime();
          await store().deleteFinished({ delivered: new Date(now - settings.deliveredRetentionDays * day), failed: new Date(now - settings.failedRetentionDays * day) });
        },
      };
    },
  };
}
