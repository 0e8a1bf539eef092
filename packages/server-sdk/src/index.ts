/**
 * @latch/server-sdk — accounts, sessions, second factors and keys for any Node app.
 * Framework adapters live in `@latch/server-sdk/koa`, `/express` and `/node`; test helpers in `/testing`.
 */
export { createLatch } from './latch.js';
export type { Latch, CreateLatchOptions } from './latch.js';
export { resolveConfig } from './config.js';
export type {
  LatchConfig, ResolvedConfig, DatabaseConfig, SignUpConfig, PasswordConfig, SessionConfig, LinkConfig, MailConfig, PageConfig,
  TurnstileConfig, SecurityConfig, RateLimitConfig, RateLimitRule, TwoFactorConfig, PasskeyConfig, ApiKeyConfig, SshKeyConfig, JwtConfig,
} from './config.js';
export {
  LatchError, BadRequestError, InvalidTokenError, InvalidCodeError, InvalidPasskeyError, CaptchaFailedError, UnauthenticatedError,
  InvalidCredentialsError, ChallengeExpiredError, ForbiddenError, CsrfRejectedError, ReauthenticationRequiredError,
  EmailNotVerifiedError, AccountDisabledError, SignUpDisabledError, NotFoundError, MethodNotAllowedError, LimitReachedError,
  DuplicateKeyError, EmailTakenError, ConflictError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError,
  WeakPasswordError, PasswordReusedError, InvalidScopeError, InvalidSshKeyError, RateLimitedError, ServiceUnavailableError,
  ConfigError, isLatchError, problemTitles, errorRegistry, errorCodes,
} from './errors.js';
export type {
  LatchErrorCode, AnyLatchError, FieldError, LatchErrorOptions, ErrorSpec, ErrorStatus,
  ForbiddenErrorOptions, MethodNotAllowedErrorOptions, UnauthenticatedErrorOptions,
} from './errors.js';
export { problemResponse, problemType } from './http/problem.js';
export type { Problem } from './http/problem.js';
export type { Clock, ManualClock } from './clock.js';
export { systemClock, createManualClock } from './clock.js';
export type { Logger } from './logger.js';
export { consoleLogger, silentLogger } from './logger.js';
export type { RequestContext } from './context.js';
export { systemContext } from './context.js';
export type { Mailer, MailMessage } from './mail/mailer.js';
export { createSmtpMailer, createDevMailer } from './mail/mailer.js';
export type { Storage } from './storage/storage.js';
export { createDatabase, migrateDatabase } from './storage/database.js';
export type { Database, DatabaseKind, CreateDatabaseOptions } from './storage/database.js';
export { createKnexStorage } from './storage/knex/knex-storage.js';
export type { UserRecord, SessionRecord } from './storage/types.js';
export type { LatchHandler, LatchRequest, LatchResponse } from './http/handler.js';
export type { AuthState, AuthMethod } from './core/auth-state.js';
export type { PublicUser } from './accounts/view.js';
export { parseEmail } from './accounts/email.js';
export { checkPassword } from './passwords/policy.js';
export type { CheckPasswordOptions, PasswordCheck, PasswordPolicy } from './passwords/policy.js';
export type { ProvisionUserInput, ProvisionUserResult } from './admin/provisioning.js';
export type { KeysApi, LatchOptions } from './latch.js';
export { defaultFeatures } from './latch.js';
export { twoFactorFeature } from './two-factor/feature.js';
export { apiKeysFeature } from './api-keys/feature.js';
export { sshKeysFeature } from './ssh-keys/feature.js';
export { accessTokensFeature } from './tokens/feature.js';
export { adminFeature } from './admin/feature.js';
export type { LatchFeature, FeatureParts, FeatureContext, SessionIssuer, AccountHooks, Migration } from './core/feature.js';
export type { StoreKey } from './storage/storage.js';
export { ApiKeyService } from './api-keys/service.js';
export type { ApiKeyView, CreateApiKeyInput, CreatedApiKey } from './api-keys/service.js';
export { generateApiKey, hashApiKey, isWellFormedApiKey } from './api-keys/format.js';
export { scopesOfUser, requireGrantableScopes, effectiveScopes, isAdministrativeScope } from './core/scopes.js';
export { SshKeyService } from './ssh-keys/service.js';
export type { SshKeyView, AddSshKeyInput } from './ssh-keys/service.js';
export { parseSshPublicKey, sshFingerprint, looksLikePrivateKey, acceptedSshKeyTypes, minRsaBits } from './ssh-keys/parse.js';
export type { ParsedSshKey, SshKeyType } from './ssh-keys/parse.js';
export { formatAuthorizedKeys, findAccount } from './ssh-keys/authorized-keys.js';
export { AccessTokenService, accessTokenType, maxAccessTokenBytes } from './tokens/jwt.js';
export type { AccessTokenClaims, MintedAccessToken } from './tokens/jwt.js';
export { SigningKeyStore, accessTokenAlgorithm } from './tokens/signing-keys.js';
export { authenticateRequest, checkRequest, authProblemResponse } from './adapters/require-auth.js';
export type { LatchAuth, RequireAuthOptions, AuthRequest, AuthOutcome, RequireAuthLatch } from './adapters/require-auth.js';
