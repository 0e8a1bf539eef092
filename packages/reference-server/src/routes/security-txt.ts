import Router from '@koa/router';
import { parseEmail, type Clock } from '@latch/server-sdk';

/** What `/.well-known/security.txt` says (RFC 9116). */
export interface SecurityTxtSettings {
  /** `mailto:` and `https:` URIs, in the order given (the first is the preferred one). */
  contacts: string[];
  /** Where the vulnerability disclosure policy is published (`Policy:`). */
  policyUrl?: string;
  /** Language tags reports may be written in (`Preferred-Languages:`). */
  preferredLanguages?: string[];
}

/** The path RFC 9116 §3 fixes, at the host's root. */
export const securityTxtPath = '/.well-known/security.txt';

/** RFC 9116 recommends an `Expires` less than a year ahead; it is computed at each request. */
const expiresAfterMs = 364 * 86_400_000;

const isHttpsUrl = (value: string) => URL.canParse(value) && new URL(value).protocol === 'https:' && !/\s/.test(value);

/** One `SECURITY_CONTACT` entry as a URI: `mailto:` and `https:` kept, a bare email address made `mailto:`. */
function contactUri(entry: string): string {
  const mailto = /^mailto:(.*)$/i.exec(entry);
  if (mailto) {
    const parsed = parseEmail(mailto[1]!);
    if (!parsed) throw new Error(`SECURITY_CONTACT has a mailto: entry that is not an email address: "${entry}"`);
    return `mailto:${parsed.email}`;
  }
  if (/^https:/i.test(entry)) {
    if (!isHttpsUrl(entry)) throw new Error(`SECURITY_CONTACT has an https: entry that is not a URL: "${entry}"`);
    return new URL(entry).toString();
  }
  const parsed = entry.includes('@') && !entry.includes(':') ? parseEmail(entry) : null;
  if (!parsed) throw new Error(`SECURITY_CONTACT entries must be email addresses, mailto: or https: URIs, not "${entry}"`);
  return `mailto:${parsed.email}`;
}

/**
 * Reads `SECURITY_CONTACT` (comma-separated email addresses, `mailto:` or `https:` URIs),
 * `SECURITY_POLICY_URL` (https) and `SECURITY_PREFERRED_LANGUAGES` (comma-separated language
 * tags). Null when no contact is set: then no security.txt is served. Throws an `Error` whose
 * message names the variable to fix.
 */
export function readSecurityTxtSettings(env: NodeJS.ProcessEnv): SecurityTxtSettings | null {
  const entries = (env.SECURITY_CONTACT ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  const policyUrl = env.SECURITY_POLICY_URL?.trim() || undefined;
  const languages = (env.SECURITY_PREFERRED_LANGUAGES ?? '').split(',').map((tag) => tag.trim()).filter(Boolean);
  if (entries.length === 0) {
    if (policyUrl || languages.length) throw new Error('SECURITY_POLICY_URL and SECURITY_PREFERRED_LANGUAGES need SECURITY_CONTACT (security.txt requires a contact)');
    return null;
  }
  if (policyUrl && !isHttpsUrl(policyUrl)) throw new Error(`SECURITY_POLICY_URL must be an https URL, not "${policyUrl}"`);
  for (const tag of languages) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) throw new Error(`SECURITY_PREFERRED_LANGUAGES must be language tags such as en or fr-CA, not "${tag}"`);
  }
  return {
    contacts: [...new Set(entries.map(contactUri))],
    ...(policyUrl ? { policyUrl: new URL(policyUrl).toString() } : {}),
    ...(languages.length ? { preferredLanguages: languages } : {}),
  };
}

/** An RFC 3339 UTC timestamp without fractional seconds (`2027-05-01T12:00:00Z`). */
const rfc3339 = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The security.txt text: `Contact:` lines, `Expires:` (just under a year after `now`),
 * `Policy:` and `Preferred-Languages:` when set, and `Canonical:`.
 */
export function renderSecurityTxt(settings: SecurityTxtSettings, options: { now: Date; publicUrl: string }): string {
  const lines = [
    ...settings.contacts.map((contact) => `Contact: ${contact}`),
    `Expires: ${rfc3339(new Date(options.now.getTime() + expiresAfterMs))}`,
    ...(settings.policyUrl ? [`Policy: ${settings.policyUrl}`] : []),
    ...(settings.preferredLanguages ? [`Preferred-Languages: ${settings.preferredLanguages.join(', ')}`] : []),
    `Canonical: ${options.publicUrl}${securityTxtPath}`,
  ];
  return lines.join('\n') + '\n';
}

/** `GET /.well-known/security.txt`, with `Expires` from `clock` at each request. */
export function securityTxtRouter(settings: SecurityTxtSettings, options: { clock: Clock; publicUrl: string }): Router {
  const router = new Router();
  router.get(securityTxtPath, (ctx) => {
    ctx.set('cache-control', 'public, max-age=86400');
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = renderSecurityTxt(settings, { now: options.clock.now(), publicUrl: options.publicUrl });
  });
  return router;
}
