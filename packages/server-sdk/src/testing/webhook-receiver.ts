import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got, and what it answered (null while held). */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  eventId: string;
  answered: number | null;
  receivedAt: Date;
}

/** How the receiver answers: a status, or `hold` (keep the request open until `release`). */
export type ReceiverMode = number | 'hold';

/** A real HTTP server on loopback standing in for a webhook endpoint. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT/hooks` */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Deliveries answered with a 2xx. */
  accepted(): ReceivedWebhook[];
  /** How the following requests are answered (default 204). */
  setMode(mode: ReceiverMode): void;
  /** Answers every held request with `status`. */
  release(status?: number): void;
  /** Resolves with the first request (already received or arriving) that matches. */
  waitFor(match: (hook: ReceivedWebhook) => boolean, timeoutMs?: number): Promise<ReceivedWebhook>;
  /** Stops listening (the port is then closed: connections are refused). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a webhook receiver on 127.0.0.1 (an ephemeral port unless `port` is given).
 * @example const hooks = await startWebhookReceiver(); createTestServer({ database, config: { webhooks: { url: hooks.url, secret } } });
 */
export async function startWebhookReceiver(options: { port?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const held: Array<{ hook: ReceivedWebhook; res: ServerResponse }> = [];
  const waiters: Array<{ match: (hook: ReceivedWebhook) => boolean; resolve: (hook: ReceivedWebhook) => void }> = [];
  let mode: ReceiverMode = 204;
  const answer = (hook: ReceivedWebhook, res: ServerResponse, status: number) => {
    hook.answered = status;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    notify();
  };
  const notify = () => {
    for (const waiter of [...waiters]) {
      const hook = received.find(waiter.match);
      if (hook) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(hook); }
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const hook: ReceivedWebhook = {
        headers: req.headers, body: Buffer.concat(chunks).toString('utf8'),
        eventId: String(req.headers['x-latch-event-id'] ?? ''), answered: null, receivedAt: new Date(),
      };
      received.push(hook);
      if (mode === 'hold') { held.push({ hook, res }); notify(); } else answer(hook, res, mode);
    });
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    accepted: () => received.filter((hook) => hook.answered !== null && hook.answered >= 200 && hook.answered < 300),
    setMode(next) { mode = next; },
    release(status = 204) {
      for (const { hook, res } of held.splice(0)) answer(hook, res, status);
    },
    waitFor(match, timeoutMs = 10_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (hook: ReceivedWebhook) => { clearTimeout(timer); resolve(hook); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('no matching webhook delivery arrived'));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    stop,
    restart: () => listen(port),
    async close() {
      held.splice(0);
      if (server.listening) await stop();
    },
  };
}
