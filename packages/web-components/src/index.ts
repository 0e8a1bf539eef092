/**
 * @latch/web-components: Lit custom elements for every Latch account and security flow.
 * Importing this module defines no tags; import `@latch/web-components/define.js` for that, or a
 * single `components/<name>/<name>.define.js`. English is built in; import
 * `@latch/web-components/locales/<code>.js` (`fr`, `de`) for another shipped language, or register
 * your own with {@link registerTranslation}.
 */
export { LatchProvider } from './components/provider/latch-provider.js';
export { LatchLoginForm } from './components/login-form/login-form.js';
export { LatchSignupForm } from './components/signup-form/signup-form.js';
export { LatchForgotPassword } from './components/forgot-password/forgot-password.js';
export { LatchResetPassword } from './components/reset-password/reset-password.js';
export { LatchVerifyEmail } from './components/verify-email/verify-email.js';
export { LatchConfirmEmail } from './components/confirm-email/confirm-email.js';
export { LatchAcceptInvite } from './components/accept-invite/accept-invite.js';
export { LatchSecuritySettings, securityPanels } from './components/security-settings/security-settings.js';
export type { SecurityPanel } from './components/security-settings/security-settings.js';
export { LatchProfilePanel } from './components/profile-panel/profile-panel.js';
export { LatchPasswordPanel } from './components/password-panel/password-panel.js';
export { LatchTwoFactorPanel } from './components/two-factor-panel/two-factor-panel.js';
export { LatchPasskeysPanel } from './components/passkeys-panel/passkeys-panel.js';
export { LatchSessionsPanel } from './components/sessions-panel/sessions-panel.js';
export { LatchApiKeysPanel } from './components/api-keys-panel/api-keys-panel.js';
export { LatchSshKeysPanel } from './components/ssh-keys-panel/ssh-keys-panel.js';
export { LatchActivityPanel } from './components/activity-panel/activity-panel.js';
export { LatchSecureAccountPanel } from './components/secure-account-panel/secure-account-panel.js';
export { LatchIdleTimeout } from './components/idle-timeout/idle-timeout.js';
export { LatchAdminUsers } from './components/admin-users/admin-users.js';
export { LatchOrganizationMembers } from './components/organization-members/organization-members.js';
export { LatchOrganizationSwitcher } from './components/organization-switcher/organization-switcher.js';
export { LatchCreateOrganization } from './components/organization-create/organization-create.js';
export { LatchElement } from './internal/latch-element.js';
export { LatchClient, LatchProblem } from './api/client.js';
export type { LatchClientOptions, FieldProblem, ClientProblemCode, RawOptions } from './api/client.js';
export type { BodyOf, BodyArgs, Method, Operation, OptionsArgs, PathsFor, RequestOptions, ResponseOf, Schema } from './api/operations.js';
export type { paths as LatchApiPaths, components as LatchApiComponents } from './api/generated/contract.js';
export type { LatchProblemCode } from './api/problem-codes.js';
export { problemStatus } from './api/problem-codes.js';
export { latchClientContext, latchSessionContext } from './api/context.js';
export type { LatchSessionState } from './api/context.js';
export type {
  ActivityEvent, AdminUser, ApiKeyInfo, AuditEvent, Me, Page, PasskeyInfo, PasswordCheck, PublicConfig, SecondFactorMethod, SecuredAccount, SessionInfo, SignedIn,
  SignInResult, SshKeyInfo, TotpSetup, TwoFactorRequired, TwoFactorSummary, User, VerifiedSessionKept, VerifyEmailResult,
} from './api/types.js';
export type {
  ActiveOrganization, InvitationResult, Organization, OrganizationChoice, OrganizationInvitation, OrganizationMember,
} from './api/types.js';
export { LatchSignedInEvent } from './events/signed-in.js';
export { LatchSignedOutEvent } from './events/signed-out.js';
export type { SignOutReason } from './events/signed-out.js';
export { LatchSignedUpEvent } from './events/signed-up.js';
export { LatchTwoFactorRequiredEvent } from './events/two-factor-required.js';
export { LatchErrorEvent } from './events/error.js';
export { LatchSessionChangeEvent } from './events/session-change.js';
export { LatchEmailChangedEvent } from './events/email-changed.js';
export { LatchAccountSecuredEvent } from './events/account-secured.js';
export { LatchAdminUserChangeEvent } from './events/admin-user-change.js';
export type { AdminUserAction } from './events/admin-user-change.js';
export { LatchOrganizationChangeEvent } from './events/organization-change.js';
export { LatchOrganizationCreatedEvent } from './events/organization-created.js';
export { turnstileOptions } from './internal/turnstile.js';
export {
  languageChain, lookupTranslation, pickLang, registeredLanguages, registerTranslation, resolveLang,
} from './locales/translation.js';
export type {
  AccountStrings, AdminStrings, CommonStrings, OrganizationStrings, PartialStrings, PartialTranslation, RegisterTranslationOptions, SettingsStrings, SignInStrings,
  Translation, TranslationArea,
} from './locales/translation.js';
