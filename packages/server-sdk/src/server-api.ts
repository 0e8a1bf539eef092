import type { AccountService } from './accounts/service.js';
import { signInResult, type SignInResultBody } from './accounts/sign-in-result.js';
import { toPublicUser, type PublicUser } from './accounts/view.js';
import { parseEmail } from './accounts/email.js';
import type { LatchAuth } from './core/auth-state.js';
import type { Services } from './core/services.js';
import type { SignInOutcome } from './core/sign-in.js';
import { systemContext, type RequestContext } from './context.js';
import { NotFoundError, UnauthenticatedError } from './errors.js';
import { serializeCookie } from './http/cookies.js';
import type { LatchHandler } from './http/handler.js';
import type { HeaderMap } from './http/request-facts.js';
import type { SessionView } from './sessions/service.js';

/**
 * Who is asking, for server-side calls: the client's address and browser when the call serves one
 * of its requests (rate limits and the activity log use them). Defaults: no address, no browser.
 */
export type ApiContext = Partial<RequestContext>;

/** A sign-in as a server-side call answers it: the HTTP body, plus the cookies to set on the browser. */
export type ServerSignInResult = SignInResultBody & {
  /** `Set-Cookie` header values: the session cookie, or the pending second-factor challenge. */
  setCookie: string[];
};

/**
 * Latch's account operations for server-side code (server actions, jobs, admin tools), typed and
 * with the same rules, rate limits, audit trail and emails as the HTTP API.
 * @example
 * const user = await latch.api.signUp({ email: 'ada@example.com', password: 'violet-harbor-engine-42', displayName: 'Ada' });
 * const auth = await latch.api.getSession({ headers: request.headers });
 */
export interface LatchApi {
  /** Registers an account and mails a verification link; an address already taken gets the same answer. */
  signUp(input: { email: string; password: string; displayName?: string; captchaToken?: string }, context?: ApiContext): Promise<PublicUser>;
  /** Checks an email and password: a session (its cookie in `setCookie`), or the second factor to ask for. */
  signIn(input: { email: string; password: string; captchaToken?: string }, context?: ApiContext): Promise<ServerSignInResult>;
  /** Completes verification with the emailed token and signs the user in (second-factor rules apply). */
  verifyEmail(token: string, context?: ApiContext): Promise<ServerSignInResult>;
  /** Sends a new verification link when the address has an unverified account. */
  resendVerification(email: string, context?: ApiContext): Promise<void>;
  /** Sends a reset link when the address has an account; answers the same either way. */
  forgotPassword(email: string, context?: ApiContext): Promise<void>;
  /** Sets a new password with a reset token: every session of the user is revoked. */
  resetPassword(input: { token: string; newPassword: string }, context?: ApiContext): Promise<void>;
  /** An account by id, or null. */
  getUser(id: string): Promise<PublicUser | null>;
  /** An account by login email (compared case-insensitively), or null. */
  getUserByEmail(email: string): Promise<PublicUser | null>;
  /**
   * The caller of a request by its headers (session cookie, API key or access token), or null when
   * it carries no valid credentials. The same caller `requireAuth` hands over.
   */
  getSession(request: { headers: HeaderMap | Headers }): Promise<LatchAuth | null>;
  /** Changes a user's display name. @throws NotFoundError for an unknown id */
  updateProfile(userId: string, changes: { displayName?: string }, context?: ApiContext): Promise<PublicUser>;
  /** A user's live sessions, newest first. */
  listSessions(userId: string): Promise<SessionView[]>;
  /** Ends one session of the user; false when it is not theirs or already gone. */
  revokeSession(userId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the user (sign-out everywhere); returns how many. */
  revokeAllSessions(userId: string): Promise<number>;
}

/** What {@link createServerApi} is built from. */
export interface ServerApiParts {
  services: Services;
  accounts: AccountService;
  handler: Pick<LatchHandler, 'identify'>;
}

const contextOf = (context: ApiContext = {}): RequestContext => ({ ...systemContext('api'), ...context });

const headerMapOf = (headers: HeaderMap | Headers): HeaderMap => {
  if (!(headers instanceof Headers)) return headers;
  const map: HeaderMap = {};
  headers.forEach((value, name) => { map[name] = value; });
  return map;
};

/** The typed facade over the account and session services (`latch.api`). */
export function createServerApi({ services, accounts, handler }: ServerApiParts): LatchApi {
  const { storage, sessions, config } = services;
  const signedIn = (outcome: SignInOutcome): ServerSignInResult => {
    const result = signInResult(services, outcome);
    return { ...result.body!, setCookie: (result.cookies ?? []).map((cookie) => serializeCookie(cookie, config.secure)) };
  };
  return {
    signUp: (input, context) => accounts.signUp(input, contextOf(context)),
    signIn: async (input, context) => signedIn(await accounts.signIn(input, contextOf(context))),
    verifyEmail: async (token, context) => signedIn(await accounts.verifyEmail(token, contextOf(context))),
    resendVerification: (email, context) => accounts.resendVerification(email, contextOf(context)),
    forgotPassword: (email, context) => accounts.forgotPassword({ email }, contextOf(context)),
    resetPassword: (input, context) => accounts.resetPassword(input, contextOf(context)),
    async getUser(id) {
      const user = await storage.users.findById(id);
      return user ? toPublicUser(user) : null;
    },
    async getUserByEmail(email) {
      const parsed = parseEmail(email);
      if (!parsed) return null;
      const user = await storage.users.findByEmail(parsed.normalized);
      return user ? toPublicUser(user) : null;
    },
    async getSession(request) {
      try {
        return await handler.identify({ method: 'GET', headers: headerMapOf(request.headers), remoteAddress: null });
      } catch (error) {
        if (error instanceof UnauthenticatedError) return null;
        throw error;
      }
    },
    async updateProfile(userId, changes, context) {
      const user = await storage.users.findById(userId);
      if (!user) throw new NotFoundError({ detail: 'No such user.' });
      return accounts.updateProfile({ user, session: null }, changes, contextOf(context));
    },
    listSessions: (userId) => sessions.list(userId, null),
    revokeSession: (userId, sessionId) => storage.transaction((tx) => sessions.revoke(tx, userId, sessionId)),
    revokeAllSessions: (userId) => storage.transaction((tx) => sessions.revokeAll(tx, userId)),
  };
}
