import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import type { Mailer } from './mailer.js';
import { renderMail, type MailTemplateOverrides } from './overrides.js';
import type { templates, TemplateName } from './templates.js';

type TemplateData<N extends TemplateName> = Parameters<(typeof templates)[N]>[0];

/** Counters the reference server exposes as metrics. */
export interface MailStats { queued: number; sent: number; failed: number; retried: number }

/** Options of {@link createMailOutbox}. */
export interface MailOutboxOptions {
  storage: Storage;
  mailer: Mailer;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  from: string;
  productName: string;
  maxAttempts: number;
  pollIntervalMs: number;
  /** `mail.templates`: replacements of built-in subjects and bodies. */
  templateOverrides?: MailTemplateOverrides;
  /** `mail.language`: which override entry is used before `default`. */
  language?: string;
}

/**
 * The transactional outbox: `enqueue` writes an email in the caller's transaction; the worker
 * delivers it with retries and exponential back-off, so neither an SMTP outage nor a crash loses mail.
 */
export interface MailOutbox {
  enqueue<N extends TemplateName>(tx: Storage, to: string, template: N, data: TemplateData<N>, ctx: RequestContext): Promise<void>;
  /** Delivers what is due now; returns how many messages were handled. */
  deliverDue(): Promise<number>;
  /** Starts polling (and delivering right after each enqueue's commit via `kick`). */
  start(): void;
  /** Asks the worker to run soon (call after a commit). */
  kick(): void;
  /** Stops polling, then delivers what is due, for at most `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /** Opens a stored body (development mailbox). */
  openBody(sealed: string): { text: string; html: string };
  readonly stats: MailStats;
}

/** How long an outage (connection errors, SMTP 4xx) is retried before a message is given up. */
const outageRetryMs = 3 * 86_400_000;

export function createMailOutbox(options: MailOutboxOptions): MailOutbox {
  const { storage, mailer, box, clock, logger } = options;
  const stats: MailStats = { queued: 0, sent: 0, failed: 0, retried: 0 };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;
  let kicked = false;

  async function deliverOne(tx: Storage, id: string, to: string, subject: string, sealed: string | null, attempts: number, createdAt: Date) {
    const now = clock.now();
    try {
      if (!sealed) throw new Error('message body missing');
      const body = JSON.parse(box.open(sealed)) as { text: string; html: string };
      await mailer.send({ to, from: options.from, subject, text: body.text, html: body.html });
      await tx.outbox.markSent(id, clock.now(), mailer.kind !== 'dev');
      stats.sent++;
      logger.info({ event: 'mail.sent', outboxId: id, to }, 'email delivered');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A refusal of the message itself (SMTP 5xx) is given up after `maxAttempts`; an outage
      // (connection errors, 4xx) is retried, at most hourly, until the message is three days old.
      const code = (error as { responseCode?: unknown } | null)?.responseCode;
      const permanent = typeof code === 'number' && code >= 500 && code < 600;
      const giveUp = permanent ? attempts + 1 >= options.maxAttempts : now.getTime() - createdAt.getTime() >= outageRetryMs;
      const delay = Math.min(3600, 5 * 2 ** attempts) * 1000;
      await tx.outbox.markAttemptFailed(id, message, giveUp ? null : new Date(now.getTime() + delay), now);
      if (giveUp) stats.failed++; else stats.retried++;
      logger.warn({ event: giveUp ? 'mail.failed' : 'mail.retry', outboxId: id, attempts: attempts + 1, error: message }, 'email delivery failed');
    }
  }

  async function deliverDue(): Promise<number> {
    const claimed = await storage.outbox.claimDue(clock.now(), 20, 60);
    for (const m of claimed) await deliverOne(storage, m.id, m.toAddress, m.subject, m.bodySealed, m.attempts, m.createdAt);
    return claimed.length;
  }

  function schedule(delay: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  }

  async function tick() {
    if (running) { kicked = true; return; }
    kicked = false;
    running = deliverDue().catch((error) => {
      logger.error({ event: 'mail.worker_error', error: error instanceof Error ? error.message : String(error) }, 'outbox worker failed');
      return 0;
    });
    const handled = await running;
    running = undefined;
    schedule(handled > 0 || kicked ? 0 : options.pollIntervalMs);
  }

  const outbox: MailOutbox = {
    stats,
    async enqueue(tx, to, template, data, ctx) {
      const rendered = renderMail(template, data as Record<string, unknown>, {
        productName: options.productName, at: clock.now(), ip: ctx.ip, userAgent: ctx.userAgent,
      }, options.templateOverrides, options.language ?? 'default');
      await tx.outbox.enqueue({
        toAddress: to,
        template,
        subject: rendered.subject,
        bodySealed: box.seal(JSON.stringify({ text: rendered.text, html: rendered.html })),
        createdAt: clock.now(),
      });
      stats.queued++;
      // Delivery starts once the mail's transaction commits; a rolled-back mail is never sent.
      tx.afterCommit(() => outbox.kick());
    },
    deliverDue,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    kick() {
      if (stopped) return;
      if (running) kicked = true; else schedule(0);
    },
    async stop(timeoutMs = 5000) {
      stopped = true;
      clearTimeout(timer);
      const deadline = Date.now() + timeoutMs;
      if (running) await running;
      while (Date.now() < deadline) {
        const handled = await deliverDue().catch(() => 0);
        if (handled === 0) break;
      }
      await mailer.close?.();
    },
    openBody(sealed) {
      return JSON.parse(box.open(sealed)) as { text: string; html: string };
    },
  };
  return outbox;
}
