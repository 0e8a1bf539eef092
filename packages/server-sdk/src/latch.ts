import { requireReauthentication } from './accounts/reauth.js';
import { AccountService } from './accounts/service.js';
import { scopesOfUser } from './core/scopes.js';
import { adminFeature } from './admin/feature.js';
import { provisionUser, type ProvisionUserInput, type ProvisionUserResult } from './admin/provisioning.js';
import { importUsers, type ImportUsersInput, type ImportUsersResult } from './admin/import.js';
import { createTurnstileVerifier, noCaptcha } from './captcha/turnstile.js';
import { resolveConfig, type LatchConfig, type ResolvedConfig } from './config.js';
import { systemContext, type RequestContext } from './context.js';
import { createSecretBox } from './crypto/secret-box.js';
import type { AccountHooks, FeatureParts, LatchFeature, SessionIssuer } from './core/feature.js';
import { createHandler, type LatchHandler } from './http/handler.js';
import { toFetchHandler, type FetchHandler } from './adapters/fetch.js';
import { createServerApi, type LatchApi } from './server-api.js';
import { buildOpenApi } from './http/openapi.js';
import { openApiDocumentSchema } from './http/openapi-document.js';
import { defineRoute, json } from './core/route.js';
import { accountRoutes } from './accounts/routes.js';
import { sessionRoutes } from './accounts/session-routes.js';
import { AccountSecurity } from './accounts/secure-account.js';
import { secureAccountRoutes } from './accounts/secure-account-routes.js';
import { createEventBus, type LatchEvents } from './events/bus.js';
import { createDevMailer, createSmtpMailer } from './mail/mailer.js';
import { createMailOutbox, type MailOutbox } from './mail/outbox.js';
import { createLatchMetrics } from './metrics/latch-metrics.js';
import type { MetricsRegistry } from './metrics/registry.js';
import { createBreachedPasswordLookup, noBreachedPasswordLookup, type BreachedCheckOutcome } from './passwords/breached.js';
import { createArgon2Hasher } from './passwords/hasher.js';
import { retainSharedStrengthPool } from './passwords/strength-pool.js';
import { createRateLimiter } from './rate-limit/limiter.js';
import { createLimits } from './rate-limit/limits.js';
import type { Services } from './core/services.js';
import { createLocalRevocationBus, createPostgresRevocationBus, type RevocationBus } from './sessions/revocation-bus.js';
import { withCachedSummary } from './two-factor/cached-gate.js';
import { SessionService } from './sessions/service.js';
import { adoptDatabase, migrateDatabase, openDatabase, type Database } from './storage/database.js';
import { createKnexStorage } from './storage/knex/knex-storage.js';
import type { Storage } from './storage/storage.js';
import type { JSONWebKeySet } from 'jose';
import { apiKeysFeature } from './api-keys/feature.js';
import type { ApiKeyService } from './api-keys/service.js';
import { noSecondFactor, type SecondFactorGate } from './core/second-factor.js';
import { noOrganizations, type InvitationAcceptor, type OrganizationPort } from './core/organizations.js';
import { sshKeysFeature, type SshKeysApi } from './ssh-keys/feature.js';
import type { SshKeyService } from './ssh-keys/service.js';
import { accessTokensFeature, type AccessTokensApi } from './tokens/feature.js';
import type { AccessTokenService } from './tokens/jwt.js';
import type { SigningKeyStore } from './tokens/signing-keys.js';
import { twoFactorFeature } from './two-factor/feature.js';
import { webhooksFeature, type WebhooksApi } from './webhooks/feature.js';
import { organizationsFeature } from './organizations/feature.js';
import type { OrganizationsApi } from './organizations/api.js';
import { ConfigError } from './errors.js';

/**
 * The features Latch installs when `features` is not given: every built-in one. Pass a subset
 * to leave some out — their routes, OpenAPI paths, tables and settings panels then do not exist.
 * @example createLatch({ features: defaultFeatures().filter((f) => f.name !== 'ssh-keys') })
 */
export function defaultFeatures(): LatchFeature[] {
  return [twoFactorFeature(), apiKeysFeature(), sshKeysFeature(), accessTokensFeature(), adminFeature(), webhooksFeature(), organizationsFeature()];
}

/** The configuration plus the features to install. */
export interface LatchOptions extends LatchConfig {
  /** The features to install, in order (default: {@link defaultFeatures}). */
  features?: LatchFeature[];
}

/** API keys, SSH keys and JWT access tokens, as the Latch object exposes them (`latch.keys`). */
export interface KeysApi {
  readonly apiKeys: ApiKeyService;
  readonly sshKeys: SshKeyService;
  readonly signingKeys: SigningKeyStore;
  readonly accessTokens: AccessTokenService;
  /** The JSON Web Key Set to serve at `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
  /** A user's SSH keys in authorized_keys format, by user id or login email. */
  authorizedKeys(userIdOrEmail: string): Promise<string>;
  /** Writes API-key usage gathered in memory now (it is otherwise written every few seconds). */
  flushUsage(): Promise<void>;
}

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
  /** In-process subscriptions to account events, called after each change commits (`latch.events.on(type, handler)`). */
  readonly events: LatchEvents;
  /** The webhook delivery queue (idle unless `webhooks.url` is set). */
  readonly webhooks: WebhooksApi;
  /**
   * Organizations for server-side code: create them, add, change and remove members (every
   * invariant and the audit trail apply, no member rules). Throws a ConfigError on use when the
   * organizations feature is left out.
   */
  readonly organizations: OrganizationsApi;
  /** The framework-neutral HTTP handler; mount it with `latchKoa`, `latchExpress` or `toNodeHandler`. */
  readonly handler: LatchHandler;
  /**
   * The API as a Web-standard handler (`Request` → `Response`) for Next.js, Hono, Bun, Deno and
   * Workers; pass `{ remoteAddress }` as the second argument where the runtime knows it.
   */
  readonly fetch: FetchHandler;
  /** Account operations for server-side code: `latch.api.signUp(…)`, `latch.api.getSession({ headers })`, … */
  readonly api: LatchApi;
  readonly database: Database;
  /**
   * Latch's metrics (requests, latency, sign-in outcomes, emails, and the features' own): render
   * them with `await latch.metrics().render()` at your `/metrics`, or add families of your own.
   */
  metrics(): MetricsRegistry;
  /** The OpenAPI 3.1 document of the HTTP API. */
  openApi(): Record<string, unknown>;
  /** Creates an account as an administrator or the CLI would. */
  provisionUser(input: ProvisionUserInput, ctx?: RequestContext): Promise<ProvisionUserResult>;
  /**
   * Imports up to 1,000 accounts from another system in one transaction, as
   * `POST /admin/users/import` does (the CLI's `latch-server import` sends files in such batches).
   */
  importUsers(input: ImportUsersInput, ctx?: RequestContext): Promise<ImportUsersResult>;
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
export async function createLatch(input: LatchOptions = {}, options: CreateLatchOptions = {}): Promise<Latch> {
  const { features = defaultFeatures(), ...settings } = input;
  const names = features.map((f) => f.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice) throw new ConfigError(`features: "${twice}" is listed twice`);
  const config = resolveConfig(settings);
  const { logger, clock } = config;
  const database: Database = config.database.knex
    ? await adoptDatabase(config.database.knex, { schema: config.database.schema, logger })
    : await openDatabase({ ...config.database, logger });
  if (database.kind === 'pglite' && !config.database.knex && !config.database.dataDir && config.production) {
    logger.warn({ event: 'database.in_memory' }, 'The embedded database is in memory: every account and session is lost when the process stops. Set database.url (PostgreSQL) or database.dataDir.');
  }
  await migrateDatabase(database.knex, Object.assign({}, ...features.map((f) => f.migrations ?? {})), { schema: database.schema });
  const storage = createKnexStorage(database.knex, database.kind);
  const bus: RevocationBus = database.kind === 'postgres' && (database.url ?? config.database.url)
    ? await createPostgresRevocationBus((database.url ?? config.database.url)!, logger, { schema: database.schema })
    : createLocalRevocationBus();
  const mailer = config.mail.mailer ?? (config.mail.smtpUrl ? createSmtpMailer(config.mail.smtpUrl) : createDevMailer(logger));
  const secretBox = (purpose: string) => createSecretBox(config.secret, purpose);
  const outbox = createMailOutbox({
    storage, mailer, box: secretBox('outbox'), clock, logger, from: config.mail.from, productName: config.mail.productName,
    maxAttempts: config.mail.maxAttempts, pollIntervalMs: config.mail.pollIntervalMs,
    templateOverrides: config.mail.templates, language: config.mail.language,
  });
  const metrics = createLatchMetrics({ mailStats: outbox.stats });
  let gate: SecondFactorGate = noSecondFactor;
  let organizations: OrganizationPort = noOrganizations;
  // Filled with the features' invitation kinds once they are set up below.
  const invitations: InvitationAcceptor[] = [];
  const limiter = createRateLimiter(storage, clock, config.rateLimit.enabled);
  const parts: FeatureParts[] = [];
  // Durable sinks (the webhook queue) come from the features, known once they are set up below.
  const events = createEventBus({ clock, logger, sinks: () => parts.flatMap((p) => p.eventSink ?? []) });
  const services: Services = {
    config, storage, clock, logger,
    hasher: createArgon2Hasher(config.passwords),
    breachedPasswords: config.passwords.breached
      ? createBreachedPasswordLookup({ ...config.passwords.breached, clock, logger, onOutcome: countBreachedCheck(metrics.registry) })
      : noBreachedPasswordLookup,
    sessions: new SessionService({ storage, clock, config: config.sessions, bus, logger, events }),
    outbox,
    limiter,
    limits: createLimits(limiter, config.rateLimit),
    captcha: config.turnstile.secretKey
      ? createTurnstileVerifier({ secretKey: config.turnstile.secretKey, verifyUrl: config.turnstile.verifyUrl, timeoutMs: config.turnstile.timeoutMs, logger })
      : noCaptcha,
    // The gate comes from the feature that provides it, known once every feature is set up below.
    secondFactor: delegatingGate(() => gate),
    organizations: delegatingOrganizations(() => organizations),
    invitations,
    revocations: bus,
    events,
    metrics: metrics.registry,
    secretBox,
  };
  const accounts = new AccountService(services);
  const sessionIssuer: SessionIssuer = { issue: (tx, user, ctx, method) => accounts.issueSession(tx, user, ctx, method) };
  const accountHooks: AccountHooks = {
    async userDisabled(tx, userId) {
      const counts: Record<string, number> = {};
      for (const part of parts) Object.assign(counts, await part.accountHooks?.userDisabled?.(tx, userId));
      return counts;
    },
    async accountSecured(tx, userId) {
      const counts: Record<string, number> = {};
      for (const part of parts) Object.assign(counts, await part.accountHooks?.accountSecured?.(tx, userId));
      return counts;
    },
  };
  const accountFacts = async (userId: string) => {
    const facts: Record<string, unknown> = {};
    for (const part of parts) Object.assign(facts, await part.accountFacts?.(userId));
    return facts;
  };
  for (const feature of features) parts.push(await feature.setup({ services, sessions: sessionIssuer, accountHooks, accountFacts }));
  const ports = parts.filter((p) => p.organizations);
  if (ports.length > 1) throw new ConfigError('features: more than one feature provides organizations');
  organizations = ports[0]?.organizations ?? noOrganizations;
  invitations.push(...parts.flatMap((p) => p.invitations ?? []));
  const gates = parts.filter((p) => p.secondFactor);
  if (gates.length > 1) throw new ConfigError('features: more than one feature provides the second-factor gate');
  gate = gates[0] ? withCachedSummary(gates[0].secondFactor!, bus, clock, config.sessions) : noSecondFactor;
  const bearer = parts.flatMap((p) => p.bearer ?? []);
  const security = new AccountSecurity(services, accountHooks, { secondFactorsAvailable: names.includes('two-factor') });
  const routes = [
    ...accountRoutes(services, accounts, names), ...sessionRoutes(services), ...secureAccountRoutes(security), ...parts.flatMap((p) => p.routes),
  ];
  routes.push(defineRoute({
    method: 'GET', path: '/openapi.json', tag: 'Meta', auth: 'none',
    summary: 'This OpenAPI 3.1 document, generated from the route definitions',
    response: openApiDocumentSchema,
    responses: { 200: 'The OpenAPI document' },
    handler: async () => json(200, buildOpenApi(routes, config)),
  }));
  const handler = createHandler({
    services, routes, bearer,
    observe: (info) => { metrics.observeRequest(info); options.observe?.(info); },
    scopesOf: (user) => scopesOfUser(user, config.apiKeys.scopes),
    reauthenticate: (caller, proof, ctx) => requireReauthentication(services, caller, proof, ctx),
  });
  const keys = keysApiOf(features, parts);
  for (const part of parts) await part.start?.();

  const cleanup = async () => {
    await services.sessions.deleteExpired();
    await storage.rateLimits.deleteExpired(clock.now());
    await accounts.devices.cleanup();
    for (const part of parts) await part.cleanup?.();
  };
  const cleanupTimer = setInterval(() => {
    cleanup().catch((error) => logger.warn({ event: 'cleanup.failed', error: error instanceof Error ? error.message : String(error) }, 'cleanup failed'));
  }, 15 * 60_000);
  cleanupTimer.unref();
  if (config.mail.startWorker) outbox.start();
  const releaseStrengthPool = retainSharedStrengthPool();

  let closed = false;
  return {
    config, storage, services, accounts, outbox, handler, database, events,
    fetch: toFetchHandler({ handler, config, services }),
    api: createServerApi({ services, accounts, handler }),
    webhooks: apiOf<WebhooksApi>(features, parts, 'webhooks') ?? webhooksLeftOut,
    organizations: apiOf<OrganizationsApi>(features, parts, 'organizations') ?? organizationsLeftOut,
    openApi: () => buildOpenApi(routes, config),
    metrics: () => metrics.registry,
    provisionUser: (provision, ctx = systemContext('provision')) => provisionUser(services, provision, ctx),
    importUsers: (batch, ctx = systemContext('import')) => importUsers(services, batch, ctx),
    keys,
    jwks: async () => (apiOf<AccessTokensApi>(features, parts, 'access-tokens')?.jwks() ?? { keys: [] }),
    authorizedKeys: (userIdOrEmail) => keys.authorizedKeys(userIdOrEmail),
    cleanup,
    async close(closeOptions = {}) {
      if (closed) return;
      closed = true;
      clearInterval(cleanupTimer);
      for (const part of parts) await part.stop?.();
      // Answered reset requests still do their work before the database closes.
      await accounts.settle();
      await outbox.stop(closeOptions.drainTimeoutMs ?? 5000);
      await bus.close();
      await releaseStrengthPool();
      await database.close();
    },
  };
}

/** `latch.webhooks` when the webhooks feature is left out. */
const webhooksLeftOut: WebhooksApi = {
  enabled: false,
  deliverDue: async () => 0,
  stats: async () => ({ delivered: 0, retried: 0, failed: 0, pending: 0 }),
  delivery: async () => null,
  redeliver: async () => false,
};

/** `latch.organizations` when the organizations feature is left out: every call says so. */
const organizationsLeftOut: OrganizationsApi = (() => {
  const refuse = (): never => { throw new ConfigError('the organizations feature is not installed'); };
  const refuseAsync = async (): Promise<never> => refuse();
  return {
    create: refuseAsync, get: refuseAsync, listForUser: refuseAsync, members: refuseAsync, addMember: refuseAsync,
    updateMember: refuseAsync, removeMember: refuseAsync, delete: refuseAsync, membership: refuseAsync, roles: refuse,
  };
})();

/** Counts breached-password checks by outcome in `latch_breached_password_checks_total`. */
function countBreachedCheck(registry: MetricsRegistry): (outcome: BreachedCheckOutcome) => void {
  const checks = registry.counter({
    name: 'latch_breached_password_checks_total', labelNames: ['outcome'],
    help: 'New passwords checked against the breached-password service, by outcome (breached, clean, skipped: the service did not answer)',
  });
  return (outcome) => checks.inc({ outcome });
}

/** A gate that forwards to the one chosen when the features are set up. */
function delegatingGate(current: () => SecondFactorGate): SecondFactorGate {
  return {
    afterFirstFactor: (tx, user, ctx) => current().afterFirstFactor(tx, user, ctx),
    verifyReauthCode: (user, code, ctx) => current().verifyReauthCode(user, code, ctx),
    summary: (user) => current().summary(user),
    voidPending: (tx, userId) => current().voidPending(tx, userId),
  };
}

function delegatingOrganizations(current: () => OrganizationPort): OrganizationPort {
  return {
    membership: (userId, organizationId) => current().membership(userId, organizationId),
    describe: (organizationId) => current().describe(organizationId),
    rankOf: (role) => current().rankOf(role),
    permissionsOf: (role) => current().permissionsOf(role),
  };
}

/** The API a named feature exposes, or undefined when it is not installed. */
function apiOf<T>(features: readonly LatchFeature[], parts: readonly FeatureParts[], name: string): T | undefined {
  const index = features.findIndex((f) => f.name === name);
  return index < 0 ? undefined : parts[index]!.api as T;
}

/** `latch.keys`: each member throws a clear error when its feature is left out. */
function keysApiOf(features: readonly LatchFeature[], parts: readonly FeatureParts[]): KeysApi {
  const need = <T>(name: string): T => {
    const api = apiOf<T>(features, parts, name);
    if (api === undefined) throw new ConfigError(`the ${name} feature is not installed`);
    return api;
  };
  return {
    get apiKeys() { return need<ApiKeyService>('api-keys'); },
    get sshKeys() { return need<SshKeysApi>('ssh-keys').sshKeys; },
    get signingKeys() { return need<AccessTokensApi>('access-tokens').signingKeys; },
    get accessTokens() { return need<AccessTokensApi>('access-tokens').accessTokens; },
    jwks: () => need<AccessTokensApi>('access-tokens').jwks(),
    authorizedKeys: async (userIdOrEmail) => need<SshKeysApi>('ssh-keys').authorizedKeys(userIdOrEmail),
    flushUsage: async () => { await apiOf<ApiKeyService>(features, parts, 'api-keys')?.usage.flush(); },
  };
}
