import { createHash } from 'node:crypto';
import { RevocableCache } from '../cache/revocable-cache.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { normalizePassword } from './normalize.js';
import { readStreamUpTo } from '../read-stream.js';

/** Whether a breached-password service knows a password. */
export interface BreachedPasswordLookup {
  /**
   * True when the service lists the password (seen in at least one breach), false when it does
   * not, and undefined when it could not be asked (unreachable, too slow, a garbled answer): the
   * caller then skips the check. Never rejects.
   */
  isBreached(password: string): Promise<boolean | undefined>;
}

/** Options of {@link createBreachedPasswordLookup}. */
export interface BreachedPasswordLookupOptions {
  /** The range API's URL; the five-character prefix is appended (`https://api.pwnedpasswords.com/range/`). */
  url: string;
  /** How long one request may take, answer included; past it the check is skipped. */
  timeoutMs: number;
  /** How long a prefix's answer is reused, on `clock`. 0 turns the cache off. */
  cacheTtlSeconds: number;
  /** Most prefixes cached; at capacity the least recently used one goes. */
  cacheMaxEntries: number;
  clock: Clock;
  logger: Logger;
  /** Told the outcome of each check (for a metric): `skipped` when the service could not answer. */
  onOutcome?: (outcome: BreachedCheckOutcome) => void;
}

/** How one check ended. */
export type BreachedCheckOutcome = 'breached' | 'clean' | 'skipped';

/** The lookup used when no service is configured: it never knows. */
export const noBreachedPasswordLookup: BreachedPasswordLookup = { isBreached: async () => undefined };

/** A real range answer is about 40 KB with padding; anything far larger is not one. */
const maxAnswerBytes = 2 * 1024 * 1024;

const answerLine = /^([0-9A-F]{35}):(\d+)$/i;

/** Why a lookup was skipped, for the warning (never the password, its hash or its prefix). */
class LookupSkipped extends Error {
  constructor(readonly reason: string) { super(reason); }
}

/**
 * The upper-case SHA-1 of the password as Latch compares it (NFKC), split into the five
 * characters sent and the 35 kept.
 */
function rangeKeyOf(password: string): { prefix: string; suffix: string } {
  const hex = createHash('sha1').update(normalizePassword(password), 'utf8').digest('hex').toUpperCase();
  return { prefix: hex.slice(0, 5), suffix: hex.slice(5) };
}

/**
 * The suffixes of a range answer that were seen in a breach, as one `\n`-delimited string
 * (`\nSUFFIX\n…\n`; about 36 bytes a suffix, far less than a Set of strings). Padding entries
 * (count 0) are left out. Throws {@link LookupSkipped} on anything that is not a range answer.
 */
function breachedSuffixesOf(body: string): string {
  const suffixes: string[] = [];
  let entries = 0;
  for (const line of body.split('\n')) {
    const entry = line.trim();
    if (entry === '') continue;
    const match = answerLine.exec(entry);
    if (!match) throw new LookupSkipped('malformed answer');
    entries++;
    if (Number(match[2]) > 0) suffixes.push(match[1]!.toUpperCase());
  }
  // Every prefix has entries (and padding brings them to hundreds): an empty answer is not one.
  if (entries === 0) throw new LookupSkipped('empty answer');
  return `\n${suffixes.join('\n')}\n`;
}

/** Reads a response body up to {@link maxAnswerBytes}. */
async function readBounded(response: Response): Promise<string> {
  const body = await readStreamUpTo(response.body, Number(response.headers.get('content-length') ?? 0), maxAnswerBytes);
  if (body === null) throw new LookupSkipped('answer too large');
  return body.toString('utf8');
}

/** A short, safe description of a failed request: no message (it could carry the URL, and so the prefix). */
function reasonOf(error: unknown): string {
  if (error instanceof LookupSkipped) return error.reason;
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? `unreachable (${code})` : 'unreachable';
}

/**
 * Checks passwords against a Have I Been Pwned compatible range API, with k-anonymity: only the
 * first five hex characters of the password's SHA-1 leave the process (`GET {url}{prefix}` with
 * `Add-Padding: true`), and the answer's suffixes are compared here. Answers are cached per
 * prefix (bounded, least recently used out first, TTL on the injected clock), and concurrent
 * lookups of one prefix share one request. An unreachable, slow or garbled service is logged at
 * warn and the check skipped: a breach list is a safeguard, not a dependency of sign-up.
 * @example
 * const lookup = createBreachedPasswordLookup({ url: 'https://api.pwnedpasswords.com/range/', timeoutMs: 1500, cacheTtlSeconds: 3600, cacheMaxEntries: 1000, clock, logger });
 * if (await lookup.isBreached(password)) refuse();
 */
export function createBreachedPasswordLookup(options: BreachedPasswordLookupOptions): BreachedPasswordLookup {
  const cache = new RevocableCache<string>({ clock: options.clock, maxEntries: options.cacheMaxEntries, ttlMs: options.cacheTtlSeconds * 1000 });
  const inFlight = new Map<string, Promise<string | undefined>>();
  const service = URL.canParse(options.url) ? new URL(options.url).origin : 'the configured URL';

  async function request(prefix: string): Promise<string | undefined> {
    try {
      // The global fetch, by URL: the production service or a local one speaking its protocol.
      const response = await fetch(options.url + prefix, {
        headers: { 'add-padding': 'true', accept: 'text/plain' },
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'error',
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new LookupSkipped(`status ${response.status}`);
      }
      const suffixes = breachedSuffixesOf(await readBounded(response));
      cache.set(prefix, suffixes);
      return suffixes;
    } catch (error) {
      options.logger.warn({ event: 'password.breach_check_skipped', service, reason: reasonOf(error) }, 'breached-password service unavailable; check skipped');
      return undefined;
    }
  }

  function suffixesFor(prefix: string): Promise<string | undefined> {
    const cached = cache.get(prefix);
    if (cached !== undefined) return Promise.resolve(cached);
    let pending = inFlight.get(prefix);
    if (!pending) {
      pending = request(prefix).finally(() => inFlight.delete(prefix));
      inFlight.set(prefix, pending);
    }
    return pending;
  }

  return {
    async isBreached(password) {
      const { prefix, suffix } = rangeKeyOf(password);
      const suffixes = await suffixesFor(prefix);
      const breached = suffixes === undefined ? undefined : suffixes.includes(`\n${suffix}\n`);
      options.onOutcome?.(breached === undefined ? 'skipped' : breached ? 'breached' : 'clean');
      return breached;
    },
  };
}
