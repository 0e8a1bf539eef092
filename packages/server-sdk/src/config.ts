import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { ConfigError } from './errors.js';
import type { Mailer } from './mail/mailer.js';
import type { Logger } from './logger.js';
import { consoleLogger } from './logger.js';

/** Where Latch keeps its data. */
export interface DatabaseConfig {
  /** `postgres://…` connection string. When unset, an embedded PGlite database is used. */
  url?: string;
  /** Folder for the embedded PGlite database; unset means in memory (tests). */
  dataDir?: string;
  /** A ready knex instance to use instead of `url`/`dataDir` (the host owns its lifecycle). */
  knex?: Knex;
  /** Largest number of pooled PostgreSQL connections. Default 10. */
  poolMax?: number;
}

/** Sign-up settings. */
export interface SignUpConfig {
  /** `open` lets anyone register; `invite-only` allows only admin-provisioned accounts. Default `open`. */
  mode?: 'open' | 'invite-only';
  /** Refuse sign-in until the email address is verified. Default true. */
  requireEmailVerification?: boolean;
}

/** Password policy and hashing parameters. */
export interface PasswordConfig {
  /** Fewest characters (Unicode code points). Default 8. */
  minLength?: number;
  /** Most characters (at least 128; longer input is refused before hashing). Default 1024. */
  maxLength?: number;
  /** Lowest zxcvbn score (0–4) accepted. Default 3. */
  minScore?: 0 | 1 | 2 | 3 | 4;
  /** Opt-in composition rules: require upper, lower, digit and symbol. Default false (NIST advises against). */
  requireComposition?: boolean;
  /** argon2id memory in KiB. Default 19456 (OWASP). */
  memoryCost?: number;
  /** argon2id iterations. Default 2 (OWASP). */
  timeCost?: number;
  /** argon2id lanes. Default 1 (OWASP). */
  parallelism?: number;
}

/** Login-session lifetimes and limits. */
export interface SessionConfig {
  /** A session unused this long expires. Default 14 days. */
  idleTimeoutSeconds?: number;
  /** A session expires this long after sign-in, however active. Default 30 days. */
  absoluteTimeoutSeconds?: number;
  /** Most live sessions per user; the oldest is evicted beyond. Default 50. */
  maxPerUser?: number;
  /** `last active` is written at most this often per session. Default 60 s. */
  touchIntervalSeconds?: number;
  /** How long a validated session is trusted from the in-process cache. Default 30 s (revocations are pushed). */
  cacheTtlSeconds?: number;
  /** A sign-in younger than this counts as proof of presence for sensitive operations. Default 300 s. */
  reauthWindowSeconds?: number;
}

/** Lifetimes of emailed links. */
export interface LinkConfig {
  /** Email verification link lifetime. Default 24 h. */
  verifyEmailTtlSeconds?: number;
  /** Password reset link lifetime (at most 1 h). Default 1 h. */
  resetPasswordTtlSeconds?: number;
  /** Login-email change confirmation lifetime. Default 24 h. */
  changeEmailTtlSeconds?: number;
  /** Invitation (set-password) link lifetime. Default 72 h. */
  invitationTtlSeconds?: number;
}

/** Mail delivery. */
export interface MailConfig {
  /** Sender address. Default `Latch <no-reply@localhost>`. */
  from?: string;
  /** `smtp://user:pass@host:port`. When unset and no `mailer` is given, the development outbox is used. */
  smtpUrl?: string;
  /** A custom mailer (overrides `smtpUrl`). */
  mailer?: Mailer;
  /** Product name used in subjects and texts. Default `Latch`. */
  productName?: string;
  /** Most delivery attempts of a message the SMTP server refuses (5xx) before it is given up; an outage is retried for three days. Default 8. */
  maxAttempts?: number;
  /** Poll interval of the delivery worker. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Start the delivery worker with `createLatch`. Default true. */
  startWorker?: boolean;
}

/** Paths of the pages emailed links point at, relative to `publicUrl`. */
export interface PageConfig {
  verifyEmail?: string;
  resetPassword?: string;
  confirmEmail?: string;
  acceptInvite?: string;
  signIn?: string;
  settings?: string;
}

/** Cloudflare Turnstile. */
export interface TurnstileConfig {
  /** The secret key; when set, sign-in, sign-up and forgot-password need a valid token. */
  secretKey?: string;
  /** The public site key handed to the components. */
  siteKey?: string;
  /** siteverify URL. Default Cloudflare's. */
  verifyUrl?: string;
  /** Timeout of one siteverify call. Default 5000 ms (fails closed). */
  timeoutMs?: number;
}

/** Request-level protections. */
export interface SecurityConfig {
  /** Extra origins allowed to make cookie-authenticated writes. */
  trustedOrigins?: string[];
  /** Take the client address from `X-Forwarded-For` (only behind a trusted proxy). Default false. */
  trustProxy?: boolean;
}

/** One rate-limit rule: at most `limit` events per `windowSeconds`. */
export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

/** Rate limits, stored in the database so every process shares them. */
export interface RateLimitConfig {
  /** Turn all limits off (only for benchmarks and tests). Default true (on). */
  enabled?: boolean;
  /** Sign-in attempts per client address. Default 30 per minute. */
  signInPerIp?: RateLimitRule;
  /** Failed sign-ins per email (known or not) before sign-in pauses. Default 10 per 15 minutes. */
  signInFailuresPerEmail?: RateLimitRule;
  /** Sign-ups per client address. Default 10 per hour. */
  signUpPerIp?: RateLimitRule;
  /** Emails of one kind (verification, reset) per address. Default 5 per hour. */
  emailPerAddress?: RateLimitRule;
  /** Emailing requests (resend, forgot) per client address. Default 20 per hour. */
  emailPerIp?: RateLimitRule;
  /** Password-reset submissions per client address. Default 20 per 15 minutes. */
  resetPerIp?: RateLimitRule;
  /** General budget for other endpoints per client address. Default 600 per minute. */
  generalPerIp?: RateLimitRule;
  /** Failed API-key lookups (unknown, revoked or expired keys) per client address. Default 30 per 5 minutes. */
  apiKeyFailuresPerIp?: RateLimitRule;
}

/** Second factors (used by the two-factor feature). */
export interface TwoFactorConfig {
  /** Offer email one-time codes as a second factor (weaker than TOTP and passkeys). Default true. */
  emailEnabled?: boolean;
  /** Roles whose members must set up a second factor. Default none. */
  requiredForRoles?: string[];
  /** Issuer shown in authenticator apps. Default `mail.productName`. */
  issuer?: string;
}

/** Passkeys (WebAuthn). */
export interface PasskeyConfig {
  /** Offer passkeys. Default true. */
  enabled?: boolean;
  /** Relying party name shown by browsers. Default `mail.productName`. */
  rpName?: string;
  /** Most passkeys per user. Default 10. */
  maxPerUser?: number;
}

/** API keys. */
export interface ApiKeyConfig {
  /** Most live keys per user. Default 3. */
  maxPerUser?: number;
  /** Scopes users may choose from. Default `read`, `write`, `ssh:read`. */
  scopes?: string[];
  /** Fixed prefix that makes keys recognizable. Default `latch_`. */
  prefix?: string;
}

/** SSH public keys. */
export interface SshKeyConfig {
  /** Most keys per user. Default 3. */
  maxPerUser?: number;
}

/** JWT access tokens. */
export interface JwtConfig {
  /** Access token lifetime (at most 600 s). Default 600. */
  accessTokenTtlSeconds?: number;
  /** A new signing key is made this often. Default 7 days. */
  rotationIntervalSeconds?: number;
  /** `aud` of minted tokens. Default `publicUrl`. */
  audience?: string;
}

/** Everything `createLatch` accepts. Only `publicUrl` matters in development; production needs `secret`. */
export interface LatchConfig {
  /** The origin users reach (`https://auth.example.com`): emailed links, WebAuthn relying party, cookie security. */
  publicUrl?: string;
  /** Where the HTTP API is mounted, used in emails and OpenAPI. Default `/auth`. */
  basePath?: string;
  /** Master secret (≥ 32 bytes) that encrypts secrets at rest. Generated in development when unset. */
  secret?: string;
  /** `true` refuses development defaults (missing secret, dev outbox). Default `NODE_ENV === 'production'`. */
  production?: boolean;
  database?: DatabaseConfig;
  signUp?: SignUpConfig;
  passwords?: PasswordConfig;
  sessions?: SessionConfig;
  links?: LinkConfig;
  mail?: MailConfig;
  pages?: PageConfig;
  turnstile?: TurnstileConfig;
  security?: SecurityConfig;
  rateLimit?: RateLimitConfig;
  twoFactor?: TwoFactorConfig;
  passkeys?: PasskeyConfig;
  apiKeys?: ApiKeyConfig;
  sshKeys?: SshKeyConfig;
  jwt?: JwtConfig;
  /** Time source (inject a manual clock in tests). */
  clock?: Clock;
  /** Structured logger. Default: JSON lines on the console. */
  logger?: Logger;
}

type DeepRequired<T> = { [K in keyof T]-?: NonNullable<T[K]> extends object ? NonNullable<T[K]> extends Array<unknown> | Date | Function ? NonNullable<T[K]> : DeepRequired<NonNullable<T[K]>> : NonNullable<T[K]> };

/** The configuration after defaults and validation. */
export interface ResolvedConfig extends Omit<DeepRequired<LatchConfig>, 'database' | 'mail' | 'turnstile' | 'clock' | 'logger'> {
  database: DatabaseConfig;
  mail: Required<Omit<MailConfig, 'smtpUrl' | 'mailer'>> & Pick<MailConfig, 'smtpUrl' | 'mailer'>;
  turnstile: Required<Pick<TurnstileConfig, 'verifyUrl' | 'timeoutMs'>> & Pick<TurnstileConfig, 'secretKey' | 'siteKey'>;
  clock: Clock;
  logger: Logger;
  /** The origin of `publicUrl` (scheme://host[:port]). */
  origin: string;
  /** True when `publicUrl` is https (Secure, `__Host-` cookies). */
  secure: boolean;
  /** The session cookie name (`__Host-latch_session` on https). */
  sessionCookieName: string;
  /** The pending-challenge cookie name. */
  challengeCookieName: string;
}

const day = 86_400;
const warned = new Set<string>();

function warnOnce(logger: Logger, key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  logger.warn({ event: 'config.default' }, message);
}

const dummyTurnstileSecrets = new Set([
  '1x0000000000000000000000000000000AA', '2x0000000000000000000000000000000AA', '3x0000000000000000000000000000000AA',
]);

/**
 * Applies defaults to a {@link LatchConfig} and validates it, failing fast with a {@link ConfigError}.
 * In development it warns once about each default that must change in production.
 * @example const config = resolveConfig({ publicUrl: 'http://localhost:3000' });
 */
export function resolveConfig(input: LatchConfig = {}): ResolvedConfig {
  const logger = input.logger ?? consoleLogger;
  const production = input.production ?? process.env.NODE_ENV === 'production';
  const publicUrl = (input.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  let url: URL;
  try { url = new URL(publicUrl); } catch { throw new ConfigError(`publicUrl is not a URL: ${publicUrl}`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('publicUrl must be http or https');
  if (production && url.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) {
    throw new ConfigError('publicUrl must be https in production');
  }
  let secret = input.secret;
  if (!secret) {
    if (production) throw new ConfigError('a secret (LATCH_SECRET, at least 32 bytes) is required in production');
    warnOnce(logger, 'secret', 'No secret configured: using a random one for this process. You MUST set a secret of at least 32 bytes in production.');
    secret = randomBytes(32).toString('base64url');
  }
  if (Buffer.byteLength(secret, 'utf8') < 32) throw new ConfigError('the secret must be at least 32 bytes long');
  const passwords = {
    minLength: 8, maxLength: 1024, minScore: 3 as const, requireComposition: false,
    memoryCost: 19456, timeCost: 2, parallelism: 1, ...input.passwords,
  };
  if (passwords.minLength < 8) throw new ConfigError('passwords.minLength must be at least 8');
  if (passwords.maxLength < 128) throw new ConfigError('passwords.maxLength must be at least 128');
  if (passwords.maxLength < passwords.minLength) throw new ConfigError('passwords.maxLength must be at least minLength');
  const sessions = {
    idleTimeoutSeconds: 14 * day, absoluteTimeoutSeconds: 30 * day, maxPerUser: 50, touchIntervalSeconds: 60,
    cacheTtlSeconds: 30, reauthWindowSeconds: 300, ...input.sessions,
  };
  if (sessions.maxPerUser < 1) throw new ConfigError('sessions.maxPerUser must be at least 1');
  const links = {
    verifyEmailTtlSeconds: day, resetPasswordTtlSeconds: 3600, changeEmailTtlSeconds: day, invitationTtlSeconds: 3 * day,
    ...input.links,
  };
  if (links.resetPasswordTtlSeconds > 3600) throw new ConfigError('links.resetPasswordTtlSeconds must be at most 3600');
  if (links.verifyEmailTtlSeconds > day) throw new ConfigError('links.verifyEmailTtlSeconds must be at most 86400');
  const mail = {
    from: 'Latch <no-reply@localhost>', productName: 'Latch', maxAttempts: 8, pollIntervalMs: 1000, startWorker: true,
    ...input.mail,
  };
  if (!mail.mailer && !mail.smtpUrl) {
    if (production) throw new ConfigError('mail.smtpUrl (SMTP_URL) or mail.mailer is required in production');
    warnOnce(logger, 'mail', 'No SMTP server configured: emails go to the development outbox (console and /dev/mailbox).');
  }
  const turnstile = { verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify', timeoutMs: 5000, ...input.turnstile };
  if (production && turnstile.secretKey && dummyTurnstileSecrets.has(turnstile.secretKey)) {
    throw new ConfigError('a Turnstile test secret must not be used in production');
  }
  const jwt = { accessTokenTtlSeconds: 600, rotationIntervalSeconds: 7 * day, audience: publicUrl, ...input.jwt };
  if (jwt.accessTokenTtlSeconds > 600) throw new ConfigError('jwt.accessTokenTtlSeconds must be at most 600');
  const minute = 60;
  const rateLimit = {
    enabled: true,
    signInPerIp: { limit: 30, windowSeconds: minute },
    signInFailuresPerEmail: { limit: 10, windowSeconds: 15 * minute },
    signUpPerIp: { limit: 10, windowSeconds: 3600 },
    emailPerAddress: { limit: 5, windowSeconds: 3600 },
    emailPerIp: { limit: 20, windowSeconds: 3600 },
    resetPerIp: { limit: 20, windowSeconds: 15 * minute },
    generalPerIp: { limit: 600, windowSeconds: minute },
    apiKeyFailuresPerIp: { limit: 30, windowSeconds: 5 * minute },
    ...input.rateLimit,
  };
  const secure = url.protocol === 'https:';
  return {
    publicUrl,
    basePath: (input.basePath ?? '/auth').replace(/\/+$/, ''),
    secret,
    production,
    database: input.database ?? {},
    signUp: { mode: 'open', requireEmailVerification: true, ...input.signUp },
    passwords,
    sessions,
    links,
    mail,
    pages: {
      verifyEmail: '/verify-email', resetPassword: '/reset-password', confirmEmail: '/confirm-email',
      acceptInvite: '/accept-invite', signIn: '/sign-in', settings: '/settings', ...input.pages,
    },
    turnstile,
    security: { trustedOrigins: [], trustProxy: false, ...input.security },
    rateLimit,
    twoFactor: { emailEnabled: true, requiredForRoles: [], issuer: mail.productName, ...input.twoFactor },
    passkeys: { enabled: true, rpName: mail.productName, maxPerUser: 10, ...input.passkeys },
    apiKeys: { maxPerUser: 3, scopes: ['read', 'write', 'ssh:read'], prefix: 'latch_', ...input.apiKeys },
    sshKeys: { maxPerUser: 3, ...input.sshKeys },
    jwt,
    clock: input.clock ?? systemClock,
    logger,
    origin: url.origin,
    secure,
    sessionCookieName: secure ? '__Host-latch_session' : 'latch_session',
    challengeCookieName: secure ? '__Host-latch_challenge' : 'latch_challenge',
  };
}
