import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { kindPattern, schemaNameProblem, type LatchConfig } from '@latch/server-sdk';
import { readSecurityTxtSettings, type SecurityTxtSettings } from './routes/security-txt.js';

/** A bad environment: one line saying what to fix. */
export class EnvError extends Error {
  constructor(message: string) { super(message); this.name = 'EnvError'; }
}

/** The reference server's settings, read from the environment (see the table in docs/configuration.md). */
export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  production: boolean;
  /** Whether the development mailbox is served (no SMTP, not production). */
  devMailbox: boolean;
  /** Who may read `/metrics`; see {@link MetricsAccess}. */
  metrics: MetricsAccess;
  /** What `/.well-known/security.txt` says; null (not served) without `SECURITY_CONTACT`. */
  securityTxt: SecurityTxtSettings | null;
  latch: LatchConfig;
}

/**
 * Where `/metrics` is served. With `port`, on a listener of its own (loopback unless `host` says
 * otherwise) and not on the public one; with `token`, only to `Authorization: Bearer <token>`;
 * with neither, on the public listener outside production only.
 */
export interface MetricsAccess {
  token?: string;
  port?: number;
  host: string;
}

const bool = (name: string, value: string | undefined): boolean => {
  if (value === undefined || value === '') return false;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new EnvError(`${name} must be true or false, not "${value}"`);
};

/** Reads (or, in development, creates once) the master secret kept in the data folder. */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** WEBHOOK_URL, WEBHOOK_SECRET and WEBHOOK_SECRET_PREVIOUS, checked at start-up; null without a URL. */
function readWebhookSettings(env: NodeJS.ProcessEnv, production: boolean): NonNullable<LatchConfig['webhooks']> | null {
  const url = env.WEBHOOK_URL || undefined;
  const secret = env.WEBHOOK_SECRET || undefined;
  const previousSecret = env.WEBHOOK_SECRET_PREVIOUS || undefined;
  if (!url) {
    if (secret || previousSecret) throw new EnvError('WEBHOOK_SECRET is set without WEBHOOK_URL');
    return null;
  }
  let parsed: URL;
  try { parsed = new URL(url); } catch { throw new EnvError(`WEBHOOK_URL must be an http(s) URL, not "${url}"`); }
  if (!/^https?:$/.test(parsed.protocol)) throw new EnvError(`WEBHOOK_URL must be an http(s) URL, not "${url}"`);
  if (production && parsed.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)) {
    throw new EnvError('WEBHOOK_URL must be https when NODE_ENV=production');
  }
  if (!secret) throw new EnvError('WEBHOOK_SECRET is required with WEBHOOK_URL (at least 32 bytes, e.g. `openssl rand -hex 32`)');
  if (Buffer.byteLength(secret) < 32) throw new EnvError('WEBHOOK_SECRET must be at least 32 bytes long');
  if (previousSecret !== undefined && Buffer.byteLength(previousSecret) < 32) throw new EnvError('WEBHOOK_SECRET_PREVIOUS must be at least 32 bytes long');
  return { url, secret, ...(previousSecret ? { previousSecret } : {}) };
}

/**
 * LATCH_KINDS (`employee:Employees,clinician:Clinicians`): the record kinds accounts and
 * organization members may have, each `name:Label`, comma-separated; unset or empty keeps kinds
 * free-form.
 */
function readKinds(value: string | undefined): NonNullable<LatchConfig['kinds']> | null {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  const kinds: Record<string, { label: string }> = {};
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const name = (colon < 0 ? entry : entry.slice(0, colon)).trim();
    const label = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!kindPattern.test(name)) throw new EnvError(`LATCH_KINDS has "${name}", which is not a kind name: lower-case letters, digits, _ and -, starting with a letter`);
    if (!label) throw new EnvError(`LATCH_KINDS needs a label for "${name}", written name:Label (employee:Employees)`);
    if (Object.hasOwn(kinds, name)) throw new EnvError(`LATCH_KINDS names "${name}" twice`);
    kinds[name] = { label };
  }
  return kinds;
}

/**
 * Maps the environment onto the Latch configuration — here and nowhere else — and refuses
 * production without LATCH_SECRET.
 */
export function readSettings(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError(`PORT must be a port number, not "${env.PORT}"`);
  const host = env.HOST || '127.0.0.1';
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.LATCH_DATA_DIR || './.latch-data');
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const url = new URL(publicUrl);
    if (url.pathname !== '/' || !/^https?:$/.test(url.protocol)) throw new Error();
  } catch {
    throw new EnvError(`PUBLIC_URL must be an origin such as https://auth.example.com, not "${publicUrl}"`);
  }
  let secret = env.LATCH_SECRET;
  if (secret !== undefined && Buffer.byteLength(secret) < 32) throw new EnvError('LATCH_SECRET must be at least 32 bytes long');
  if (!secret) {
    if (production) throw new EnvError('LATCH_SECRET is required when NODE_ENV=production (at least 32 bytes, e.g. `openssl rand -base64 32`)');
    secret = developmentSecret(dataDir);
  }
  const signUp = env.SIGN_UP || 'open';
  if (signUp !== 'open' && signUp !== 'invite-only') throw new EnvError(`SIGN_UP must be open or invite-only, not "${signUp}"`);
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new EnvError('SMTP_URL must look like smtp://user:pass@host:port');
  // Turnstile needs both keys: a site key alone shows a widget nobody checks, a secret alone refuses every sign-in.
  if (Boolean(env.TURNSTILE_SECRET_KEY) !== Boolean(env.TURNSTILE_SITE_KEY)) {
    throw new EnvError('TURNSTILE_SECRET_KEY and TURNSTILE_SITE_KEY must be set together');
  }
  if (env.TURNSTILE_VERIFY_URL && !/^https?:\/\/[^/\s]+/.test(env.TURNSTILE_VERIFY_URL)) {
    throw new EnvError(`TURNSTILE_VERIFY_URL must be an http(s) URL, not "${env.TURNSTILE_VERIFY_URL}"`);
  }
  const trustedOrigins = (env.TRUSTED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of trustedOrigins) {
    try { new URL(origin); } catch { throw new EnvError(`TRUSTED_ORIGINS has an entry that is not a URL: "${origin}"`); }
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new EnvError('DATABASE_URL must be a postgres:// connection string');
  const databaseSchema = env.DATABASE_SCHEMA || undefined;
  const schemaProblem = databaseSchema === undefined ? null : schemaNameProblem(databaseSchema);
  if (schemaProblem) throw new EnvError(`DATABASE_SCHEMA must be a plain identifier: ${schemaProblem}`);
  const rateLimits = bool('RATE_LIMITS', env.RATE_LIMITS ?? 'on');
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && Buffer.byteLength(metricsToken) < 16) throw new EnvError('METRICS_TOKEN must be at least 16 bytes long');
  const metricsPort = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined;
  if (metricsPort !== undefined && (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)) {
    throw new EnvError(`METRICS_PORT must be a port number, not "${env.METRICS_PORT}"`);
  }
  if (!rateLimits && production) throw new EnvError('RATE_LIMITS=off is refused when NODE_ENV=production');
  const breachedPasswordsUrl = env.BREACHED_PASSWORDS_URL || undefined;
  if (breachedPasswordsUrl && !/^https?:\/\/[^/\s]+(\/\S*)?[/=]$/.test(breachedPasswordsUrl)) {
    throw new EnvError(`BREACHED_PASSWORDS_URL must be an http(s) URL ending in / (the hash prefix is appended), such as https://api.pwnedpasswords.com/range/, not "${breachedPasswordsUrl}"`);
  }
  const webhooks = readWebhookSettings(env, production);
  const kinds = readKinds(env.LATCH_KINDS);
  let securityTxt: SecurityTxtSettings | null;
  try { securityTxt = readSecurityTxtSettings(env); } catch (error) { throw new EnvError((error as Error).message); }
  return {
    port,
    host,
    dataDir,
    production,
    devMailbox: !smtpUrl && !production,
    metrics: { token: metricsToken, port: metricsPort, host: env.METRICS_HOST || '127.0.0.1' },
    securityTxt,
    latch: {
      publicUrl,
      secret,
      production,
      database: { ...(databaseUrl ? { url: databaseUrl } : { dataDir: join(dataDir, 'db') }), ...(databaseSchema ? { schema: databaseSchema } : {}) },
      signUp: { mode: signUp },
      ...(kinds ? { kinds } : {}),
      ...(breachedPasswordsUrl ? { passwords: { breached: { url: breachedPasswordsUrl } } } : {}),
      ...(webhooks ? { webhooks } : {}),
      mail: { smtpUrl, from: env.MAIL_FROM || 'Latch <no-reply@localhost>' },
      turnstile: {
        secretKey: env.TURNSTILE_SECRET_KEY || undefined,
        siteKey: env.TURNSTILE_SITE_KEY || undefined,
        ...(env.TURNSTILE_VERIFY_URL ? { verifyUrl: env.TURNSTILE_VERIFY_URL } : {}),
      },
      security: { trustedOrigins, trustProxy: bool('TRUST_PROXY', env.TRUST_PROXY) },
      rateLimit: { enabled: rateLimits },
    },
  };
}
