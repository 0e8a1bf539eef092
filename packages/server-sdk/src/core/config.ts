import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock, type Clock } from '../clock.js';
import { consoleLogger, type Logger } from '../logger.js';
import { newDeviceAlertsSchema, passwordsSchema, sessionsSchema, signUpSchema } from './config/accounts.js';
import { databaseSchema } from './config/database.js';
import { kindsSchema } from './config/kinds.js';
import { linksSchema, mailSchema, pagesSchema } from './config/mail.js';
import { rateLimitSchema, securitySchema, turnstileSchema } from './config/protection.js';
import { rolesSchema } from './config/roles.js';

export type { DatabaseConfig } from './config/database.js';
export type { SignUpConfig, PasswordConfig, SessionConfig, NewDeviceAlertConfig } from './config/accounts.js';
export type { MailConfig, LinkConfig, PageConfig } from './config/mail.js';
export type { TurnstileConfig, SecurityConfig, RateLimitConfig } from './config/protection.js';
export type { KindsConfig } from './config/kinds.js';
export type { RolesConfig } from './config/roles.js';
export type { RateLimitRule } from '../rate-limit/limiter.js';

/** True for an absolute http(s) URL. */
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

const withoutTrailingSlashes = (value: string) => value.replace(/\/+$/, '');

const isLogger = (value: unknown) =>
  typeof value === 'object' && value !== null && (['debug', 'info', 'warn', 'error'] as const).every((level) => typeof (value as Logger)[level] === 'function');

/**
 * The core settings, top-level key by key: each a zod schema carrying its default, its checks and
 * its description (the generated docs/configuration.md shows them). Sections are filled from
 * their field defaults when left out.
 */
export const coreConfigShape = {
  publicUrl: z.string().default('http://localhost:3000').transform(withoutTrailingSlashes)
    .superRefine((url, ctx) => {
      if (!URL.canParse(url)) ctx.addIssue({ code: 'custom', message: `is not a URL: ${url}` });
      else if (!isHttpUrl(url)) ctx.addIssue({ code: 'custom', message: 'must be http or https' });
    })
    .describe('The origin users reach (`https://auth.example.com`): emailed links, the WebAuthn relying party and cookie security follow it, never request headers. Must be https in production (localhost excepted).'),
  basePath: z.string().default('/auth').transform(withoutTrailingSlashes)
    .describe('Where the HTTP API is mounted, used in emailed links and the OpenAPI document.'),
  secret: z.string().optional().refine((secret) => !secret || Buffer.byteLength(secret, 'utf8') >= 32, 'must be at least 32 bytes long').meta({
    description: 'Master secret (at least 32 bytes) that encrypts secrets at rest: TOTP secrets, signing keys, queued email bodies. Required in production.',
    docDefault: 'random per process (with a warning)',
  }),
  production: z.boolean().default(() => process.env.NODE_ENV === 'production').meta({
    description: '`true` refuses development defaults: a missing `secret`, the development outbox, an http `publicUrl` other than localhost, Turnstile test secrets.',
    docDefault: '`NODE_ENV === \'production\'`',
  }),
  database: databaseSchema.prefault({}),
  signUp: signUpSchema.prefault({}),
  passwords: passwordsSchema.prefault({}),
  sessions: sessionsSchema.prefault({}),
  newDeviceAlerts: newDeviceAlertsSchema.prefault({}),
  kinds: kindsSchema,
  roles: rolesSchema,
  links: linksSchema.prefault({}),
  mail: mailSchema.prefault({}),
  pages: pagesSchema.prefault({}),
  turnstile: turnstileSchema.prefault({}),
  security: securitySchema.prefault({}),
  rateLimit: rateLimitSchema.prefault({}),
  clock: z.custom<Clock>((value) => typeof (value as Partial<Clock> | null)?.now === 'function', 'must be a Clock (with a now function)')
    .default(systemClock).meta({ description: 'Time source; inject a manual clock in tests.', docType: 'Clock', docDefault: 'system clock' }),
  logger: z.custom<Logger>(isLogger, 'must be a Logger (debug, info, warn and error functions)')
    .default(consoleLogger).meta({ description: 'Structured logger (pino-compatible).', docType: 'Logger', docDefault: 'JSON lines on stderr' }),
};

/** The core settings after parsing, before the values derived from them. */
type ParsedCoreConfig = z.output<z.ZodObject<typeof coreConfigShape>>;

/** Values computed from the core settings once they are valid. */
export interface DerivedConfig {
  /** The origin of `publicUrl` (scheme://host[:port]). */
  origin: string;
  /** True when `publicUrl` is https (`Secure`, `__Host-` cookies). */
  secure: boolean;
  /** The session cookie name (`__Host-latch_session` on https). */
  sessionCookieName: string;
  /** The pending-challenge cookie name (`__Host-latch_challenge` on https). */
  challengeCookieName: string;
}

/** The core settings after defaults, checks and derivation. */
export interface CoreResolvedConfig extends ParsedCoreConfig, DerivedConfig {
  /** The configured secret, or one made for this process in development. */
  secret: string;
}

/**
 * The resolved settings of the features, one entry per section. Empty here: each feature's
 * `config.ts` adds its sections by augmenting this interface, so core code sees the whole
 * resolved type without importing any feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureConfigs {}

/** The configuration after defaults and validation: the core settings and every feature's sections. */
export interface ResolvedConfig extends CoreResolvedConfig, FeatureConfigs {}

/** Cloudflare's published always-pass / always-fail / token-spent test secrets. */
const turnstileTestSecrets = new Set([
  '1x0000000000000000000000000000000AA', '2x0000000000000000000000000000000AA', '3x0000000000000000000000000000000AA',
]);

/**
 * The checks that only hold in production: an https `publicUrl` (localhost excepted, to try a
 * production build locally), a secret, a real mailer, no Turnstile test secret. Meant for
 * `superRefine` on the composed schema; fields already refused are left to their own issue.
 */
export function checkProduction(config: ParsedCoreConfig, ctx: z.RefinementCtx): void {
  if (!config.production) return;
  if (isHttpUrl(config.publicUrl)) {
    const url = new URL(config.publicUrl);
    if (url.protocol !== 'https:' && !['localhost', '127.0.0.1'].includes(url.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['publicUrl'], message: 'must be https in production' });
    }
  }
  if (!config.secret) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'is required in production (LATCH_SECRET, at least 32 bytes)' });
  if (!config.mail.mailer && !config.mail.smtpUrl) {
    ctx.addIssue({ code: 'custom', path: ['mail', 'smtpUrl'], message: '(SMTP_URL) or mail.mailer is required in production' });
  }
  if (config.turnstile.secretKey && turnstileTestSecrets.has(config.turnstile.secretKey)) {
    ctx.addIssue({ code: 'custom', path: ['turnstile', 'secretKey'], message: 'must not be a Turnstile test secret in production' });
  }
}

const warned = new Set<string>();

/** Warns about a development default once per process, however many instances start. */
function warnOnce(logger: Logger, key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  logger.warn({ event: 'config.default' }, message);
}

/**
 * Completes valid core settings: a per-process secret when none is set (development only, as
 * {@link checkProduction} refuses it in production), the origin, https-ness and cookie names;
 * warns once about each development default that must change in production.
 */
export function deriveCoreConfig<T extends ParsedCoreConfig>(config: T): T & CoreResolvedConfig {
  let secret = config.secret;
  if (!secret) {
    warnOnce(config.logger, 'secret', 'No secret configured: using a random one for this process. You MUST set a secret of at least 32 bytes in production.');
    secret = randomBytes(32).toString('base64url');
  }
  if (!config.mail.mailer && !config.mail.smtpUrl) {
    warnOnce(config.logger, 'mail', 'No SMTP server configured: emails are not sent. They go to the development outbox, and each one is logged (recipient, subject and links) at info level.');
  }
  const url = new URL(config.publicUrl);
  const secure = url.protocol === 'https:';
  return {
    ...config,
    secret,
    origin: url.origin,
    secure,
    sessionCookieName: secure ? '__Host-latch_session' : 'latch_session',
    challengeCookieName: secure ? '__Host-latch_challenge' : 'latch_challenge',
  };
}
