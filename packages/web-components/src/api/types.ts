/**
 * Names for the shapes of the Latch HTTP API that the components read. Every one is an alias of
 * the generated contract (`generated/contract.ts`, made from the server's route definitions), so
 * none can drift from what the server sends.
 */
import type { ResponseOf, Schema } from './operations.js';

/** A second-factor method a sign-in can be completed with. */
export type SecondFactorMethod = Schema<'SecondFactorMethod'>;

/** The signed-in user, as the server describes it. */
export type User = Schema<'PublicUser'>;

/** `GET /config`: the public settings the components need. */
export type PublicConfig = Schema<'PublicConfig'>;

/** The second factors a user has, from `GET /me`. */
export type TwoFactorSummary = Schema<'SecondFactorSummary'>;

/** `GET /me`. */
export type Me = Schema<'Me'>;

/** A completed sign-in. */
export type SignedIn = Schema<'SignedIn'>;

/** A sign-in that waits for its second step. */
export type TwoFactorRequired = Schema<'TwoFactorRequired'>;

/** What the endpoints that can sign a person in answer. */
export type SignInResult = Schema<'SignInResult'>;

/**
 * `POST /verify-email` from a browser signed in as another account: the address is verified and
 * that other session is kept (no new session).
 */
export type VerifiedSessionKept = Schema<'VerifiedSessionKept'>;

/** What `POST /verify-email` answers. */
export type VerifyEmailResult = Schema<'VerifyEmailResult'>;

/** `POST /password/check`: the server's own policy applied to a candidate password. */
export type PasswordCheck = Schema<'PasswordCheck'>;

/** One login session of the user (`GET /me/sessions`). */
export type SessionInfo = Schema<'SessionInfo'>;

/** One API key (`GET /me/api-keys`); never the secret. */
export type ApiKeyInfo = Schema<'ApiKey'>;

/** One SSH public key (`GET /me/ssh-keys`). */
export type SshKeyInfo = Schema<'SshKey'>;

/** One passkey (`GET /me/passkeys`). */
export type PasskeyInfo = Schema<'Passkey'>;

/** One security event (`GET /me/activity`). */
export type ActivityEvent = Schema<'ActivityEvent'>;

/** `POST /me/two-factor/totp/setup`. */
export type TotpSetup = Schema<'TotpSetup'>;

/** `POST /me/secure-account`: what securing the account did, and what to do next. */
export type SecuredAccount = Schema<'SecuredAccount'>;

/** An account as administrators see it (`GET /admin/users`). */
export type AdminUser = Schema<'AdminUser'>;

/** One account with what the server's features know of it (`GET /admin/users/{id}`): second factors, session and API key counts, organizations. */
export type AdminUserDetail = Schema<'AdminUserDetail'>;

/** One audit event (`GET /admin/audit`, `GET /admin/users/{id}/activity`). */
export type AuditEvent = Schema<'AuditEvent'>;

/** The organization a session works in and the user's role there (`GET /me` `activeOrganization`). */
export type ActiveOrganization = NonNullable<Me['activeOrganization']>;

/** One organization of the signed-in user, with their role in it (`GET /orgs`). */
export type OrganizationChoice = ResponseOf<'/orgs', 'get'>['items'][number];

/** An organization (`GET /orgs/{id}`, `POST /orgs`). */
export type Organization = ResponseOf<'/orgs/{id}', 'get'>['organization'];

/** One member of an organization (`GET /orgs/{id}/members`): the account, the role and the organization's kind. */
export type OrganizationMember = ResponseOf<'/orgs/{id}/members', 'get'>['items'][number];

/** One pending invitation to an organization (`GET /orgs/{id}/invitations`). */
export type OrganizationInvitation = ResponseOf<'/orgs/{id}/invitations', 'get'>['items'][number];

/** What `POST /invitations/accept` answers. */
export type InvitationResult = ResponseOf<'/invitations/accept', 'post'>;

/** A paginated list, as every list of the API answers it. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Every list answer is a Page: this fails to compile if the contract's list shape changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const listsArePages: [
  Same<ResponseOf<'/me/sessions', 'get'>, Page<SessionInfo>>,
  Same<ResponseOf<'/me/activity', 'get'>, Page<ActivityEvent>>,
  Same<ResponseOf<'/me/api-keys', 'get'>, Page<ApiKeyInfo>>,
] = [true, true, true];
void listsArePages;
