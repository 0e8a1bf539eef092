import { AccountService } from './accounts/service.js';
import { adminFeature } from './admin/feature.js';
import { provisionUser, type ProvisionUserInput, type ProvisionUserResult } from './admin/provisioning.js';
import { createTurnstileVerifier, noCaptcha } from './captcha/turnstile.js';
import { resolveConfig, type LatchConfig, type ResolvedConfig } from './config.js';
import { systemContext, type RequestContext } from './context.js';
import { createSecretBox } from './crypto/secret-box.js';
import type { LatchFeature } from './feature.js';
import { createHandler, type LatchHandler } from './http/handler.js';
import { buildOpenApi } from './http/openapi.js';
import { defineRoute, json } from './http/route.js';
import { accountRoutes } from './http/routes/accounts.js';
import { sessionRoutes } from './http/routes/sessions.js';
import { createDevMailer, createSmtpMailer } from './mail/mailer.js';
import { createMailOutbox, type MailOutbox } from './mail/outbox.js';
import { createArgon2Hasher } from './passwords/hasher.js';
import { createRateLimiter } from './rate-limit/limiter.js';
import type { Services } from './services.js';
import { createLocalRevocationBus, createPostgresRevocationBus, type RevocationBus } from './sessions/revocation-bus.js';
import { withCachedSummary } from './sessions/cached-gate.js';
import { SessionService } from './sessions/service.js';
import { createDatabase, migrateDatabase, type Database } from './storage/database.js';
import { createKnexStorage } from './storage/knex/knex-storage.js';
import type { Storage } from './storage/storage.js';
import { keysApiOf, keysFeature, type KeysApi } from './tokens/feature.js';
import type { JSONWebKeySet } from 'jose';
import { twoFactorFeature } from './two-factor/feature.js';
import { noSecondFactor } from './two-factor/gate.js';

/** Options of {@link createLatch} beyond the configuration. */
export interface CreateLatchOptions {
  /** Observes each HTTP request (metrics). */
  observe?: Parameters<typeof createHandler>[0]['observe'];
}

/** A running Latch: services, the HTTP handler and lifecycle. */
export interface Latch {
  readonly config: ResolvedConfig;
  readonly storage: Storage;
  readonly services: Services;
  readonly accounts: AccountService;
  readonly outbox: MailOutbox;
  /** The framework-neutral HTTP handler; mount it with `latchKoa`, `latchExpress` or `toNodeHandler`. */
  readonly handler: LatchHandler;
  readonly database: Database;
  /** The OpenAPI 3.1 document of the HTTP API. */
  openApi(): Record<string, unknown>;
  /** Creates an account as an administrator or the CLI would. */
  provisionUser(input: ProvisionUserInput, ctx?: RequestContext): Promise<ProvisionUserResult>;
  /** API keys, SSH keys and JWT access tokens (used by `requireAuth`). */
  readonly keys: KeysApi;
  /** The JSON Web Key Set of the access-token signing keys; serve it at `/.well-known/jwks.json`. */
  jwks(): Promise<JSONWebKeySet>;
  /** A user's SSH keys (by id or email) in authorized_keys format, for sshd's `AuthorizedKeysCommand`. */
  authorizedKeys(userIdOrEmail: string): Promise<string>;
  /** Deletes expired sessions, rate-limit windows and feature rows now. */
  cleanup(): Promise<void>;
  /** Stops background work, delivers due mail (bounded) and closes the database. */
  close(options?: { drainTimeoutMs?: number }): Promise<void>;
}

/**
 * Creates Latch: resolves the configuration, opens and migrates the database, and wires every service.
 * @example
 * const latch = await createLatch({ publicUrl: 'http://localhost:3000', database: { dataDir: './.latch-data/db' } });
 * http.createServer(toNodeHandler(latch, { prefix: '/auth' })).listen(3000);
 */
export async function createLatch(input: LatchConfig = {}, options: CreateLatchOptions = {}): Promise<Latch> {
  const config = resolveConfig(input);
  const { logger, clock } = config;
  const database: Database = config.database.knex
    ? { knex: config.database.knex, kind: config.database.knex.client.config.client === 'pg' ? 'postgres' : 'pglite', close: async () => {} }
    : createDatabase(config.database);
  await migrateDatabase(database.knex);
  const storage = createKnexStorage(database.knex, database.kind);
  const bus: RevocationBus = database.kind === 'postgres' && (database.url ?? config.database.url)
    ? await createPostgresRevocationBus((database.url ?? config.database.url)!, logger)
    : createLocalRevocationBus();
  const mailer = config.mail.mailer ?? (config.mail.smtpUrl ? createSmtpMailer(config.mail.smtpUrl) : createDevMailer(logger));
  const secretBox = (purpose: string) => createSecretBox(config.secret, purpose);
  const outbox = createMailOutbox({
    storage, mailer, box: secretBox('outbox'), clock, logger, from: config.mail.from, productName: config.mail.productName,
    maxAttempts: config.mail.maxAttempts, pollIntervalMs: config.mail.pollIntervalMs,
  });
  const services: Services = {
    config, storage, clock, logger,
    hasher: createArgon2Hasher(config.passwords),
    sessions: new SessionService({ storage, clock, config: config.sessions, bus, logger }),
    outbox,
    limiter: createRateLimiter(storage, clock, config.rateLimit.enabled),
    captcha: config.turnstile.secretKey
      ? createTurnstileVerifier({ secretKey: config.turnstile.secretKey, verifyUrl: config.turnstile.verifyUrl, timeoutMs: config.turnstile.timeoutMs, logger })
      : noCaptcha,
    secondFactor: noSecondFactor,
    revocations: bus,
    secretBox,
  };
  const accounts = new AccountService(services);
  const features: LatchFeature[] = [];
  for (const factory of [twoFactorFeature, keysFeature, adminFeature]) features.push(await factory(services, accounts));
  for (const feature of features) {
    if (feature.secondFactor) services.secondFactor = withCachedSummary(feature.secondFactor, bus, clock, config.sessions.cacheTtlSeconds);
  }
  const bearer = Object.assign({}, ...features.map((f) => f.bearer ?? {}));
  const routes = [...accountRoutes(services, accounts), ...sessionRoutes(services), ...features.flatMap((f) => f.routes)];
  routes.push(defineRoute({
    method: 'GET', path: '/openapi.json', tag: 'Meta', auth: 'none',
    summary: 'This OpenAPI 3.1 document, generated from the route definitions',
    responses: { 200: 'The OpenAPI document' },
    handler: async () => json(200, buildOpenApi(routes, config)),
  }));
  const handler = createHandler({ services, routes, bearer, observe: options.observe });
  const keys = keysApiOf(features);
  for (const feature of features) await feature.start?.();

  const cleanup = async () => {
    await services.sessions.deleteExpired();
    await storage.rateLimits.deleteExpired(clock.now());
    for (const feature of features) await feature.cleanup?.();
  };
  const cleanupTimer = setInterval(() => {
    cleanup().catch((error) => logger.warn({ event: 'cleanup.failed', error: error instanceof Error ? error.message : String(error) }, 'cleanup failed'));
  }, 15 * 60_000);
  cleanupTimer.unref();
  if (config.mail.startWorker) outbox.start();

  let closed = false;
  return {
    config, storage, services, accounts, outbox, handler, database,
    openApi: () => buildOpenApi(routes, config),
    provisionUser: (provision, ctx = systemContext('provision')) => provisionUser(services, provision, ctx),
    keys,
    jwks: async () => keys.jwks(),
    authorizedKeys: (userIdOrEmail) => keys.authorizedKeys(userIdOrEmail),
    cleanup,
    async close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      clearInterval(cleanupTimer);
      for (const feature of features) await feature.stop?.();
      await outbox.stop(closeOptions.drainTimeoutMs ?? 5000);
      await bus.close();
      await database.close();
    },
  };
}
