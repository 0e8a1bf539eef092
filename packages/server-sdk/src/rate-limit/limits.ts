import type { RateLimiter, RateLimitRule } from './limiter.js';

/** One rate-limit rule bound to its bucket: callers name only the subject (an address, an email). */
export interface BoundLimit {
  /** Counts one event; throws `rate_limited` once the rule's limit is passed. */
  consume(subject: string): Promise<void>;
  /** Throws when the limit is already reached, without counting; returns the current count. */
  check(subject: string): Promise<number>;
  /** Counts one event without throwing; returns whether the limit is now reached. */
  record(subject: string): Promise<boolean>;
  reset(subject: string): Promise<void>;
}

/** Binds `rule` to `bucket` once, so no call site can pair a bucket with another rule. */
export function bindLimit(limiter: RateLimiter, bucket: string, rule: RateLimitRule): BoundLimit {
  return {
    consume: (subject) => limiter.consume(bucket, subject, rule),
    check: (subject) => limiter.check(bucket, subject, rule),
    record: (subject) => limiter.record(bucket, subject, rule),
    reset: (subject) => limiter.reset(bucket, subject),
  };
}

/** The configured rules of the core and the features, each bound to its bucket. */
export interface RateLimitRules {
  signInPerIp: RateLimitRule;
  signInFailuresPerEmail: RateLimitRule;
  signUpPerIp: RateLimitRule;
  emailPerAddress: RateLimitRule;
  emailPerIp: RateLimitRule;
  resetPerIp: RateLimitRule;
  passwordCheckPerIp: RateLimitRule;
  apiKeyFailuresPerIp: RateLimitRule;
}

/** Every named limit of a Latch instance. */
export type Limits = ReturnType<typeof createLimits>;

/** Binds every configured rule to its bucket (the bucket names are what the table stores). */
export function createLimits(limiter: RateLimiter, rules: RateLimitRules) {
  return {
    signInPerIp: bindLimit(limiter, 'sign_in_ip', rules.signInPerIp),
    passkeyOptionsPerIp: bindLimit(limiter, 'passkey_options_ip', rules.signInPerIp),
    /** Failed sign-ins (and password proofs) per normalized email, counted before the check. */
    signInFailuresPerEmail: bindLimit(limiter, 'sign_in_fail_email', rules.signInFailuresPerEmail),
    signUpPerIp: bindLimit(limiter, 'sign_up_ip', rules.signUpPerIp),
    /** Emails per recipient and purpose (subjects `verify:…`, `reset:…`, `change:…`). */
    emailPerAddress: bindLimit(limiter, 'mail_address', rules.emailPerAddress),
    emailPerIp: bindLimit(limiter, 'mail_ip', rules.emailPerIp),
    resetPerIp: bindLimit(limiter, 'reset_ip', rules.resetPerIp),
    passwordCheckPerIp: bindLimit(limiter, 'password_check_ip', rules.passwordCheckPerIp),
    apiKeyFailuresPerIp: bindLimit(limiter, 'api_key_fail_ip', rules.apiKeyFailuresPerIp),
  };
}
