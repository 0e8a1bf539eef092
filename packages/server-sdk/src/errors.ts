/**
 * Errors raised by Latch. Each failure has its own class with a stable snake_case `code`
 * (the same string the HTTP contract uses) and the HTTP `status` it maps to. Domain code
 * throws these; only `http/problem.ts` turns them into RFC 9457 bodies.
 */

/** Every error code Latch can answer with. Clients branch on these, never on messages. */
export type LatchErrorCode =
  | 'bad_request' | 'invalid_token' | 'invalid_code' | 'invalid_passkey' | 'captcha_failed'
  | 'unauthenticated' | 'invalid_credentials' | 'challenge_expired'
  | 'forbidden' | 'csrf_rejected' | 'reauthentication_required' | 'email_not_verified'
  | 'account_disabled' | 'sign_up_disabled'
  | 'not_found' | 'method_not_allowed'
  | 'limit_reached' | 'duplicate_key' | 'email_taken' | 'conflict'
  | 'payload_too_large' | 'unsupported_media_type'
  | 'validation_failed' | 'weak_password' | 'password_reused' | 'invalid_scope' | 'invalid_ssh_key'
  | 'rate_limited' | 'service_unavailable' | 'internal_error';

/** One problem with one input field, as listed in a problem's `errors` member. */
export interface FieldError {
  /** The field's name in the request body (dotted for nested fields). */
  field: string;
  /** A stable code for what is wrong (`required`, `too_long`, `invalid_email`, …). */
  code: string;
  /** A human sentence; never echoes secrets. */
  message: string;
}

/** Options every Latch error accepts. */
export interface LatchErrorOptions {
  /** Occurrence-specific explanation shown to the client (never secrets). */
  detail?: string;
  /** The underlying error, kept for logs. */
  cause?: unknown;
  /** Field-level problems. */
  errors?: FieldError[];
  /** Extra members to put in the problem body (documented per code). */
  extensions?: Record<string, unknown>;
}

/** Base class of every error Latch throws on purpose. */
export class LatchError extends Error {
  /** Stable machine-readable code. */
  readonly code: LatchErrorCode;
  /** HTTP status this error maps to. */
  readonly status: number;
  /** Whether `detail` may be shown to clients (true below 500). */
  readonly expose: boolean;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;

  constructor(code: LatchErrorCode, status: number, message: string, options: LatchErrorOptions = {}) {
    super(options.detail ?? message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.expose = status < 500;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

/** A body that is not valid JSON, or a request that cannot be understood. */
export class BadRequestError extends LatchError {
  static readonly code = 'bad_request';
  constructor(options?: LatchErrorOptions) { super('bad_request', 400, 'The request could not be understood.', options); }
}
/** A link or confirmation token that is unknown, used or expired (one code for all three). */
export class InvalidTokenError extends LatchError {
  static readonly code = 'invalid_token';
  constructor(options?: LatchErrorOptions) { super('invalid_token', 400, 'This link is invalid or has expired.', options); }
}
/** A one-time code that is wrong, used or expired. */
export class InvalidCodeError extends LatchError {
  static readonly code = 'invalid_code';
  constructor(options?: LatchErrorOptions) { super('invalid_code', 400, 'The code is not valid.', options); }
}
/** A WebAuthn response that failed verification. */
export class InvalidPasskeyError extends LatchError {
  static readonly code = 'invalid_passkey';
  constructor(options?: LatchErrorOptions) { super('invalid_passkey', 400, 'The passkey could not be verified.', options); }
}
/** A Turnstile token that is missing or was refused. */
export class CaptchaFailedError extends LatchError {
  static readonly code = 'captcha_failed';
  constructor(options?: LatchErrorOptions) { super('captcha_failed', 400, 'The human check failed. Please try again.', options); }
}
/** No valid credentials on the request. */
export class UnauthenticatedError extends LatchError {
  static readonly code = 'unauthenticated';
  constructor(options?: LatchErrorOptions) { super('unauthenticated', 401, 'Sign-in required.', options); }
}
/** Wrong email or password; the same answer for unknown emails. */
export class InvalidCredentialsError extends LatchError {
  static readonly code = 'invalid_credentials';
  constructor(options?: LatchErrorOptions) { super('invalid_credentials', 401, 'The email or password is incorrect.', options); }
}
/** The pending second-factor challenge is missing, used or expired. */
export class ChallengeExpiredError extends LatchError {
  static readonly code = 'challenge_expired';
  constructor(options?: LatchErrorOptions) { super('challenge_expired', 401, 'The sign-in attempt has expired. Please sign in again.', options); }
}
/** Authenticated, but not allowed. */
export class ForbiddenError extends LatchError {
  static readonly code = 'forbidden';
  constructor(options?: LatchErrorOptions) { super('forbidden', 403, 'You are not allowed to do this.', options); }
}
/** A cookie-authenticated write from a foreign origin. */
export class CsrfRejectedError extends LatchError {
  static readonly code = 'csrf_rejected';
  constructor(options?: LatchErrorOptions) { super('csrf_rejected', 403, 'The request came from an origin that is not trusted.', options); }
}
/** A sensitive operation without fresh proof of presence. */
export class ReauthenticationRequiredError extends LatchError {
  static readonly code = 'reauthentication_required';
  constructor(options?: LatchErrorOptions) { super('reauthentication_required', 403, 'Please confirm your password to continue.', options); }
}
/** Sign-in before the email address was verified. */
export class EmailNotVerifiedError extends LatchError {
  static readonly code = 'email_not_verified';
  constructor(options?: LatchErrorOptions) { super('email_not_verified', 403, 'Please verify your email address first.', options); }
}
/** The account was disabled by an administrator. */
export class AccountDisabledError extends LatchError {
  static readonly code = 'account_disabled';
  constructor(options?: LatchErrorOptions) { super('account_disabled', 403, 'This account is disabled.', options); }
}
/** Self-service sign-up is off (invite-only mode). */
export class SignUpDisabledError extends LatchError {
  static readonly code = 'sign_up_disabled';
  constructor(options?: LatchErrorOptions) { super('sign_up_disabled', 403, 'Sign-up is by invitation only.', options); }
}
/** No such resource (or not the caller's). */
export class NotFoundError extends LatchError {
  static readonly code = 'not_found';
  constructor(options?: LatchErrorOptions) { super('not_found', 404, 'Not found.', options); }
}
/** The path exists but not with this method. */
export class MethodNotAllowedError extends LatchError {
  static readonly code = 'method_not_allowed';
  constructor(options?: LatchErrorOptions) { super('method_not_allowed', 405, 'Method not allowed.', options); }
}
/** A per-user cap (API keys, SSH keys, passkeys) is reached. */
export class LimitReachedError extends LatchError {
  static readonly code = 'limit_reached';
  constructor(options?: LatchErrorOptions) { super('limit_reached', 409, 'The limit has been reached.', options); }
}
/** The same key is already registered. */
export class DuplicateKeyError extends LatchError {
  static readonly code = 'duplicate_key';
  constructor(options?: LatchErrorOptions) { super('duplicate_key', 409, 'This key is already registered.', options); }
}
/** The email address belongs to another account. */
export class EmailTakenError extends LatchError {
  static readonly code = 'email_taken';
  constructor(options?: LatchErrorOptions) { super('email_taken', 409, 'This email address is already in use.', options); }
}
/** A state conflict (for example removing the last administrator). */
export class ConflictError extends LatchError {
  static readonly code = 'conflict';
  constructor(options?: LatchErrorOptions) { super('conflict', 409, 'The request conflicts with the current state.', options); }
}
/** Body over the size limit. */
export class PayloadTooLargeError extends LatchError {
  static readonly code = 'payload_too_large';
  constructor(options?: LatchErrorOptions) { super('payload_too_large', 413, 'The request body is too large.', options); }
}
/** Body that is not JSON. */
export class UnsupportedMediaTypeError extends LatchError {
  static readonly code = 'unsupported_media_type';
  constructor(options?: LatchErrorOptions) { super('unsupported_media_type', 415, 'Send JSON (application/json).', options); }
}
/** Missing or malformed fields; see `errors`. */
export class ValidationFailedError extends LatchError {
  static readonly code = 'validation_failed';
  constructor(options?: LatchErrorOptions) { super('validation_failed', 422, 'Some fields are missing or invalid.', options); }
}
/** A password the policy refuses; `reasons` says why. */
export class WeakPasswordError extends LatchError {
  static readonly code = 'weak_password';
  readonly reasons: string[];
  constructor(reasons: string[], options?: LatchErrorOptions) {
    super('weak_password', 422, 'This password is too easy to guess.', {
      detail: reasons.join(' '),
      ...options,
      extensions: { reasons, ...options?.extensions },
    });
    this.reasons = reasons;
  }
}
/** A new password equal to the current one. */
export class PasswordReusedError extends LatchError {
  static readonly code = 'password_reused';
  constructor(options?: LatchErrorOptions) { super('password_reused', 422, 'Choose a password different from the current one.', options); }
}
/** A requested scope that is unknown or above the caller's rights. */
export class InvalidScopeError extends LatchError {
  static readonly code = 'invalid_scope';
  constructor(options?: LatchErrorOptions) { super('invalid_scope', 422, 'One or more scopes are not allowed.', options); }
}
/** An SSH public key that cannot be accepted. */
export class InvalidSshKeyError extends LatchError {
  static readonly code = 'invalid_ssh_key';
  constructor(options?: LatchErrorOptions) { super('invalid_ssh_key', 422, 'This is not an acceptable SSH public key.', options); }
}
/** Too many requests; retry after `retryAfterSeconds`. */
export class RateLimitedError extends LatchError {
  static readonly code = 'rate_limited';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, options?: LatchErrorOptions) {
    super('rate_limited', 429, 'Too many attempts. Please wait and try again.', {
      ...options,
      extensions: { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)), ...options?.extensions },
    });
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
/** A dependency (database, mail, captcha) is down; safe to retry. */
export class ServiceUnavailableError extends LatchError {
  static readonly code = 'service_unavailable';
  constructor(options?: LatchErrorOptions) { super('service_unavailable', 503, 'The service is temporarily unavailable.', options); }
}
/** Invalid configuration found at start-up. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(message: string) { super(message); this.name = 'ConfigError'; }
}

/** Any error Latch throws on purpose, as a union discriminated by `code`. */
export type AnyLatchError = LatchError;

/** Type guard for errors thrown on purpose by Latch. */
export function isLatchError(value: unknown): value is LatchError {
  return value instanceof LatchError;
}

/** Default problem titles per code, for responses created outside a thrown error. */
export const problemTitles: Record<LatchErrorCode, string> = {
  bad_request: 'Bad request', invalid_token: 'Invalid or expired link', invalid_code: 'Invalid code',
  invalid_passkey: 'Passkey not accepted', captcha_failed: 'Human check failed', unauthenticated: 'Unauthenticated',
  invalid_credentials: 'Invalid credentials', challenge_expired: 'Sign-in attempt expired', forbidden: 'Forbidden',
  csrf_rejected: 'Cross-site request rejected', reauthentication_required: 'Reauthentication required',
  email_not_verified: 'Email not verified', account_disabled: 'Account disabled', sign_up_disabled: 'Sign-up disabled',
  not_found: 'Not found', method_not_allowed: 'Method not allowed', limit_reached: 'Limit reached',
  duplicate_key: 'Duplicate key', email_taken: 'Email taken', conflict: 'Conflict', payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type', validation_failed: 'Validation failed', weak_password: 'Weak password',
  password_reused: 'Password reused', invalid_scope: 'Invalid scope', invalid_ssh_key: 'Invalid SSH key',
  rate_limited: 'Too many requests', service_unavailable: 'Service unavailable', internal_error: 'Internal error',
};
