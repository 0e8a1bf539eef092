import { z } from 'zod';
import { defaultStrengthCheckTimeoutMs } from '../../passwords/policy.js';

const day = 86_400;

/** The `signUp` section. */
export const signUpSchema = z.object({
  mode: z.enum(['open', 'invite-only']).default('open')
    .describe('`open` lets anyone register; `invite-only` allows only accounts an administrator provisions (self-service sign-up answers `sign_up_disabled`).'),
  requireEmailVerification: z.boolean().default(true)
    .describe('Refuse sign-in (`email_not_verified`) until the email address is verified.'),
}).describe('Who may create an account, and when they may sign in.');

/** True for an absolute http(s) URL. */
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The `passwords.breached` setting. */
const breachedPasswordsSchema = z.object({
  url: z.string()
    .refine(isHttpUrl, 'must be an http(s) URL such as https://api.pwnedpasswords.com/range/')
    .refine((url) => /[/=]$/.test(url), 'must end with / (or =): the five-character prefix is appended to it')
    .meta({
      description: 'The range API\'s address; the first five hex characters of the password\'s SHA-1 are appended (`https://api.pwnedpasswords.com/range/`).',
      docDefault: 'required',
    }),
  timeoutMs: z.number().min(1, 'must be between 1 and 60000').max(60_000, 'must be between 1 and 60000').default(1500)
    .describe('How long one request may take, answer included; past it the check is skipped (logged at warn).'),
  cacheTtlSeconds: z.number().min(0).default(3600).describe('How long the answer for one prefix is reused; 0 turns the cache off.'),
  cacheMaxEntries: z.number().int('must be a whole number, at least 1').min(1, 'must be a whole number, at least 1').default(1000)
    .describe('Most prefixes cached (about 32 KB each); at capacity the least recently used goes.'),
}).optional().meta({
  description: 'A Have I Been Pwned compatible range API (k-anonymity: only five hex characters of the SHA-1 are sent, with `Add-Padding: true`). Every new password it knows is refused with `weak_password` and reason `breached`; when it cannot answer, the check is skipped and a warning logged.',
  docDefault: 'unset: no breached-password service',
});

/** The `passwords` section. */
export const passwordsSchema = z.object({
  minLength: z.number().int().min(8).default(8).describe('Fewest characters (Unicode code points).'),
  maxLength: z.number().int().min(128).default(1024)
    .describe('Most characters, at least `minLength`; longer input is refused before it is hashed.'),
  minScore: z.literal([0, 1, 2, 3, 4]).default(3)
    .describe('Lowest zxcvbn score accepted. Common and breached-list passwords, and ones built from the user\'s email or name, are refused with reasons.'),
  requireComposition: z.boolean().default(false)
    .describe('Opt-in composition rules: require upper, lower, digit and symbol (NIST advises against them).'),
  strengthCheckTimeoutMs: z.number().min(1, 'must be between 1 and 60000').max(60_000, 'must be between 1 and 60000').default(defaultStrengthCheckTimeoutMs)
    .describe('How long the strength estimate (zxcvbn, on a worker thread) may take, waiting included; past it the password is judged on length, composition and the user\'s own words.'),
  memoryCost: z.number().int().min(1).default(19456).describe('argon2id memory in KiB (OWASP). Raising a cost rehashes each password at its next sign-in.'),
  timeCost: z.number().int().min(1).default(2).describe('argon2id iterations (OWASP).'),
  parallelism: z.number().int().min(1).default(1).describe('argon2id lanes (OWASP).'),
  breached: breachedPasswordsSchema,
}).superRefine((passwords, ctx) => {
  if (passwords.maxLength < passwords.minLength) ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'must be at least minLength' });
}).describe('Password policy and argon2id hashing parameters.');

/** The `sessions` section. */
export const sessionsSchema = z.object({
  idleTimeoutSeconds: z.number().positive().default(14 * day).describe('A session unused this long expires.'),
  absoluteTimeoutSeconds: z.number().positive().default(30 * day).describe('A session expires this long after sign-in, however active.'),
  maxPerUser: z.number().int().min(1).default(50).describe('Most live sessions per user; the oldest is evicted beyond.'),
  touchIntervalSeconds: z.number().min(0).default(60).describe('`last active` is written at most this often per session.'),
  cacheTtlSeconds: z.number().min(0).default(30)
    .describe('How long a validated session is trusted from the in-process cache; revocations are pushed to every process.'),
  cacheMaxEntries: z.number().int('must be a whole number, at least 1').min(1, 'must be a whole number, at least 1').default(50_000)
    .describe('Most entries each in-process cache holds (validated sessions, API-key lookups, verified access tokens, second-factor summaries); at capacity the least recently used entry goes.'),
  reauthWindowSeconds: z.number().min(0).default(300).describe('A sign-in this recent counts as proof of presence for sensitive operations.'),
}).describe('Login-session lifetimes, limits and in-process caching.');

/** The `newDeviceAlerts` section. */
export const newDeviceAlertsSchema = z.object({
  enabled: z.boolean().default(true)
    .describe('Email the user, and record `session.new_device` in their activity, when a sign-in comes from a device class (browser family, OS family, address prefix) not seen for them within `lookbackDays`. A user\'s first tracked sign-in, and sessions started by sign-up, verification or an invitation, only record the device.'),
  lookbackDays: z.number().int().min(1).max(3650).default(90).describe('How long a device class stays known after its last sign-in.'),
  ipv4Prefix: z.number().int().min(0).max(32).default(24).describe('Leading bits of an IPv4 address that make up the network of a device class.'),
  ipv6Prefix: z.number().int().min(0).max(128).default(48).describe('Leading bits of an IPv6 address that make up the network of a device class.'),
  minAlertIntervalSeconds: z.number().int().min(0).default(3600).describe('Fewest seconds between two alerts about the same device class of one user.'),
}).describe('New-device sign-in alerts.');

/** The `signUp` section as `createLatch` accepts it. */
export type SignUpConfig = z.input<typeof signUpSchema>;
/** The `passwords` section as `createLatch` accepts it. */
export type PasswordConfig = z.input<typeof passwordsSchema>;
/** The `sessions` section as `createLatch` accepts it. */
export type SessionConfig = z.input<typeof sessionsSchema>;
/** The `newDeviceAlerts` section as `createLatch` accepts it. */
export type NewDeviceAlertConfig = z.input<typeof newDeviceAlertsSchema>;
