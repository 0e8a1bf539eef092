import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, createManualClock, resolveConfig, silentLogger, type LatchConfig, type Logger } from '@latch/server-sdk';
import { configDocPath, configJsonSchema, generateCommand, withConfigReference, type FieldSchema } from '../../scripts/config-docs.js';

const secret = 'a-secret-that-is-long-enough-0123456789';
const resolve = (config: LatchConfig = {}) => resolveConfig({ logger: silentLogger, secret, ...config });

/** Refuses `config` and returns the message, which must name `field`. */
function refusal(config: unknown, field: string): string {
  let error: unknown;
  try { resolve(config as LatchConfig); } catch (e) { error = e; }
  assert.ok(error instanceof ConfigError, `${JSON.stringify(config)} is refused with a ConfigError`);
  assert.ok(error.message.includes(field), `"${error.message}" names ${field}`);
  return error.message;
}

describe('development defaults', () => {
  // First in this file on purpose: the warnings are given once per process.
  it('warn once each (random secret, development outbox) and still resolve', () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (_fields, message) => { warnings.push(message ?? ''); } };
    const first = resolveConfig({ logger });
    const second = resolveConfig({ logger });
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings.join('\n'), /No secret configured/);
    assert.match(warnings.join('\n'), /development outbox/);
    assert.ok(Buffer.byteLength(first.secret) >= 32);
    assert.notEqual(first.secret, second.secret, 'each resolution makes its own secret');
  });
});

describe('docs/configuration.md', () => {
  it('holds exactly what the generator renders from the schemas between its markers', () => {
    const committed = readFileSync(configDocPath, 'utf8');
    assert.ok(withConfigReference(committed) === committed, `docs/configuration.md differs from the configuration schemas: run \`${generateCommand}\``);
  });

  it('describes every field (a new field without .describe() fails here)', () => {
    const undocumented: string[] = [];
    const walk = (schema: FieldSchema, path: string) => {
      for (const [key, field] of Object.entries(schema.properties ?? {})) {
        const at = path ? `${path}.${key}` : key;
        if (!field.description) undocumented.push(at);
        walk(field, at);
      }
    };
    walk(configJsonSchema(), '');
    assert.deepEqual(undocumented, []);
  });
});

describe('resolveConfig defaults', () => {
  it('fills every section', () => {
    const config = resolve();
    assert.equal(config.publicUrl, 'http://localhost:3000');
    assert.equal(config.basePath, '/auth');
    assert.deepEqual(config.database, { poolMax: 10 });
    assert.deepEqual(config.signUp, { mode: 'open', requireEmailVerification: true });
    assert.deepEqual(config.passwords, {
      minLength: 8, maxLength: 1024, minScore: 3, requireComposition: false, strengthCheckTimeoutMs: 2000, memoryCost: 19456, timeCost: 2, parallelism: 1,
    });
    assert.deepEqual(config.sessions, {
      idleTimeoutSeconds: 14 * 86_400, absoluteTimeoutSeconds: 30 * 86_400, maxPerUser: 50, touchIntervalSeconds: 60, cacheTtlSeconds: 30,
      cacheMaxEntries: 50_000, reauthWindowSeconds: 300,
    });
    assert.deepEqual(config.links, { verifyEmailTtlSeconds: 86_400, resetPasswordTtlSeconds: 3600, changeEmailTtlSeconds: 86_400, invitationTtlSeconds: 3 * 86_400 });
    assert.deepEqual(config.mail, { from: 'Latch <no-reply@localhost>', productName: 'Latch', maxAttempts: 8, pollIntervalMs: 1000, startWorker: true, language: 'default' });
    assert.deepEqual(config.pages, {
      verifyEmail: '/verify-email', resetPassword: '/reset-password', confirmEmail: '/confirm-email', acceptInvite: '/accept-invite', signIn: '/sign-in', settings: '/settings',
    });
    assert.deepEqual(config.turnstile, { verifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify', timeoutMs: 5000 });
    assert.deepEqual(config.security, { trustedOrigins: [], trustProxy: false });
    assert.equal(config.rateLimit.enabled, true);
    assert.deepEqual(config.rateLimit.signInPerIp, { limit: 30, windowSeconds: 60 });
    assert.deepEqual(config.rateLimit.apiKeyFailuresPerIp, { limit: 30, windowSeconds: 300 });
    assert.deepEqual(config.twoFactor, { emailEnabled: true, requiredForRoles: [], issuer: 'Latch' });
    assert.deepEqual(config.passkeys, { enabled: true, rpName: 'Latch', maxPerUser: 10 });
    assert.deepEqual(config.apiKeys, { maxPerUser: 3, scopes: ['read', 'write', 'ssh:read'], prefix: 'latch_' });
    assert.deepEqual(config.sshKeys, { maxPerUser: 3 });
    assert.deepEqual(config.jwt, { accessTokenTtlSeconds: 600, rotationIntervalSeconds: 7 * 86_400, audience: 'http://localhost:3000' });
  });

  it('keeps what is given, fills the rest of its section, and passes objects through as they are', () => {
    const clock = createManualClock();
    const given = resolve({ clock, sessions: { maxPerUser: 2 }, rateLimit: { signUpPerIp: { limit: 1, windowSeconds: 1 } } });
    assert.equal(given.clock, clock, 'the same clock, not a copy');
    assert.equal(given.logger, silentLogger);
    assert.equal(given.sessions.maxPerUser, 2);
    assert.equal(given.sessions.idleTimeoutSeconds, 14 * 86_400);
    assert.deepEqual(given.rateLimit.signUpPerIp, { limit: 1, windowSeconds: 1 });
    assert.deepEqual(given.rateLimit.signInPerIp, { limit: 30, windowSeconds: 60 });
  });

  it('derives the origin, https-ness and cookie names from publicUrl, and feature names from the core settings', () => {
    const config = resolve();
    assert.deepEqual([config.origin, config.secure, config.sessionCookieName, config.challengeCookieName], ['http://localhost:3000', false, 'latch_session', 'latch_challenge']);
    const https = resolve({ publicUrl: 'https://auth.example.com/', basePath: '/api/', mail: { productName: 'Acme' } });
    assert.equal(https.publicUrl, 'https://auth.example.com');
    assert.equal(https.basePath, '/api');
    assert.deepEqual([https.origin, https.secure, https.sessionCookieName, https.challengeCookieName], ['https://auth.example.com', true, '__Host-latch_session', '__Host-latch_challenge']);
    assert.equal(https.twoFactor.issuer, 'Acme');
    assert.equal(https.passkeys.rpName, 'Acme');
    assert.equal(https.jwt.audience, 'https://auth.example.com');
    const own = resolve({ mail: { productName: 'Acme' }, twoFactor: { issuer: 'Acme Login' }, passkeys: { rpName: 'Acme ID' }, jwt: { audience: 'api' } });
    assert.deepEqual([own.twoFactor.issuer, own.passkeys.rpName, own.jwt.audience], ['Acme Login', 'Acme ID', 'api']);
  });
});

describe('resolveConfig checks', () => {
  // One wrong value per section; the message names the field.
  const cases: Array<[unknown, string, RegExp?]> = [
    [{ publicUrl: 'not a url' }, 'publicUrl', /is not a URL/],
    [{ publicUrl: 'ftp://example.com' }, 'publicUrl', /must be http or https/],
    [{ basePath: 42 }, 'basePath', /must be a string/],
    [{ secret: 'short' }, 'secret', /at least 32 bytes/],
    [{ production: 'yes' }, 'production', /true or false/],
    [{ database: { poolMax: 0 } }, 'database.poolMax', /at least 1/],
    [{ signUp: { mode: 'closed' } }, 'signUp.mode', /must be one of "open", "invite-only"/],
    [{ passwords: { minLength: 6 } }, 'passwords.minLength', /must be at least 8/],
    [{ passwords: { maxLength: 100 } }, 'passwords.maxLength', /must be at least 128/],
    [{ passwords: { minLength: 200, maxLength: 150 } }, 'passwords.maxLength', /must be at least minLength/],
    [{ passwords: { strengthCheckTimeoutMs: 0 } }, 'passwords.strengthCheckTimeoutMs', /between 1 and 60000/],
    [{ sessions: { maxPerUser: 0 } }, 'sessions.maxPerUser', /must be at least 1/],
    [{ sessions: { cacheMaxEntries: 1.5 } }, 'sessions.cacheMaxEntries', /whole number/],
    [{ links: { resetPasswordTtlSeconds: 7200 } }, 'links.resetPasswordTtlSeconds', /at most 3600/],
    [{ links: { verifyEmailTtlSeconds: 90_000 } }, 'links.verifyEmailTtlSeconds', /at most 86400/],
    [{ mail: { mailer: {} } }, 'mail.mailer', /Mailer/],
    [{ pages: { signIn: '' } }, 'pages.signIn', /must not be empty/],
    [{ turnstile: { verifyUrl: 'siteverify' } }, 'turnstile.verifyUrl', /http\(s\) URL/],
    [{ security: { trustedOrigins: ['https://ok.example.com', 'nope'] } }, 'security.trustedOrigins[1]', /must be a URL/],
    [{ rateLimit: { signInPerIp: { limit: 5 } } }, 'rateLimit.signInPerIp.windowSeconds', /is missing/],
    [{ twoFactor: { requiredForRoles: 'admin' } }, 'twoFactor.requiredForRoles', /must be an array/],
    [{ passkeys: { maxPerUser: 0 } }, 'passkeys.maxPerUser', /at least 1/],
    [{ apiKeys: { prefix: 'my key' } }, 'apiKeys.prefix', /without spaces/],
    [{ sshKeys: { maxPerUser: -1 } }, 'sshKeys.maxPerUser', /at least 1/],
    [{ jwt: { accessTokenTtlSeconds: 601 } }, 'jwt.accessTokenTtlSeconds', /at most 600/],
    [{ clock: {} }, 'clock', /Clock/],
    [{ logger: console.log }, 'logger', /Logger/],
  ];
  for (const [config, field, message] of cases) {
    it(`refuses a wrong ${field}: ${JSON.stringify(config)}`, () => {
      const text = refusal(config, field);
      if (message) assert.match(text, message);
    });
  }

  it('names every refused field in one error', () => {
    const text = refusal({ sessions: { maxPerUser: 0 }, jwt: { accessTokenTtlSeconds: 601 } }, 'sessions.maxPerUser');
    assert.match(text, /jwt\.accessTokenTtlSeconds/);
  });
});

describe('resolveConfig in production', () => {
  const production: LatchConfig = { production: true, publicUrl: 'https://auth.example.com', mail: { smtpUrl: 'smtp://mail.example.com:587' } };

  it('accepts a complete production configuration, and an http localhost for trying a build', () => {
    assert.equal(resolve(production).secure, true);
    assert.equal(resolve({ ...production, publicUrl: 'http://localhost:8080' }).secure, false);
  });

  it('refuses development defaults', () => {
    assert.match(refusal({ ...production, publicUrl: 'http://auth.example.com' }, 'publicUrl'), /must be https in production/);
    assert.throws(() => resolveConfig({ ...production, logger: silentLogger }), /secret is required in production/);
    assert.match(refusal({ ...production, mail: {} }, 'mail.smtpUrl'), /mail\.mailer is required in production/);
    assert.match(refusal({ ...production, turnstile: { secretKey: '1x0000000000000000000000000000000AA', siteKey: 'site' } }, 'turnstile.secretKey'), /Turnstile test secret/);
  });

  it('accepts a custom mailer instead of SMTP', () => {
    assert.ok(resolve({ ...production, mail: { mailer: { kind: 'custom', send: async () => {} } } }).mail.mailer);
  });
});
