import { z } from 'zod';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { AccountHooks } from '../core/feature.js';
import type { Services } from '../core/services.js';
import type { Caller } from '../core/sign-in.js';
import { PasswordReusedError } from '../errors.js';
import { named } from '../response-schemas.js';
import { pageUrl } from './links.js';
import { endOtherSignIns } from './sign-out-everywhere.js';
import { requireStrongPassword } from './validation.js';

/** What the client should lead the person to next, after securing the account. */
export const secureAccountNextStepSchema = named('SecureAccountNextStep', z.enum([
  /** No second factor is on: set one up, so a password alone no longer opens the account. */
  'set_up_two_factor',
  /** No new password was given: the old one no longer signs in, so choose one now. */
  'change_password',
  /** Second factors stay as they are: check that every authenticator and passkey is the person's own. */
  'review_second_factors',
]));

/** `POST /me/secure-account`: what was done, and what to do next. */
export const securedAccountSchema = named('SecuredAccount', z.object({
  /** Other sessions signed out (the caller's own stays). */
  revokedSessions: z.number().int(),
  /** API keys revoked (0 without the api-keys feature). */
  revokedApiKeys: z.number().int(),
  /** The password was replaced by `newPassword`. */
  passwordChanged: z.boolean(),
  /** No `newPassword` was given: the old password no longer signs in until it is changed or reset. */
  passwordChangeRequired: z.boolean(),
  /** Whether an authenticator app, sign-in codes by email or a passkey protects the account. */
  twoFactorEnabled: z.boolean(),
  next: z.array(secureAccountNextStepSchema),
}));

/** What securing an account did. */
export type SecuredAccount = z.infer<typeof securedAccountSchema>;

/** Options of {@link AccountSecurity}. */
export interface AccountSecurityOptions {
  /** Whether second factors can be set up here (the two-factor feature is installed). */
  secondFactorsAvailable: boolean;
}

/**
 * "Secure my account": for an owner who fears someone else got in. In one transaction it signs
 * out every other session, revokes every API key (through the features' `accountSecured` hooks),
 * voids pending second-factor sign-ins and every emailed link, and either sets the new password or
 * marks the old one as no longer signing in; one notice email and one `account.secured` audit event.
 */
export class AccountSecurity {
  constructor(
    private readonly s: Services,
    private readonly hooks: Pick<AccountHooks, 'accountSecured'>,
    private readonly options: AccountSecurityOptions,
  ) {}

  /**
   * Secures the caller's account (a reauthenticated session). A `newPassword` is checked like every
   * password set (`weak_password`, `password_reused`) before anything changes.
   */
  async secure(caller: Caller, input: { newPassword?: string | undefined }, ctx: RequestContext): Promise<SecuredAccount> {
    const { hasher, limits } = this.s;
    const user = caller.user;
    let passwordHash: string | null = null;
    if (input.newPassword !== undefined) {
      await requireStrongPassword(input.newPassword, this.s, [user.email, user.displayName]);
      // The password being replaced may be the one someone else knows: it cannot be the new one.
      if (user.passwordHash && await hasher.verify(user.passwordHash, input.newPassword)) throw new PasswordReusedError();
      passwordHash = await hasher.hash(input.newPassword);
    }
    // Each run mails the owner: a session holder cannot flood their inbox.
    await limits.emailPerAddress.consume(`secure:${user.id}`);
    const summary = await this.s.secondFactor.summary(user);
    const twoFactorEnabled = summary.totp || summary.email || summary.passkeys > 0;
    const now = this.s.clock.now();
    const done = await this.s.storage.transaction(async (tx) => {
      // Serializes with sign-ins and other account changes of this user.
      const locked = (await tx.users.lockForUpdate(user.id)) ?? user;
      const revokedSessions = await endOtherSignIns(this.s, tx, user.id, caller.session?.id);
      const revoked = await this.hooks.accountSecured(tx, user.id);
      const revokedApiKeys = revoked.apiKeysRevoked ?? 0;
      // Every emailed link is a way in (a verification link signs in too).
      await tx.emailTokens.voidForUser(user.id, ['reset_password', 'change_email', 'invitation', 'verify_email'], now);
      if (passwordHash) {
        await tx.users.setPasswordHash(user.id, passwordHash, now);
        await tx.users.setPasswordChangeRequired(user.id, null, now);
        await this.s.events.emit(tx, 'password.changed', { userId: user.id, how: 'changed' });
      } else {
        await tx.users.setPasswordChangeRequired(user.id, now, now);
      }
      await recordAudit(tx, this.s.clock, {
        type: 'account.secured', userId: user.id,
        detail: { revokedSessions, revokedApiKeys, passwordChanged: passwordHash !== null, passwordChangeRequired: passwordHash === null },
      }, ctx);
      await this.s.outbox.enqueue(tx, locked.email, 'accountSecured', {
        name: locked.displayName, revokedSessions, revokedApiKeys, passwordChanged: passwordHash !== null, twoFactorEnabled,
        settingsUrl: pageUrl(this.s.config, 'settings'),
      }, ctx);
      await this.s.sessions.userChanged(tx, user.id);
      return { revokedSessions, revokedApiKeys };
    });
    // A new password is proof of presence, as after a password change.
    if (passwordHash && caller.session) await this.s.sessions.markAuthenticated(caller.session.id);
    const next: SecuredAccount['next'] = [];
    if (passwordHash === null) next.push('change_password');
    if (!twoFactorEnabled && this.options.secondFactorsAvailable) next.push('set_up_two_factor');
    if (twoFactorEnabled) next.push('review_second_factors');
    return {
      ...done, passwordChanged: passwordHash !== null, passwordChangeRequired: passwordHash === null, twoFactorEnabled, next,
    };
  }
}
