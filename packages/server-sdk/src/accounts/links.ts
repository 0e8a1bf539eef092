import type { ResolvedConfig } from '../core/config.js';
import { sha256 } from '../crypto/digest.js';
import { randomToken } from '../crypto/random.js';

/** A new emailed-link token (256 bits) and its stored hash. */
export function createLinkToken(): { token: string; tokenHash: string } {
  const token = randomToken(32);
  return { token, tokenHash: sha256(token) };
}

/** The absolute URL of a page with a token, always built from the configured `publicUrl`, never from request headers. */
export function pageUrl(config: ResolvedConfig, page: keyof ResolvedConfig['pages'], params: Record<string, string> = {}): string {
  const url = new URL(config.pages[page], config.publicUrl + '/');
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
