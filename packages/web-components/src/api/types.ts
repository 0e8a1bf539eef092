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
