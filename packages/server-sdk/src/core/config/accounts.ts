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

/** The `signUp` section as `createLatch` accepts it. */
export type SignUpConfig = z.input<typeof signUpSchema>;
/** The `passwords` section as `createLatch` accepts it. */
export type PasswordConfig = z.input<typeof passwordsSchema>;
/** The `sessions` section as `createLatch` accepts it. */
export type SessionConfig = z.input<typeof sessionsSchema>;
