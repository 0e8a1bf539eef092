import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake range API received. */
export interface RangeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * A local Have I Been Pwned range API speaking the real protocol: `GET /range/{5 hex}` answers
 * `SUFFIX:COUNT` lines (35 upper-case hex characters, CRLF between lines, sorted), with other
 * passwords' entries around the listed ones and, when asked with `Add-Padding: true`, padding
 * entries of count 0 up to 800–999 lines. Any other prefix format is a 400, as the real one does.
 */
export interface FakeRangeApi {
  /** `http://127.0.0.1:PORT/range/` */
  url: string;
  /** `error`: 503; `hang`: never answers; `garbled`: an HTML page; `empty`: a 200 with no lines; `hold`: answers on {@link release}. */
  mode: 'normal' | 'error' | 'hang' | 'garbled' | 'empty' | 'hold';
  requests: RangeRequest[];
  /** Lists a password as seen `count` times in breaches. */
  breach(password: string, count?: number): void;
  /** Puts a password's suffix in the answer only as a padding entry (count 0). */
  padWith(password: string): void;
  /** Answers the requests held in `hold` mode. */
  release(): void;
  /** Resolves once `n` requests have arrived in all. */
  waitForRequests(n: number): Promise<void>;
  close(): Promise<void>;
}

/** The upper-case SHA-1 hex of a password. */
export const sha1Hex = (password: string) => createHash('sha1').update(password, 'utf8').digest('hex').toUpperCase();

const randomSuffix = () => randomBytes(18).toString('hex').slice(0, 35).toUpperCase();

/** Starts the fake on an ephemeral loopback port. */
export async function startRangeApi(): Promise<FakeRangeApi> {
  const listed = new Map<string, Map<string, number>>();
  const padding = new Map<string, Set<string>>();
  const held: Array<() => void> = [];
  const hanging = new Set<ServerResponse>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];

  const answer = (prefix: string, padded: boolean): string => {
    const entries = new Map<string, number>();
    // Other passwords that share the prefix, as every real answer has hundreds.
    for (let i = 0; i < 300; i++) entries.set(randomSuffix(), 1 + Math.floor(Math.random() * 5000));
    for (const [suffix, count] of listed.get(prefix) ?? []) entries.set(suffix, count);
    if (padded) {
      for (const suffix of padding.get(prefix) ?? []) if (!entries.has(suffix)) entries.set(suffix, 0);
      const target = 800 + Math.floor(Math.random() * 200);
      while (entries.size < target) entries.set(randomSuffix(), 0);
    }
    return [...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([suffix, count]) => `${suffix}:${count}`).join('\r\n');
  };

  const server: Server = createServer((req, res) => {
    fake.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    for (const waiter of [...waiters]) if (fake.requests.length >= waiter.n) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(); }
    const match = /^\/range\/([0-9A-Fa-f]{5})$/.exec(req.url ?? '');
    const send = () => {
      if (fake.mode === 'error') { res.statusCode = 503; res.end('Service Unavailable'); return; }
      if (fake.mode === 'empty') { res.setHeader('content-type', 'text/plain'); res.end(''); return; }
      if (fake.mode === 'garbled') { res.setHeader('content-type', 'text/html'); res.end('<html><body>Checking your browser…</body></html>'); return; }
      if (req.method !== 'GET' || !match) { res.statusCode = 400; res.end('The hash prefix was not in a valid format'); return; }
      res.setHeader('content-type', 'text/plain');
      res.end(answer(match[1]!.toUpperCase(), String(req.headers['add-padding']).toLowerCase() === 'true'));
    };
    if (fake.mode === 'hang') { hanging.add(res); return; }
    if (fake.mode === 'hold') { held.push(send); return; }
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const fake: FakeRangeApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/range/`,
    mode: 'normal',
    requests: [],
    breach(password, count = 42) {
      const hex = sha1Hex(password);
      const entries = listed.get(hex.slice(0, 5)) ?? new Map<string, number>();
      entries.set(hex.slice(5), count);
      listed.set(hex.slice(0, 5), entries);
    },
    padWith(password) {
      const hex = sha1Hex(password);
      const entries = padding.get(hex.slice(0, 5)) ?? new Set<string>();
      entries.add(hex.slice(5));
      padding.set(hex.slice(0, 5), entries);
    },
    release() { for (const send of held.splice(0)) send(); },
    waitForRequests(n) {
      if (fake.requests.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    close: () => new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return fake;
}
