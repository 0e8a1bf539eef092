import { UAParser } from 'ua-parser-js';

/** Browser and operating system named from a `User-Agent` header, e.g. `Firefox 128` / `Windows 10`. */
export function describeUserAgent(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parser = new UAParser(userAgent.slice(0, 512));
  const b = parser.getBrowser();
  const o = parser.getOS();
  const major = b.version ? b.version.split('.')[0] : undefined;
  return {
    browser: b.name ? [b.name, major].filter(Boolean).join(' ') : null,
    os: o.name ? [o.name, o.version].filter(Boolean).join(' ') : null,
  };
}

/**
 * Browser and operating-system families without versions (`Firefox` / `Windows`), so updates do
 * not make a known device look new.
 */
export function userAgentFamilies(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parser = new UAParser(userAgent.slice(0, 512));
  return { browser: parser.getBrowser().name ?? null, os: parser.getOS().name ?? null };
}
