/**
 * The error classes, one per registry code: domain code throws these, and only the problem
 * writer (`http/problem.ts`) turns them into responses.
 */
import { LatchError, type LatchErrorOptions } from './latch-error.js';
import type { LatchErrorCode } from './registry.js';

/** The realm of Latch's bearer challenges. */
const defaultRealm = 'latch';

/** A body that is not valid JSON, or a request that cannot be understood. */
export class BadRequestError extends LatchError<'bad_request'> {
  static readonly code = 'bad_request';
  constructor(options?: LatchErrorOptions) { super('bad_request', options); }
}
/** A link or confirmation token that is unknown, used or expired (one code for all three). */
export class InvalidTokenError extends LatchError<'invalid_token'> {
  static readonly code = 'invalid_token';
  constructor(options?: LatchErrorOptions) { super('invalid_token', options); }
}
/** A one-time code that is wrong, used or expired. */
export class InvalidCodeError extends LatchError<'invalid_code'> {
  static readonly code = 'invalid_code';
  constructor(options?: LatchErrorOptions) { super('invalid_code', options); }
}
/** A WebAuthn response that failed verification. */
export class InvalidPasskeyError extends LatchError<'invalid_passkey'> {
  static readonly code = 'invalid_passkey';
  constructor(options?: LatchErrorOptions) { super('invalid_passkey', options); }
}
/** A Turnstile token that is missing or was refused. */
export class CaptchaFailedError extends LatchError<'captcha_failed'> {
  static readonly code = 'captcha_failed';
  constructor(options?: LatchErrorOptions) { super('captcha_failed', options); }
}
/** Options of {@link UnauthenticatedError}. */
export interface UnauthenticatedErrorOptions extends LatchErrorOptions {
  /** The realm of the `WWW-Authenticate: Bearer` challenge. Default `latch`. */
  realm?: string;
}
/** No valid credentials on the request; answered with a `WWW-Authenticate: Bearer` challenge. */
export class UnauthenticatedError extends LatchError<'unauthenticated'> {
  static readonly code = 'unauthenticated';
  readonly realm: string;
  constructor(options: UnauthenticatedErrorOptions = {}) {
    super('unauthenticated', options);
    this.realm = options.realm ?? defaultRealm;
  }
  override headers(): Record<string, string> {
    return { 'www-authenticate': `Bearer realm="${this.realm}"` };
  }
}
/** Wrong email or password; the same answer for unknown emails. */
export class InvalidCredentialsError extends LatchError<'invalid_credentials'> {
  static readonly code = 'invalid_credentials';
  constructor(options?: LatchErrorOptions) { super('invalid_credentials', options); }
}
/** The pending second-factor challenge is missing, used or expired. */
export class ChallengeExpiredError extends LatchError<'challenge_expired'> {
  static readonly code = 'challenge_expired';
  constructor(options?: LatchErrorOptions) { super('challenge_expired', options); }
}
/** Options of {@link ForbiddenError}. */
export interface ForbiddenErrorOptions extends LatchErrorOptions {
  /**
   * Scopes the credential lacks: sent as an RFC 6750 `insufficient_scope` challenge and a
   * `requiredScopes` member (`extensions.requiredScopes` is read the same way).
   */
  requiredScopes?: readonly string[];
}
/** Authenticated, but not allowed. */
export class ForbiddenError extends LatchError<'forbidden'> {
  static readonly code = 'forbidden';
  /** Scopes the credential lacks; empty when the refusal is about something else. */
  readonly requiredScopes: readonly string[];
  constructor(options: ForbiddenErrorOptions = {}) {
    const given = options.requiredScopes ?? options.extensions?.requiredScopes;
    const requiredScopes = Array.isArray(given) ? given.map(String) : [];
    super('forbidden', requiredScopes.length ? { ...options, extensions: { ...options.extensions, requiredScopes } } : options);
    this.requiredScopes = requiredScopes;
  }
  override headers(): Record<string, string> {
    if (this.requiredScopes.length === 0) return {};
    return { 'www-authenticate': `Bearer realm="${defaultRealm}", error="insufficient_scope", scope="${this.requiredScopes.join(' ')}"` };
  }
}
/** A cookie-authenticated write from a foreign origin. */
export class CsrfRejectedError extends LatchError<'csrf_rejected'> {
  static readonly code = 'csrf_rejected';
  constructor(options?: LatchErrorOptions) { super('csrf_rejected', options); }
}
/** A sensitive operation without fresh proof of presence. */
export class ReauthenticationRequiredError extends LatchError<'reauthentication_required'> {
  static readonly code = 'reauthentication_required';
  constructor(options?: LatchErrorOptions) { super('reauthentication_required', options); }
}
/** Sign-in before the email address was verified. */
export class EmailNotVerifiedError extends LatchError<'email_not_verified'> {
  static readonly code = 'email_not_verified';
  constructor(options?: LatchErrorOptions) { super('email_not_verified', options); }
}
/** The account was disabled by an administrator. */
export class AccountDisabledError extends LatchError<'account_disabled'> {
  static readonly code = 'account_disabled';
  constructor(options?: LatchErrorOptions) { super('account_disabled', options); }
}
/** A correct password of an account secured without a new one: it must be reset first. */
export class PasswordResetRequiredError extends LatchError<'password_reset_required'> {
  static readonly code = 'password_reset_required';
  constructor(options?: LatchErrorOptions) { super('password_reset_required', options); }
}
/** Self-service sign-up is off (invite-only mode). */
export class SignUpDisabledError extends LatchError<'sign_up_disabled'> {
  static readonly code = 'sign_up_disabled';
  constructor(options?: LatchErrorOptions) { super('sign_up_disabled', options); }
}
/** No such resource (or not the caller's). */
export class NotFoundError extends LatchError<'not_found'> {
  static readonly code = 'not_found';
  constructor(options?: LatchErrorOptions) { super('not_found', options); }
}
/** Options of {@link MethodNotAllowedError}. */
export interface MethodNotAllowedErrorOptions extends LatchErrorOptions {
  /** The methods the path serves, sent as `Allow` (a comma-separated `extensions.allow` is read the same way). */
  allow?: readonly string[];
}
/** The path exists but not with this method; answered with `Allow`. */
export class MethodNotAllowedError extends LatchError<'method_not_allowed'> {
  static readonly code = 'method_not_allowed';
  /** The methods the path serves. */
  readonly allow: readonly string[];
  constructor(options: MethodNotAllowedErrorOptions = {}) {
    super('method_not_allowed', options);
    const listed = options.extensions?.allow;
    this.allow = options.allow ?? (typeof listed === 'string' ? listed.split(',').map((m) => m.trim()).filter(Boolean) : []);
  }
  override headers(): Record<string, string> {
    return this.allow.length ? { allow: this.allow.join(', ') } : {};
  }
}
/** A per-user cap (API keys, SSH keys, passkeys) is reached. */
export class LimitReachedError extends LatchError<'limit_reached'> {
  static readonly code = 'limit_reached';
  constructor(options?: LatchErrorOptions) { super('limit_reached', options); }
}
/** The same key is already registered. */
export class DuplicateKeyError extends LatchError<'duplicate_key'> {
  static readonly code = 'duplicate_key';
  constructor(options?: LatchErrorOptions) { super('duplicate_key', options); }
}
/** The email address belongs to another account. */
export class EmailTakenError extends LatchError<'email_taken'> {
  static readonly code = 'email_taken';
  constructor(options?: LatchErrorOptions) { super('email_taken', options); }
}
/** A state conflict (for example removing the last administrator). */
export class ConflictError extends LatchError<'conflict'> {
  static readonly code = 'conflict';
  constructor(options?: LatchErrorOptions) { super('conflict', options); }
}
/** Body over the size limit. */
export class PayloadTooLargeError extends LatchError<'payload_too_large'> {
  static readonly code = 'payload_too_large';
  constructor(options?: LatchErrorOptions) { super('payload_too_large', options); }
}
/** Body that is not JSON. */
export class UnsupportedMediaTypeError extends LatchError<'unsupported_media_type'> {
  static readonly code = 'unsupported_media_type';
  constructor(options?: LatchErrorOptions) { super('unsupported_media_type', options); }
}
/** Missing or malformed fields; see `errors`. */
export class ValidationFailedError extends LatchError<'validation_failed'> {
  static readonly code = 'validation_failed';
  constructor(options?: LatchErrorOptions) { super('validation_failed', options); }
}
/** A password the policy refuses; `reasons` says why. */
export class WeakPasswordError extends LatchError<'weak_password'> {
  static readonly code = 'weak_password';
  /** Stable codes (`min_length`, `common`, `breached`…), one per entry of `messages`. */
  readonly reasons: string[];
  /** The same reasons as sentences to show the user. */
  readonly messages: string[];
  constructor(reasons: string[], messages: string[] = [], options?: LatchErrorOptions) {
    super('weak_password', { detail: messages.join(' ') || undefined, ...options, extensions: { reasons, messages, ...options?.extensions } });
    this.reasons = reasons;
    this.messages = messages;
  }
}
/** A new password equal to the current one. */
export class PasswordReusedError extends LatchError<'password_reused'> {
  static readonly code = 'password_reused';
  constructor(options?: LatchErrorOptions) { super('password_reused', options); }
}
/** A requested scope that is unknown or above the caller's rights. */
export class InvalidScopeError extends LatchError<'invalid_scope'> {
  static readonly code = 'invalid_scope';
  constructor(options?: LatchErrorOptions) { super('invalid_scope', options); }
}
/** An SSH public key that cannot be accepted. */
export class InvalidSshKeyError extends LatchError<'invalid_ssh_key'> {
  static readonly code = 'invalid_ssh_key';
  constructor(options?: LatchErrorOptions) { super('invalid_ssh_key', options); }
}
/** Too many requests; answered with `Retry-After` and a `retryAfter` member (whole seconds, at least 1). */
export class RateLimitedError extends LatchError<'rate_limited'> {
  static readonly code = 'rate_limited';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, options?: LatchErrorOptions) {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super('rate_limited', { ...options, extensions: { retryAfter: seconds, ...options?.extensions } });
    this.retryAfterSeconds = seconds;
  }
  override headers(): Record<string, string> {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}
/** A dependency (database, mail, captcha) is down; safe to retry. */
export class ServiceUnavailableError extends LatchError<'service_unavailable'> {
  static readonly code = 'service_unavailable';
  constructor(options?: LatchErrorOptions) { super('service_unavailable', options); }
}
/** A body parser in front of Latch read the request body without keeping it (a host misconfiguration). */
export class BodyAlreadyReadError extends LatchError<'body_already_read'> {
  static readonly code = 'body_already_read';
  constructor(options?: LatchErrorOptions) { super('body_already_read', options); }
}
/**
 * The class of each code. `internal_error` has none: unknown failures become it. A feature files
 * the classes of its own codes here by augmenting this interface from its error-class module.
 */
export interface ErrorsByCode {
  bad_request: BadRequestError;
  invalid_token: InvalidTokenError;
  invalid_code: InvalidCodeError;
  invalid_passkey: InvalidPasskeyError;
  captcha_failed: CaptchaFailedError;
  unauthenticated: UnauthenticatedError;
  invalid_credentials: InvalidCredentialsError;
  challenge_expired: ChallengeExpiredError;
  forbidden: ForbiddenError;
  csrf_rejected: CsrfRejectedError;
  reauthentication_required: ReauthenticationRequiredError;
  email_not_verified: EmailNotVerifiedError;
  account_disabled: AccountDisabledError;
  password_reset_required: PasswordResetRequiredError;
  sign_up_disabled: SignUpDisabledError;
  not_found: NotFoundError;
  method_not_allowed: MethodNotAllowedError;
  limit_reached: LimitReachedError;
  duplicate_key: DuplicateKeyError;
  email_taken: EmailTakenError;
  conflict: ConflictError;
  payload_too_large: PayloadTooLargeError;
  unsupported_media_type: UnsupportedMediaTypeError;
  validation_failed: ValidationFailedError;
  weak_password: WeakPasswordError;
  password_reused: PasswordReusedError;
  invalid_scope: InvalidScopeError;
  invalid_ssh_key: InvalidSshKeyError;
  rate_limited: RateLimitedError;
  body_already_read: BodyAlreadyReadError;
  service_unavailable: ServiceUnavailableError;
}

type ClassedCode = Exclude<LatchErrorCode, 'internal_error'>;
// A registry code without a class, or a class filed under another code, fails to compile here.
type EveryCode<T extends Record<ClassedCode, LatchError> & { [C in keyof T]: C extends LatchErrorCode ? LatchError<C> : never }> = T[ClassedCode];

/** Any error Latch throws on purpose, as a union discriminated by `code`. */
export type AnyLatchError = EveryCode<ErrorsByCode>;

/** Type guard for errors thrown on purpose by Latch. */
export function isLatchError(value: unknown): value is AnyLatchError {
  return value instanceof LatchError;
}
