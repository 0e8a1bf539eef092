import type { Caller } from '../core/sign-in.js';
import type { RequestContext } from '../context.js';
import { InvalidCodeError, NotFoundError } from '../errors.js';
import type { CodeVerifier } from './codes.js';
import type { TwoFactorDeps } from './deps.js';
import type { EmailCodes } from './email-code.js';
import type { EnableResult, Enrollment } from './enrollment.js';
import { factorNotices, sendFactorNotice } from './notices.js';

/**
 * Sign-in codes by email, the weakest second factor (a mailbox is often protected by the same
 * password). Deployments turn it off with `twoFactor.emailEnabled: false`; then these operations
 * answer 404 and the flag stops counting as a factor.
 */
export class EmailFactor {
  constructor(
    private readonly deps: TwoFactorDeps,
    private readonly enrollment: Enrollment,
    private readonly codes: CodeVerifier,
    private readonly emailCodes: EmailCodes,
  ) {}

  private requireAllowed(): void {
    if (!this.deps.services.config.twoFactor.emailEnabled) throw new NotFoundError({ detail: 'Email codes are turned off on this server.' });
  }

  /** Turns email codes on (reauthenticated). */
  async enable(caller: Caller, ctx: RequestContext): Promise<EnableResult> {
    const { services } = this.deps;
    this.requireAllowed();
    const prepared = await this.enrollment.prepareFirstCodes(caller.user.id);
    const result = await services.storage.transaction(async (tx) => {
      const user = (await tx.users.lockForUpdate(caller.user.id))!;
      if (user.emailTwoFactor) return { backupCodesRemaining: await this.deps.stores(tx).backupCodes.countUnusedBackupCodes(user.id) };
      await tx.users.setEmailTwoFactor(user.id, true, this.deps.now());
      const issued = await this.enrollment.issueFirstCodes(tx, user.id, prepared);
      await sendFactorNotice(this.deps, tx, user, factorNotices.enabled('email'), ctx);
      await services.sessions.userChanged(tx, user.id);
      return issued;
    });
    return result;
  }

  /** Emails a code that confirms a sensitive change (accepted wherever a second-factor `code` is). */
  async sendConfirmationCode(caller: Caller, ctx: RequestContext): Promise<void> {
    const { services } = this.deps;
    this.requireAllowed();
    await services.storage.transaction(async (tx) => {
      const user = await tx.users.findById(caller.user.id);
      if (!user?.emailTwoFactor) throw new NotFoundError({ detail: 'Email codes are not turned on for this account.' });
      await this.emailCodes.sendForReauth(tx, user, ctx);
    });
  }

  /** Turns email codes off with a code from any enabled factor (emailed, authenticator app or backup). */
  async disable(caller: Caller, code: string, ctx: RequestContext): Promise<void> {
    this.requireAllowed();
    const user = await this.deps.services.storage.users.findById(caller.user.id);
    if (!user?.emailTwoFactor) throw new NotFoundError({ detail: 'Email codes are not turned on for this account.' });
    const used = await this.codes.verifyAndUse(user, code, ['email', 'totp', 'backup_code'], ctx, async (tx) => {
      await tx.users.setEmailTwoFactor(user.id, false, this.deps.now());
      await sendFactorNotice(this.deps, tx, user, factorNotices.disabled('email'), ctx);
      await this.enrollment.afterFactorRemoved(tx, user.id);
    });
    if (!used) throw new InvalidCodeError();
  }
}
