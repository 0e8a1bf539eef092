/**
 * A @web/test-runner plugin that runs a real Latch (PGlite in memory, a real SMTP sink) on the
 * test runner's own origin: `/auth/*` goes to the SDK through `toNodeHandler`, so the components
 * under test talk to the real HTTP API with real cookies. Test-only helpers live under `/__test/`:
 *
 * - `GET  /__test/mail?to=&contains=`  the latest mail to an address (waits up to 10 s), with the
 *                                      `token` of its first link containing `contains`
 * - `POST /__test/user`                a verified account `{ email, password, displayName }`
 * - `GET  /__test/totp?uri=`           the current code for an otpauth URI, at the server's time
 * - `POST /__test/advance?seconds=`    moves the server's clock forward
 * - `POST /__test/invite`              an invited account `{ email, token }` (no password yet)
 * - `POST /__test/session?email=`      signs that account in from another "device" (Node)
 * - `GET  /__test/ssh-key?comment=`    a fresh Ed25519 public key in OpenSSH format and its fingerprint
 * - `/auth-captcha/*`                   a second Latch on the same database with Turnstile required
 *                                      (siteverify faked at `/__test/siteverify`, widget at
 *                                      `/__test-assets/turnstile.js`)
 * - `/auth-no-ssh/*`                    a third Latch on the same database without the SSH-keys
 *                                      feature (the same sessions work there)
 * - `/auth-kinds/*`                     a fourth Latch on the same database with record kinds
 *                                      configured (`employee` "Employees", `clinician` "Clinicians")
 *                                      and a platform role `support` "Support desk"
 * - command `latch-webauthn`          a CTAP2 virtual authenticator in the test's page
 * - command `latch-color-scheme`      emulates `prefers-color-scheme` (`{ scheme: 'dark' }`)
 */
import { createHash, createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createLatch, defaultFeatures, silentLogger, type Latch, type LatchOptions } from '@latch/server-sdk';
import { toNodeHandler } from '@latch/server-sdk/node';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '@latch/server-sdk/testing';

const require = createRequire(import.meta.url);

/**
 * A stand-in for Cloudflare's widget script (tests have no internet): renders a button that, when
 * pressed, hands the form the token the fake siteverify accepts.
 */
const fakeTurnstile = `window.turnstile = {
  render(container, options) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'I am human';
    button.onclick = () => options.callback('human-token');
    container.append(button);
    return 'widget-1';
  },
  reset() {},
  remove() {},
};`;

/** The password every `/__test/user` account gets. */
export const testPassword = 'violet-harbor-engine-42';

/** A clock that follows real time plus an offset tests can grow. */
function createOffsetClock() {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms: number) => { offset += ms; } };
}

function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of input.replace(/=+$/, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 code for an otpauth URI (or a bare base32 secret) at `at`. */
export function totpCode(uriOrSecret: string, at: Date): string {
  const uri = uriOrSecret.startsWith('otpauth://') ? new URL(uriOrSecret) : null;
  const secret = uri ? uri.searchParams.get('secret')! : uriOrSecret;
  const digits = Number(uri?.searchParams.get('digits') ?? 6);
  const period = Number(uri?.searchParams.get('period') ?? 30);
  const algorithm = (uri?.searchParams.get('algorithm') ?? 'SHA1').toLowerCase().replace('-', '');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 1000 / period)));
  const mac = createHmac(algorithm, base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

function tokenOf(mail: ReceivedMail, contains: string): string | null {
  const link = (mail.text.match(/https?:\/\/\S+/g) ?? []).find((l) => l.includes(contains));
  return link ? new URL(link).searchParams.get('token') : null;
}

/** What the plugin keeps while the run lasts. */
interface Running {
  latch: Latch;
  /** A second Latch on the same database with Turnstile on, at `/auth-captcha`. */
  captcha: ReturnType<typeof toNodeHandler>;
  captchaLatch: Latch;
  /** A Latch on the same database without the SSH-keys feature, at `/auth-no-ssh`. */
  noSsh: ReturnType<typeof toNodeHandler>;
  noSshLatch: Latch;
  /** A Latch on the same database with record kinds configured, at `/auth-kinds`. */
  kinds: ReturnType<typeof toNodeHandler>;
  kindsLatch: Latch;
  mail: SmtpSink;
  clock: ReturnType<typeof createOffsetClock>;
  handler: ReturnType<typeof toNodeHandler>;
  origin: string;
}

/** Options of {@link latchServerPlugin}. */
export interface LatchServerPluginOptions {
  /** The test runner's port (the SDK's `publicUrl` is `http://localhost:PORT`). */
  port: number;
}

/**
 * The plugin. Pass it to `plugins` and keep `port` equal to the runner's.
 * @example plugins: [latchServerPlugin({ port })]
 */
export function latchServerPlugin(options: LatchServerPluginOptions) {
  let running: Running | undefined;
  let starting: Promise<Running> | undefined;
  const authenticators = new Map<string, unknown>();
  let counter = 0;

  async function start(): Promise<Running> {
    const mail = await startSmtpSink();
    const clock = createOffsetClock();
    const origin = `http://localhost:${options.port}`;
    const latch = await createLatch({
      publicUrl: origin,
      secret: randomBytes(32).toString('base64url'),
      database: {},
      clock,
      logger: silentLogger,
      mail: { smtpUrl: mail.url, pollIntervalMs: 50, productName: 'Latch Test' },
      passwords: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      // Members of `admin` must set up a second factor (the two-factor panel asks them to).
      twoFactor: { requiredForRoles: ['admin'] },
      rateLimit: {
        signInPerIp: { limit: 10_000, windowSeconds: 60 },
        signUpPerIp: { limit: 10_000, windowSeconds: 3600 },
        emailPerIp: { limit: 10_000, windowSeconds: 3600 },
        resetPerIp: { limit: 10_000, windowSeconds: 900 },
        passwordCheckPerIp: { limit: 100_000, windowSeconds: 60 },
      },
    });
    // More Latches on the same database, each with one setting changed, mounted at their own prefix.
    const sibling = (basePath: string, settings: Partial<LatchOptions>) => createLatch({
      publicUrl: origin,
      secret: randomBytes(32).toString('base64url'),
      database: { knex: latch.database.knex },
      clock,
      logger: silentLogger,
      mail: { smtpUrl: mail.url, startWorker: false },
      basePath,
      rateLimit: { enabled: false },
      ...settings,
    });
    // Turnstile required; siteverify is the fake at /__test/siteverify.
    const captchaLatch = await sibling('/auth-captcha', {
      turnstile: { secretKey: '1x0000000000000000000000000000000AA', siteKey: 'test-site-key', verifyUrl: `${origin}/__test/siteverify` },
    });
    // A feature left out: the components show only what this server has.
    const noSshLatch = await sibling('/auth-no-ssh', { features: defaultFeatures().filter((f) => f.name !== 'ssh-keys') });
    // Record kinds and a platform role of the host's own configured: kind tabs and selects, grantable roles.
    const kindsLatch = await sibling('/auth-kinds', {
      kinds: { employee: { label: 'Employees' }, clinician: { label: 'Clinicians' } },
      roles: { support: { label: 'Support desk', permissions: ['tickets:read'] } },
    });
    return {
      latch, mail, clock, origin, captchaLatch, noSshLatch, kindsLatch,
      handler: toNodeHandler(latch),
      captcha: toNodeHandler(captchaLatch),
      noSsh: toNodeHandler(noSshLatch),
      kinds: toNodeHandler(kindsLatch),
    };
  }

  async function createUser(r: Running, role?: string): Promise<{ email: string; password: string; displayName: string }> {
    const email = `person.${Date.now().toString(36)}.${++counter}@example.com`;
    const displayName = `Test Person ${counter}`;
    const headers = { 'content-type': 'application/json', origin: r.origin };
    const signUp = await fetch(`${r.origin}/auth/sign-up`, { method: 'POST', headers, body: JSON.stringify({ email, password: testPassword, displayName }) });
    if (signUp.status !== 201) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
    const mail = await r.mail.waitFor(email, (m) => m.text.includes('/verify-email?token='));
    const verify = await fetch(`${r.origin}/auth/verify-email`, { method: 'POST', headers, body: JSON.stringify({ token: tokenOf(mail, '/verify-email') }) });
    if (verify.status !== 200) throw new Error(`verify: ${verify.status} ${await verify.text()}`);
    if (role) {
      const { user } = (await verify.json()) as { user: { id: string } };
      await r.latch.storage.users.updateAdministrative(user.id, { roles: [role] }, r.clock.now());
    }
    return { email, password: testPassword, displayName };
  }

  async function testRoute(r: Running, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /__test/mail') {
      const to = url.searchParams.get('to') ?? '';
      const contains = url.searchParams.get('contains') ?? '';
      const after = Number(url.searchParams.get('after') ?? 0);
      try {
        const latest = () => r.mail.for(to).filter((m) => m.receivedAt.getTime() > after && m.text.includes(contains)).at(-1);
        const mail = latest() ?? await r.mail.waitFor(to, (m) => m.receivedAt.getTime() > after && m.text.includes(contains));
        return send(res, 200, { subject: mail.subject, text: mail.text, token: contains ? tokenOf(mail, contains) : null, receivedAt: mail.receivedAt });
      } catch (error) {
        return send(res, 404, { error: (error as Error).message });
      }
    }
    if (route === 'POST /__test/user') return send(res, 201, await createUser(r, url.searchParams.get('role') ?? undefined));
    if (route === 'POST /__test/siteverify') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const token = new URLSearchParams(body).get('response') ?? (body.startsWith('{') ? JSON.parse(body).response : '');
      return send(res, 200, token === 'human-token' ? { success: true, hostname: 'localhost' } : { success: false, 'error-codes': ['invalid-input-response'] });
    }
    if (route === 'POST /__test/invite') {
      const email = `invited.${Date.now().toString(36)}.${++counter}@example.com`;
      const { invitationUrl } = await r.latch.provisionUser({ email, displayName: 'Invited Person', sendInvitation: false });
      return send(res, 201, { email, token: new URL(invitationUrl!).searchParams.get('token') });
    }
    if (route === 'POST /__test/session') {
      const body = JSON.stringify({ email: url.searchParams.get('email'), password: url.searchParams.get('password') ?? testPassword });
      const answer = await fetch(`${r.origin}/auth/sign-in`, {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', origin: r.origin, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' },
      });
      return send(res, answer.status, await answer.json());
    }
    if (route === 'GET /__test/ssh-key') {
      const { publicKey } = generateKeyPairSync('ed25519');
      const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
      const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
      const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
      const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
      return send(res, 200, { publicKey: `ssh-ed25519 ${blob.toString('base64')} ${url.searchParams.get('comment') ?? 'test@laptop'}`, fingerprint });
    }
    if (route === 'GET /__test/totp') return send(res, 200, { code: totpCode(url.searchParams.get('uri') ?? '', r.clock.now()) });
    if (route === 'POST /__test/advance') {
      r.clock.advance(Number(url.searchParams.get('seconds') ?? 0) * 1000);
      return send(res, 200, { now: r.clock.now().toISOString() });
    }
    return send(res, 404, { error: 'no such test route' });
  }

  return {
    name: 'latch-server',

    async serverStart() {
      starting = start();
      running = await starting;
    },

    /** axe-core as a classic script for the accessibility checks. */
    serve(context: { path: string }) {
      if (context.path === '/__test-assets/axe.js') return { body: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'), type: 'js' };
      if (context.path === '/__test-assets/turnstile.js') return { body: fakeTurnstile, type: 'js' };
      return undefined;
    },

    async serverStop() {
      await running?.captchaLatch.close({ drainTimeoutMs: 0 }).catch(() => {});
      await running?.noSshLatch.close({ drainTimeoutMs: 0 }).catch(() => {});
      await running?.kindsLatch.close({ drainTimeoutMs: 0 }).catch(() => {});
      await running?.latch.close({ drainTimeoutMs: 200 });
      await running?.mail.close();
    },

    /** Koa middleware in front of the dev server: `/auth` to the SDK, `/__test` to the helpers. */
    koaMiddleware() {
      return async (ctx: any, next: () => Promise<void>) => {
        const path: string = ctx.path;
        if (!path.startsWith('/auth') && !path.startsWith('/__test/')) return next();
        const r = running ?? (await starting!);
        ctx.respond = false;
        if (path.startsWith('/auth-captcha')) return r.captcha(ctx.req, ctx.res);
        if (path.startsWith('/auth-no-ssh')) return r.noSsh(ctx.req, ctx.res);
        if (path.startsWith('/auth-kinds')) return r.kinds(ctx.req, ctx.res);
        if (path.startsWith('/auth')) return r.handler(ctx.req, ctx.res);
        return testRoute(r, ctx.req, ctx.res, new URL(ctx.url, r.origin)).catch((error) => send(ctx.res, 500, { error: String(error) }));
      };
    },

    /** `executeServerCommand('latch-webauthn')`: a virtual passkey authenticator in the page. */
    async executeCommand({ command, session, payload }: { command: string; session: any; payload?: any }) {
      if (command === 'latch-color-scheme') {
        await session.browser.getPage(session.id).emulateMedia({ colorScheme: payload?.scheme ?? 'light' });
        return true;
      }
      if (command !== 'latch-webauthn') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
          isUserVerified: true, automaticPresenceSimulation: true,
        },
      });
      authenticators.set(session.id, cdp);
      return { authenticatorId };
    },
  };
}
