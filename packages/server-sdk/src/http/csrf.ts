/**
 * Origin check for unsafe requests. A present `Origin` must be the server's own or a trusted one;
 * a cookie-authenticated write without `Origin` must at least carry a same-origin `Referer`.
 */
export function isOriginAllowed(options: {
  origin: string | undefined;
  referer: string | undefined;
  cookieAuthenticated: boolean;
  allowed: ReadonlySet<string>;
}): boolean {
  const { origin, referer, cookieAuthenticated, allowed } = options;
  if (origin !== undefined) return origin !== 'null' && allowed.has(origin);
  if (!cookieAuthenticated) return true;
  if (!referer) return false;
  try {
    return allowed.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
