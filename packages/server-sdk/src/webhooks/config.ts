import { z } from 'zod';
import { latchEventTypes } from '../events/types.js';

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
const longEnough = (secret: string | undefined) => secret === undefined || Buffer.byteLength(secret, 'utf8') >= 32;

/** The `webhooks` section. */
export const webhooksSchema = z.object({
  url: z.string().optional()
    .refine((url) => url === undefined || isHttpUrl(url), 'must be an http(s) URL')
    // fetch refuses such URLs; the signature is what authenticates a delivery.
    .refine((url) => url === undefined || !isHttpUrl(url) || (!new URL(url).username && !new URL(url).password), 'must not contain a user name or password')
    .meta({
    description: 'Where each event is POSTed as JSON, signed with `secret`. Must be https in production (loopback excepted). Without it no event leaves the process; `latch.events.on` still works.',
    docDefault: 'unset: no webhooks',
  }),
  secret: z.string().optional().refine(longEnough, 'must be at least 32 bytes long').meta({
    description: 'The key of the `X-Latch-Signature` HMAC-SHA256 (at least 32 bytes); required with `url`. Share it with the receiver only.',
  }),
  previousSecret: z.string().optional().refine(longEnough, 'must be at least 32 bytes long').meta({
    description: 'During a key rotation, the key being retired: each delivery is then signed with both (two `v1=` values), so the receiver can switch over at its own pace.',
  }),
  events: z.array(z.enum(latchEventTypes)).optional().meta({
    description: 'The event types to deliver.',
    docDefault: 'every type',
  }),
  timeoutMs: z.number().int().min(1000).max(60_000).default(10_000)
    .describe('How long one delivery may take before it counts as failed and is retried.'),
  retryForSeconds: z.number().int().min(60).default(3 * 86_400)
    .describe('How long after an event its delivery is retried (back-off from 30 s doubling to at most 1 h) before it is marked failed.'),
  pollIntervalMs: z.number().int().positive().default(5000)
    .describe('How often the worker looks for retries that are due (new events are sent right after their commit).'),
  deliveredRetentionDays: z.number().positive().default(7).describe('Delivered events are deleted this long after delivery.'),
  failedRetentionDays: z.number().positive().default(30).describe('Events given up are kept this long for inspection, then deleted.'),
  startWorker: z.boolean().default(true).describe('Start the delivery worker with `createLatch` (off: deliver with `latch.webhooks.deliverDue()`).'),
}).superRefine((section, ctx) => {
  if (section.url && !section.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'is required with webhooks.url (at least 32 bytes)' });
}).describe('Signed HTTP delivery of events (the webhooks feature).');

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The production rule of the section: deliveries carry account data (emails, addresses), so they
 * go over https, to a loopback receiver excepted. Meant for `superRefine` on the composed schema.
 */
export function checkWebhooksInProduction(config: { production: boolean; webhooks: { url?: string | undefined } }, ctx: z.RefinementCtx): void {
  const url = config.webhooks.url;
  if (!config.production || !url || !isHttpUrl(url)) return;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'https:' && !loopbackHosts.has(hostname)) ctx.addIssue({ code: 'custom', path: ['webhooks', 'url'], message: 'must be https in production' });
}

/** The webhooks feature's top-level section, for the composed configuration. */
export const webhooksConfigShape = {
  webhooks: webhooksSchema.prefault({}),
};

/** The `webhooks` section as `createLatch` accepts it. */
export type WebhookConfig = z.input<typeof webhooksSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    webhooks: z.output<typeof webhooksSchema>;
  }
}
