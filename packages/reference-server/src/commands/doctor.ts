import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, silentLogger, verifySmtpServer, type Database } from '@latch/server-sdk';
import { callControl } from '../control/client.js';
import type { ServerFacts } from '../control/server.js';
import { EnvError, readSettings } from '../env.js';
import { databaseFacts, type DatabaseFacts } from './database-facts.js';

/** How one check ended. */
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL';

/** One line of the doctor's report. */
export interface CheckResult {
  status: CheckStatus;
  check: string;
  detail: string;
  /** What to do about a WARN or FAIL. */
  fix?: string;
}

/** The doctor's report: the lines in order, and whether any check failed (exit code 1). */
export interface DoctorReport {
  results: CheckResult[];
  text: string;
  failed: boolean;
}

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** Bound on each network check (database, SMTP). Default 5 s. */
  timeoutMs?: number;
  /** This machine's clock in ms, compared with the database's (default `Date.now`). */
  now?: () => number;
}

/** Clock skew against the database above which expiry checks drift visibly, and above which they break. */
export const clockSkewWarnMs = 2_000;
export const clockSkewFailMs = 30_000;

const pass = (check: string, detail: string): CheckResult => ({ status: 'PASS', check, detail });
const warn = (check: string, detail: string, fix: string): CheckResult => ({ status: 'WARN', check, detail, fix });
const failed = (check: string, detail: string, fix: string): CheckResult => ({ status: 'FAIL', check, detail, fix });
/** WARN in development, FAIL in production. */
const badInProduction = (production: boolean) => (production ? failed : warn);

/** `PASS check: detail` or `WARN|FAIL check: detail — fix`. */
export function formatCheck(result: CheckResult): string {
  return `${result.status} ${result.check}: ${result.detail}${result.fix ? ` — ${result.fix}` : ''}`;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const allInterfaces = new Set(['0.0.0.0', '::', '[::]', '']);

/** The rest of the environment, as `readSettings` would judge it (secret and Turnstile have checks of their own). */
function checkEnvironment(env: NodeJS.ProcessEnv): CheckResult {
  const rest = { ...env, LATCH_SECRET: 's'.repeat(32), TURNSTILE_SECRET_KEY: undefined, TURNSTILE_SITE_KEY: undefined };
  try {
    readSettings(rest);
    return pass('environment', 'every variable parses');
  } catch (error) {
    if (error instanceof EnvError) return failed('environment', error.message, 'fix the variable (see docs/configuration.md)');
    throw error;
  }
}

function checkSecret(env: NodeJS.ProcessEnv, production: boolean, dataDir: string): CheckResult {
  const secret = env.LATCH_SECRET;
  const generate = 'set LATCH_SECRET to `openssl rand -base64 32` and keep it in your secret store';
  if (!secret) {
    if (production) return failed('secret', 'LATCH_SECRET is not set (the server refuses to start)', generate);
    return warn('secret', `LATCH_SECRET is not set: the development secret in ${join(dataDir, 'secret')} is used`, `${generate} before going live`);
  }
  const bytes = Buffer.byteLength(secret);
  if (bytes < 32) return failed('secret', `LATCH_SECRET is ${bytes} bytes, fewer than 32`, generate);
  if (new Set(secret).size < 12) return badInProduction(production)('secret', `LATCH_SECRET has only ${new Set(secret).size} distinct characters: it looks like a placeholder`, generate);
  return pass('secret', `LATCH_SECRET is set (${bytes} bytes)`);
}

function publicUrlOf(env: NodeJS.ProcessEnv): URL | null {
  const port = env.PORT ?? '3000';
  try {
    return new URL(env.PUBLIC_URL || `http://localhost:${port}`);
  } catch {
    return null;
  }
}

function checkPublicUrl(env: NodeJS.ProcessEnv, production: boolean, url: URL | null): CheckResult {
  if (!url) return failed('public-url', `PUBLIC_URL is not a URL: "${env.PUBLIC_URL}"`, 'set PUBLIC_URL to the origin users reach, e.g. https://auth.example.com');
  if (!env.PUBLIC_URL) {
    return badInProduction(production)('public-url', `PUBLIC_URL is not set: links in emails point at ${url.origin}`, 'set PUBLIC_URL to the origin users reach, e.g. https://auth.example.com');
  }
  if (url.protocol !== 'https:') {
    // The SDK lets production run on http://localhost, to try a production build on one machine.
    return badInProduction(production && !loopbackHosts.has(url.hostname))('public-url', `${url.origin} is not https: passwords and session cookies cross the network in clear`, 'serve Latch over https (a TLS proxy) and set PUBLIC_URL to the https origin');
  }
  return pass('public-url', url.origin);
}

function checkCookies(production: boolean, url: URL | null): CheckResult {
  if (url?.protocol === 'https:') return pass('cookies', 'session cookies are Secure, HttpOnly, SameSite=Lax and __Host- prefixed');
  return badInProduction(production && !loopbackHosts.has(url?.hostname ?? ''))('cookies', 'PUBLIC_URL is http, so session cookies are not Secure (browsers send them over plain http)', 'use an https PUBLIC_URL');
}

function checkTurnstile(env: NodeJS.ProcessEnv, production: boolean): CheckResult {
  const secret = Boolean(env.TURNSTILE_SECRET_KEY);
  const site = Boolean(env.TURNSTILE_SITE_KEY);
  if (secret !== site) {
    return failed('turnstile', `only ${secret ? 'TURNSTILE_SECRET_KEY' : 'TURNSTILE_SITE_KEY'} is set (the server refuses to start)`, 'set both keys of one Turnstile widget, or neither');
  }
  if (!secret) return pass('turnstile', 'off (neither key set)');
  // Cloudflare's documented test keys start with 1x/2x/3x: they pass or fail every token.
  if (production && /^[123]x0{10,}/.test(env.TURNSTILE_SECRET_KEY!)) {
    return failed('turnstile', 'TURNSTILE_SECRET_KEY is one of Cloudflare\'s test keys', 'use the secret key of your own widget');
  }
  return pass('turnstile', 'site and secret keys are both set');
}

function checkTrustProxy(env: NodeJS.ProcessEnv, url: URL | null, facts: ServerFacts | null): CheckResult {
  const trustProxy = facts?.trustProxy ?? /^(1|true|yes|on)$/i.test(env.TRUST_PROXY ?? '');
  const host = env.HOST || '127.0.0.1';
  const seen = facts?.proxyHeaders;
  if (seen && seen.forwarded + seen.direct > 0) {
    const total = seen.forwarded + seen.direct;
    if (!trustProxy && seen.forwarded > 0) {
      return warn('trust-proxy', `${seen.forwarded} of ${total} requests since start came with X-Forwarded-For, but TRUST_PROXY is off: rate limits and the audit log see the proxy's address for every client`, 'set TRUST_PROXY=true if exactly one proxy you run appends X-Forwarded-For');
    }
    if (trustProxy && seen.direct > 0) {
      return warn('trust-proxy', `TRUST_PROXY is on but ${seen.direct} of ${total} requests since start came without X-Forwarded-For: clients that reach the server directly can forge the header`, 'let only the proxy reach the server (bind HOST to its network or firewall the port), or unset TRUST_PROXY');
    }
    return pass('trust-proxy', trustProxy ? `on; all ${total} requests since start came through a proxy` : `off; none of ${total} requests since start came with X-Forwarded-For`);
  }
  if (trustProxy && allInterfaces.has(host)) {
    return warn('trust-proxy', `TRUST_PROXY is on and the server listens on every interface (HOST=${host}): a client that reaches it directly can forge X-Forwarded-For`, 'make sure only the proxy can reach the port (private network, firewall)');
  }
  if (!trustProxy && url?.protocol === 'https:' && !loopbackHosts.has(url.hostname)) {
    return warn('trust-proxy', 'PUBLIC_URL is https, so a TLS proxy sits in front of latch-server (it speaks plain HTTP), but TRUST_PROXY is off: every client shares the proxy\'s address in rate limits', 'set TRUST_PROXY=true when exactly one proxy you run appends X-Forwarded-For');
  }
  return pass('trust-proxy', trustProxy ? `on; listening on ${host} only` : 'off; clients connect directly');
}

const redactUrl = (raw: string): string => {
  try {
    const url = new URL(raw);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return 'the configured server';
  }
};

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms); timer.unref(); }),
  ]).finally(() => clearTimeout(timer));
}

type DatabaseOutcome = { facts: DatabaseFacts; where: string } | { error: CheckResult };

/** Reaches the database: PostgreSQL directly, embedded PGlite through the running server or by opening it. */
async function reachDatabase(env: NodeJS.ProcessEnv, dataDir: string, production: boolean, server: ServerFacts | null, timeoutMs: number, now: () => number): Promise<DatabaseOutcome> {
  const url = env.DATABASE_URL;
  // The same schema the server uses (DATABASE_SCHEMA, or the old `public` layout it would keep), never created here.
  const schema = env.DATABASE_SCHEMA || undefined;
  if (url) {
    let database: Database | undefined;
    try {
      const facts = await withTimeout((async () => {
        database = await openDatabase({ url, schema, poolMax: 1, logger: silentLogger, createSchema: false });
        return databaseFacts(database, now);
      })(), timeoutMs, 'PostgreSQL');
      return { facts, where: `${facts.version} at ${redactUrl(url)}` };
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0]!.replaceAll(url, redactUrl(url));
      return { error: failed('database', `cannot reach ${redactUrl(url)}: ${reason}`, 'check DATABASE_URL, that the server runs and that this host may connect') };
    } finally {
      await database?.close().catch(() => {});
    }
  }
  const dbDir = join(dataDir, 'db');
  if (server) {
    const answer = await callControl(dataDir, 'GET', '/database');
    if (answer?.status === 200) return { facts: answer.body as DatabaseFacts, where: `embedded PGlite in ${dbDir}, open in the running server (pid ${server.pid})` };
    return { error: failed('database', `the running server (pid ${server.pid}) could not read its database: ${answer?.body?.error ?? 'no answer'}`, 'look at the server\'s log') };
  }
  if (!existsSync(dbDir)) {
    return { error: badInProduction(production)('database', `no embedded database in ${dbDir} yet (the first start creates it)`, production ? 'set DATABASE_URL to your PostgreSQL' : 'run `latch-server migrate` or start the server once') };
  }
  let database: Database;
  try {
    database = await openDatabase({ dataDir: dbDir, schema, logger: silentLogger, createSchema: false });
  } catch (error) {
    return { error: failed('database', (error as Error).message, 'run doctor with the same LATCH_DATA_DIR as the server, or stop the process that holds it') };
  }
  try {
    return { facts: await databaseFacts(database, now), where: `embedded PGlite in ${dbDir}` };
  } catch (error) {
    return { error: failed('database', `cannot read the embedded database: ${(error as Error).message.split('\n')[0]}`, 'restore the data folder from a backup') };
  } finally {
    await database.close().catch(() => {});
  }
}

function databaseChecks(outcome: DatabaseOutcome, embedded: boolean, production: boolean): CheckResult[] {
  if ('error' in outcome) {
    const skipped = outcome.error.status === 'FAIL' ? 'FAIL' : 'WARN';
    return [outcome.error, { status: skipped, check: 'migrations', detail: 'not checked: no database', fix: 'fix the database first' }, { status: skipped, check: 'clock', detail: 'not checked: no database', fix: 'fix the database first' }];
  }
  const { facts, where } = outcome;
  const results: CheckResult[] = [];
  results.push(embedded && production
    ? warn('database', `${where}: one process only, no replication`, 'use PostgreSQL (DATABASE_URL) for more than one instance, and back the data folder up')
    : pass('database', where));
  results.push(facts.pending.length
    ? failed('migrations', `${facts.pending.length} pending: ${facts.pending.join(', ')}`, 'run `latch-server migrate` (start also migrates)')
    : pass('migrations', 'the schema is up to date'));
  const skew = Math.abs(facts.skewMs);
  const said = skew < 1000 ? `${Math.round(skew)} ms` : `${(skew / 1000).toFixed(1)} s`;
  if (embedded) results.push(pass('clock', 'the embedded database uses this machine\'s clock'));
  else if (skew > clockSkewFailMs) results.push(failed('clock', `this machine's clock is ${said} ${facts.skewMs > 0 ? 'behind' : 'ahead of'} the database's`, 'synchronise both machines with NTP (expiry and rate-limit windows compare the two clocks)'));
  else if (skew > clockSkewWarnMs) results.push(warn('clock', `this machine's clock is ${said} ${facts.skewMs > 0 ? 'behind' : 'ahead of'} the database's`, 'synchronise both machines with NTP'));
  else results.push(pass('clock', `within ${said} of the database's`));
  return results;
}

async function checkSmtp(env: NodeJS.ProcessEnv, production: boolean, timeoutMs: number): Promise<CheckResult> {
  const url = env.SMTP_URL;
  if (!url) {
    return production
      ? failed('smtp', 'SMTP_URL is not set: verification, reset and sign-in emails are not sent', 'set SMTP_URL=smtp://user:pass@smtp.example.com:587')
      : warn('smtp', 'SMTP_URL is not set: emails go to the development mailbox (/dev/mailbox)', 'set SMTP_URL before going live');
  }
  try {
    await withTimeout(verifySmtpServer(url, timeoutMs), timeoutMs + 1000, 'the SMTP server');
    return pass('smtp', `${redactUrl(url)} answered EHLO${new URL(url).username ? ' and accepted the login' : ''}`);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!;
    return failed('smtp', `${redactUrl(url)}: ${reason}`, 'check SMTP_URL (host, port, credentials) and that this host may reach it');
  }
}

/**
 * `latch-server doctor`: checks a deployment before it goes live — the secret, PUBLIC_URL and
 * cookies, the database (reachable, migrated, clock), SMTP (EHLO), Turnstile, TRUST_PROXY against
 * the headers the running server saw — and reports one line per check. Changes nothing.
 * @example const report = await runDoctor(process.env); process.stdout.write(report.text);
 */
export async function runDoctor(env: NodeJS.ProcessEnv, options: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.LATCH_DATA_DIR || './.latch-data');
  const answer = await callControl(dataDir, 'GET', '/status').catch(() => null);
  const server = answer?.status === 200 ? answer.body as ServerFacts : null;
  // A running server knows the PUBLIC_URL it really uses, whatever this shell's environment says.
  if (server && !env.PUBLIC_URL) env = { ...env, PUBLIC_URL: server.publicUrl };
  const url = publicUrlOf(env);
  const [database, smtp] = await Promise.all([
    reachDatabase(env, dataDir, production, server, timeoutMs, options.now ?? Date.now),
    checkSmtp(env, production, timeoutMs),
  ]);
  const results = [
    checkEnvironment(env),
    checkSecret(env, production, dataDir),
    checkPublicUrl(env, production, url),
    checkCookies(production, url),
    ...databaseChecks(database, !env.DATABASE_URL, production),
    smtp,
    checkTurnstile(env, production),
    checkTrustProxy(env, url, server),
  ];
  return { results, text: results.map(formatCheck).join('\n') + '\n', failed: results.some((r) => r.status === 'FAIL') };
}
