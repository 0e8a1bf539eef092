import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManualClock, type ManualClock } from '../clock.js';
import type { LatchOptions } from '../latch.js';
import { silentLogger } from '../logger.js';
import { createLatch, type Latch } from '../latch.js';
import { toNodeHandler } from '../adapters/node.js';
import { TestClient } from './client.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { startSmtpSink, tokenIn, type SmtpSink } from './smtp-sink.js';

/** A real Latch on a real HTTP server, database and SMTP sink, with a movable clock. */
export interface TestServer {
  latch: Latch;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `origin` + the configured `basePath` (default `/auth`) */
  baseUrl: string;
  mail: SmtpSink;
  clock: ManualClock;
  database: TestDatabase;
  server: Server;
  /** A new browser-like client (own cookie jar, Origin set to the server's). */
  client(): TestClient;
  /** Signs up, verifies through the emailed link, and returns a signed-in client. */
  signedInUser(options?: { email?: string; password?: string; displayName?: string }): Promise<{ client: TestClient; email: string; password: string; userId: string }>;
  close(): Promise<void>;
}

/** Options of {@link createTestServer}. */
export interface TestServerOptions {
  database: 'pglite' | 'postgres';
  /** Settings and, with `features`, which features to install. */
  config?: Omit<LatchOptions, 'publicUrl' | 'database' | 'clock'>;
  /**
   * Open this existing database instead of a new one, for a second server process on the same
   * database or a restart. `close()` leaves it in place; its creator drops it.
   */
  reuseDatabase?: TestDatabase;
  /** Leave the database in place on `close()` (a later server reopens it with `reuseDatabase`). */
  keepDatabase?: boolean;
  /** PGlite only: keep the data in this folder instead of memory, so a later server can open it again. */
  dataDir?: string;
  /** The PostgreSQL schema of Latch's tables (`database.schema`; default `latch`). */
  schema?: string;
  /**
   * How the server hands requests to Latch (default `toNodeHandler(latch)`), to test another
   * adapter — a framework app or a fetch bridge — on the same database, mail sink and clock.
   */
  listener?: (latch: Latch) => (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  /** A clock to share with another server (default: a new manual clock starting now). */
  clock?: ManualClock;
  /**
   * The host name in `origin` and `publicUrl` (default `127.0.0.1`). The server always listens on
   * 127.0.0.1; `localhost` is what WebAuthn needs, as browsers refuse an IP address as relying party.
   */
  host?: '127.0.0.1' | 'localhost';
}

let counter = 0;

/** A unique test email address. */
export function uniqueEmail(prefix = 'user'): string {
  counter++;
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${counter}@example.com`;
}

/** A password the policy accepts. */
export const strongPassword = 'violet-harbor-engine-42';

/**
 * Starts Latch on an ephemeral port with PGlite or a fresh PostgreSQL database and an SMTP sink.
 * @example const t = await createTestServer({ database: 'pglite' }); after(() => t.close());
 */
export async function createTestServer(options: TestServerOptions): Promise<TestServer> {
  const database = options.reuseDatabase ?? await createTestDatabase(options.database);
  const mail = await startSmtpSink();
  const clock = options.clock ?? createManualClock(new Date());
  let handler: ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) { res.statusCode = 503; res.end(); return; }
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://${options.host ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const cfg = options.config ?? {};
  const latch = await createLatch({
    ...cfg,
    publicUrl: origin,
    secret: cfg.secret ?? 'test-secret-that-is-long-enough-0123456789',
    database: { ...(database.url ? { url: database.url, poolMax: 5 } : options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.schema ? { schema: options.schema } : {}) },
    clock,
    logger: cfg.logger ?? silentLogger,
    mail: { smtpUrl: mail.url, pollIntervalMs: 50, ...cfg.mail },
    passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1, ...cfg.passwords },
    // Every test client shares 127.0.0.1: per-address limits stay as configured, per-IP ones are
    // raised unless a test sets them (the rate-limit tests do).
    rateLimit: {
      signInPerIp: { limit: 10_000, windowSeconds: 60 },
      signUpPerIp: { limit: 10_000, windowSeconds: 3600 },
      emailPerIp: { limit: 10_000, windowSeconds: 3600 },
      resetPerIp: { limit: 10_000, windowSeconds: 900 },
      passwordCheckPerIp: { limit: 10_000, windowSeconds: 60 },
      ...cfg.rateLimit,
    },
  });
  handler = options.listener ? options.listener(latch) : toNodeHandler(latch);
  const baseUrl = `${origin}${latch.config.basePath}`;
  const t: TestServer = {
    latch, origin, baseUrl, mail, clock, database, server,
    client: () => new TestClient(baseUrl, origin),
    async signedInUser(user = {}) {
      const email = user.email ?? uniqueEmail();
      const password = user.password ?? strongPassword;
      const client = t.client();
      const signUp = await client.post('/sign-up', { email, password, displayName: user.displayName ?? 'Test User' });
      if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${signUp.text}`);
      const token = tokenIn(await mail.waitFor(email, (m) => m.text.includes('/verify-email?token=')), '/verify-email');
      const verified = await client.post('/verify-email', { token });
      if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
      return { client, email, password, userId: verified.body.user.id };
    },
    async close() {
      await latch.close({ drainTimeoutMs: 500 });
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mail.close();
      if (!options.reuseDatabase && !options.keepDatabase) await database.drop();
    },
  };
  return t;
}
