import { z } from 'zod';
import type { RateLimitRule } from '../../rate-limit/limiter.js';

const minute = 60;
const hour = 3600;

/** True for an absolute http(s) URL. */
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/** The `turnstile` section. */
export const turnstileSchema = z.object({
  secretKey: z.string().optional().meta({
    description: 'The secret key; when set, sign-in, sign-up and forgot-password need a valid token. Cloudflare\'s test secrets are refused in production.',
    docDefault: 'unset: no captcha',
  }),
  siteKey: z.string().optional().describe('The public site key handed to the components.'),
  verifyUrl: z.string().refine(isHttpUrl, 'must be an http(s) URL').default('https://challenges.cloudflare.com/turnstile/v0/siteverify')
    .describe('siteverify URL.'),
  timeoutMs: z.number().positive().default(5000).describe('Timeout of one siteverify call; a timeout refuses the request (fails closed).'),
}).describe('Cloudflare Turnstile on sign-in, sign-up and forgot-password.');

/** The `security` section. */
export const securitySchema = z.object({
  trustedOrigins: z.array(z.string().refine(URL.canParse, 'must be a URL such as https://app.example.com')).default([])
    .describe('Extra origins allowed to make cookie-authenticated writes.'),
  trustProxy: z.boolean().default(false)
    .describe('Take the client address from `X-Forwarded-For` (its last entry, the one your proxy appended); only behind one trusted proxy.'),
}).describe('Request-level protections.');

const rule = (limit: number, windowSeconds: number, description: string) =>
  z.object({
    limit: z.number().int().min(1).describe('Most events per window.'),
    windowSeconds: z.number().int().min(1).describe('Length of the window.'),
  }).default({ limit, windowSeconds }).describe(description) satisfies z.ZodType<RateLimitRule>;

/** The `rateLimit` section. */
export const rateLimitSchema = z.object({
  enabled: z.boolean().default(true).describe('`false` turns every limit off (only for benchmarks and tests).'),
  signInPerIp: rule(30, minute, '`POST /sign-in` per client address.'),
  signInFailuresPerEmail: rule(10, 15 * minute,
    'Failed sign-ins (and wrong current passwords) per normalized email, known or not, before sign-in pauses; a success or a password reset clears it, and attempts during a block are not counted.'),
  signUpPerIp: rule(10, hour, '`POST /sign-up` per client address.'),
  emailPerAddress: rule(5, hour, 'Emails of one kind (verification, reset, email change) per address.'),
  emailPerIp: rule(20, hour, 'Emailing requests (`POST /verify-email/resend`, `POST /password/forgot`) per client address.'),
  resetPerIp: rule(20, 15 * minute, '`POST /password/reset` per client address.'),
  passwordCheckPerIp: rule(30, minute, 'Strength checks (`POST /password/check`, from strength meters that debounce their requests) per client address.'),
  apiKeyFailuresPerIp: rule(30, 5 * minute, 'Bearer API keys that match no live key (unknown, revoked or expired) per client address.'),
}).describe('Rate limits: at most `limit` events per `windowSeconds`, counted in the database so every process shares them. A refused request gets `429 rate_limited` with `Retry-After`.');

/** The `turnstile` section as `createLatch` accepts it. */
export type TurnstileConfig = z.input<typeof turnstileSchema>;
/** The `security` section as `createLatch` accepts it. */
export type SecurityConfig = z.input<typeof securitySchema>;
/** The `rateLimit` section as `createLatch` accepts it. */
export type RateLimitConfig = z.input<typeof rateLimitSchema>;
