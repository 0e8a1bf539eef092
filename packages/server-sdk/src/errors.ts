/**
 * Errors raised by Latch. Each failure has its own class with a stable snake_case `code` (the
 * same string the HTTP contract uses); its status, title and default message come from
 * `errorRegistry`. Domain code throws these; only `http/problem.ts` turns them into responses.
 */
export { composeErrors, defineErrors } from './errors/define.js';
export type { ErrorSpec, ErrorTable } from './errors/define.js';
export { errorCodes, errorRegistry, problemTitles } from './errors/registry.js';
export type { ErrorStatus, LatchErrorCode } from './errors/registry.js';
export { LatchError } from './errors/latch-error.js';
export type { FieldError, LatchErrorOptions } from './errors/latch-error.js';
export {
  AccountDisabledError, BadRequestError, BodyAlreadyReadError, CaptchaFailedError, ChallengeExpiredError, ConflictError, CsrfRejectedError,
  DuplicateKeyError, EmailNotVerifiedError, EmailTakenError, ForbiddenError, InvalidCodeError, InvalidCredentialsError,
  InvalidPasskeyError, InvalidScopeError, InvalidSshKeyError, InvalidTokenError, isLatchError, LimitReachedError,
  MethodNotAllowedError, NotFoundError, PasswordResetRequiredError, PasswordReusedError, PayloadTooLargeError, RateLimitedError,
  ReauthenticationRequiredError, ServiceUnavailableError, SignUpDisabledError, UnauthenticatedError,
  UnsupportedMediaTypeError, ValidationFailedError, WeakPasswordError,
} from './errors/classes.js';
export type {
  AnyLatchError, ForbiddenErrorOptions, MethodNotAllowedErrorOptions, UnauthenticatedErrorOptions,
} from './errors/classes.js';
export { AlreadyMemberError, InvitationMismatchError, LastOwnerError, SlugTakenError } from './errors/organization-classes.js';
export { ConfigError } from './errors/config-error.js';
