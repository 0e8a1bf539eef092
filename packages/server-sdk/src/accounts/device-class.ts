import { isIP } from 'node:net';
import { sha256 } from '../crypto/digest.js';
import { userAgentFamilies } from '../sessions/user-agent.js';

/** How much of an address names its network: leading bits kept for IPv4 and for IPv6. */
export interface PrefixLengths {
  ipv4Prefix: number;
  ipv6Prefix: number;
}

/**
 * The network an address belongs to, as CIDR text: `203.0.113.0/24`, `2001:db8:1::/48`. Null for a
 * missing or malformed address. An IPv4-mapped IPv6 address counts as IPv4.
 * @example addressPrefix('203.0.113.77', { ipv4Prefix: 24, ipv6Prefix: 48 }) // '203.0.113.0/24'
 */
export function addressPrefix(ip: string | null, lengths: PrefixLengths): string | null {
  if (!ip) return null;
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const version = isIP(mapped ? mapped[1]! : address);
  if (version === 4) return ipv4Prefix(mapped ? mapped[1]! : address, lengths.ipv4Prefix);
  if (version === 6) return ipv6Prefix(address, lengths.ipv6Prefix);
  return null;
}

function ipv4Prefix(address: string, bits: number): string {
  const value = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const kept = bits === 0 ? 0 : Math.floor(value / 2 ** (32 - bits)) * 2 ** (32 - bits);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(kept / 2 ** shift) % 256);
  return `${octets.join('.')}/${bits}`;
}

function ipv6Prefix(address: string, bits: number): string {
  const groups = expandIpv6(address);
  let value = groups.reduce((n, group) => (n << 16n) | BigInt(group), 0n);
  value &= ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - bits)) - 1n);
  const kept = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  return `${compressIpv6(kept)}/${bits}`;
}

/** The eight 16-bit groups of a valid IPv6 address (an embedded IPv4 tail included). */
function expandIpv6(address: string): number[] {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16));
}

/** RFC 5952 text: lower case, the longest run of two or more zero groups as `::`. */
function compressIpv6(groups: number[]): string {
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** What makes a sign-in's device recognizable: browser family, OS family and network. */
export interface DeviceClass {
  browser: string | null;
  os: string | null;
  network: string | null;
}

/** The device class of a request, from its `User-Agent` and client address. */
export function deviceClassOf(userAgent: string | null, ip: string | null, lengths: PrefixLengths): DeviceClass {
  return { ...userAgentFamilies(userAgent), network: addressPrefix(ip, lengths) };
}

/**
 * The stored form of a user's device class: a hash, so the table holds no browser or address
 * text of its own, bound to the user so equal classes of two users do not match.
 */
export function deviceHash(userId: string, device: DeviceClass): string {
  return sha256(['known-device', userId, device.browser ?? '', device.os ?? '', device.network ?? ''].join('\n'));
}
