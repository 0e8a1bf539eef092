import { isIP } from 'node:net';

/**
 * The client address: the socket's peer, or, behind a trusted proxy, the last `X-Forwarded-For`
 * entry (the one that proxy appended; entries further left are client-supplied and spoofable).
 */
export function clientIp(remoteAddress: string | null, forwardedFor: string | undefined, trustProxy: boolean): string | null {
  if (trustProxy && forwardedFor) {
    const hops = forwardedFor.split(',').map((h) => h.trim()).filter(Boolean);
    const last = hops[hops.length - 1];
    if (last && isIP(last)) return last;
  }
  if (!remoteAddress) return null;
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}
