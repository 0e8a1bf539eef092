/**
 * @latch/server-sdk — accounts, sessions, second factors and keys for any Node app.
 * Framework adapters live in `@latch/server-sdk/koa`, `/express`, `/node` and `/fetch` (Web-standard
 * `Request` → `Response`); test helpers in `/testing`.
 */
export { createLatch } from './latch.js';
export type { Latch, CreateLatchOptions } from './latch.js';
export { resolveConfig } from './config.js';
export type {
  LatchConfig, ResolvedConfig, DatabaseConfig, SignUpConfig, PasswordConfig, SessionConfig, NewDeviceAlertConfig, LinkConfig, MailConfig, PageConfig,
  TurnstileConfig, SecurityConfig, RateLimitConfig, RateLimitRule, TwoFactorConfig, PasskeyConfig, ApiKeyConfig, SshKeyConfig, JwtConfig,
} from './config.js';
export type { WebhookConfig } from './config.js';
export {
  LatchError, BadRequestError, InvalidTokenError, InvalidCodeError, InvalidPasskeyError, CaptchaFailedError, UnauthenticatedError,
  InvalidCredentialsError, ChallengeExpiredError, ForbiddenError, CsrfRejectedError, ReauthenticationRequiredError,
  EmailNotVerifiedError, AccountDisabledError, SignUpDisabledError, NotFoundError, MethodNotAllowedError, LimitReachedError,
  DuplicateKeyError, EmailTakenError, ConflictError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationFailedError,
  WeakPasswordError, PasswordReusedError, PasswordResetRequiredError, InvalidScopeError, InvalidSshKeyError, RateLimitedError, ServiceUnavailableError,
  BodyAlreadyReadError, ConfigError, isLatchError, problemTitles, errorRegistry, errorCodes,
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
export { createSmtpMailer, createDevMailer, verifySmtpServer } from './mail/mailer.js';
export type { MailTemplateOverrides, TemplateOverride, TemplatePart, TemplateVariables } from './mail/overrides.js';
export { templateVariables, sharedTemplateVariables } from './mail/overrides.js';
export { MetricsRegistry } from './metrics/registry.js';
export type { Counter, Gauge, Histogram, LabelValues, MetricFamily, MetricSample, CounterOptions, GaugeOptions, HistogramOptions } from './metrics/registry.js';
export { signInOutcome } from './metrics/latch-metrics.js';
export type { SignInOutcomeLabel, RequestObservation } from './metrics/latch-metrics.js';
export type { Storage } from './storage/storage.js';
export { createDatabase, openDatabase, adoptDatabase, migrateDatabase, pendingMigrations } from './storage/database.js';
export type { OpenDatabaseOptions } from './storage/database.js';
export { defaultSchema, schemaNameProblem } from './storage/schema.js';
export type { Database, DatabaseKind, CreateDatabaseOptions } from './storage/database.js';
export { createKnexStorage } from './storage/knex/knex-storage.js';
export type { UserRecord, SessionRecord } from './storage/types.js';
export type { LatchHandler, LatchRequest, LatchResponse } from './http/handler.js';
export type { AuthState, AuthMethod } from './core/auth-state.js';
export type { PublicUser } from './accounts/view.js';
export type { AccountService } from './accounts/service.js';
export type { Services } from './core/services.js';
export type { Caller, SignInOutcome } from './core/sign-in.js';
export type { SessionService, SessionView } from './sessions/service.js';
export type { LatchApi, ApiContext, ServerSignInResult } from './server-api.js';
export { parseEmail } from './accounts/email.js';
export { checkPassword, passwordReasonCodes } from './passwords/policy.js';
export type { CheckPasswordOptions, PasswordCheck, PasswordPolicy, PasswordReasonCode } from './passwords/policy.js';
export { createBreachedPasswordLookup, noBreachedPasswordLookup } from './passwords/breached.js';
export type { BreachedCheckOutcome, BreachedPasswordLookup, BreachedPasswordLookupOptions } from './passwords/breached.js';
export type { ProvisionUserInput, ProvisionUserResult } from './admin/provisioning.js';
export { importRowErrors, importSkipReasons, maxImportBatch } from './admin/import.js';
export { adminRoles, readerRoles, writerRoles, canGrant, canManage } from './core/roles.js';
export type { AdminRole } from './core/roles.js';
export { isAllowedKind, kindPattern } from './core/kinds.js';
export { normalizePhoneNumber } from './accounts/phone.js';
export type { ImportedUser, ImportSkip, ImportSkipReason, ImportUsersInput, ImportUsersResult } from './admin/import.js';
export { hashFormats, inspectHash, toFirebaseScryptHash } from './passwords/hash-formats/index.js';
export type { FirebaseHashParameters, HashFormat, HashInspection } from './passwords/hash-formats/index.js';
export type { KeysApi, LatchOptions } from './latch.js';
export { defaultFeatures } from './latch.js';
export { twoFactorFeature } from './two-factor/feature.js';
export { apiKeysFeature } from './api-keys/feature.js';
export { sshKeysFeature } from './ssh-keys/feature.js';
export { accessTokensFeature } from './tokens/feature.js';
export { adminFeature } from './admin/feature.js';
export { webhooksFeature } from './webhooks/feature.js';
export type { WebhooksApi } from './webhooks/feature.js';
export type { WebhookStats } from './webhooks/worker.js';
export type { WebhookDelivery } from './webhooks/repository.js';
export { verifyWebhookSignature, signatureHeader } from './webhooks/signature.js';
export type { VerifyWebhookSignatureOptions } from './webhooks/signature.js';
export { organizationsFeature } from './organizations/feature.js';
export type { OrganizationsApi, MemberListQuery } from './organizations/api.js';
export type { OrganizationView, OrganizationMemberView, OrganizationInvitationView, OrganizationActivityEvent } from './organizations/views.js';
export { builtInOrganizationRoles, organizationPermissions } from './organizations/roles.js';
export type { OrganizationRole } from './organizations/roles.js';
export type { OrganizationsConfig } from './config.js';
export type { OrganizationGrant, OrganizationSummary } from './core/organizations.js';
export { AlreadyMemberError, InvitationMismatchError, LastOwnerError, SlugTakenError } from './errors.js';
export { latchEventTypes } from './events/types.js';
export type {
  LatchEvent, AnyLatchEvent, LatchEventMap, LatchEventType, SessionRevokedReason, UserCreatedSource, UserField, UserChanges,
} from './events/types.js';
export type { LatchEvents, EventEmitter, EventHandler, EventSink } from './events/bus.js';
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
export type { LatchAuth, LatchAuthUser, RequireAuthOptions, AuthRequest, AuthOutcome, RequireAuthLatch } from './adapters/require-auth.js';
export type { FetchHandler, FetchRequestInfo } from './adapters/fetch.js';
export type { MountableLatch, MountOptions } from './adapters/mount.js';
