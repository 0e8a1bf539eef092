import type { SignInOutcome } from '../core/sign-in.js';
import type { RequestContext } from '../context.js';
import { AccountDisabledError, ChallengeExpiredError, InvalidCodeError, ValidationFailedError } from '../errors.js';
import type { AttemptBudget } from './attempts.js';
import type { PendingSignIns } from './challenge.js';
import { CodeAlreadyUsed, type CodeKind, type CodeVerifier } from './codes.js';
import type { TwoFactorDeps } from './deps.js';
import type { EmailCodes } from './email-code.js';
import { loadFactors, signInMethods } from './factors.js';

/** How each second step is named in the session's audit record. */
const sessionMethod: Record<CodeKind, string> = { totp: 'totp', email: 'email_code', backup_code: 'backup_code' };

/**
 * The second step of a password sign-in with a code: `POST /sign-in/two-factor` and the email
 * (re)send. The pending sign-in comes from the challenge cookie only.
 */
export class SecondStepSignIn {
  constructor(
    private readonly deps: TwoFactorDeps,
    private readonly pending: PendingSignIns,
    private readonly budget: AttemptBudget,
    private readonly codes: CodeVerifier,
    private readonly emailCodes: EmailCodes,
  ) {}

  private async pendingUser(challengeToken: string | undefined) {
    const challenge = await this.pending.require(challengeToken);
    const user = await this.deps.services.storage.users.findById(challenge.userId);
    if (!user) throw new ChallengeExpiredError();
    if (user.disabledAt) throw new AccountDisabledError();
    const methods = signInMethods(await loadFactors(this.deps.stores(this.deps.services.storage), this.deps.services.config, user));
    return { challenge, user, methods };
  }

  /**
   * Completes a pending sign-in with a code. The attempt is counted first; a wrong or replayed
   * code is `invalid_code`; on success the pending sign-in and the code are used up and the
   * session created in one transaction.
   */
  async withCode(challengeToken: string | undefined, method: CodeKind, code: string, ctx: RequestContext): Promise<SignInOutcome> {
    const { services, sessions } = this.deps;
    const { challenge, user, methods } = await this.pendingUser(challengeToken);
    if (!methods.includes(method)) {
      throw new ValidationFailedError({ errors: [{ field: 'method', code: 'method_unavailable', message: `This sign-in cannot be completed with ${method}; use one of: ${methods.join(', ')}.` }] });
    }
    const attempts = await this.budget.reserve(user.id, challenge);
    const proof = await this.codes.check(user, method, code, { stage: 'sign_in', challengeId: challenge.id });
    if (!proof) {
      await this.budget.failed(user, method, ctx, { challenge, attempts });
      throw new InvalidCodeError();
    }
    let outcome: SignInOutcome;
    try {
      outcome = await services.storage.transaction(async (tx) => {
        await this.pending.complete(tx, challenge);
        if (!(await this.codes.consume(tx, user, proof, ctx, 'sign_in'))) throw new CodeAlreadyUsed();
        return sessions.issue(tx, user, ctx, sessionMethod[method]);
      });
    } catch (error) {
      if (!(error instanceof CodeAlreadyUsed)) throw error;
      await this.budget.failed(user, method, ctx, { challenge, attempts });
      throw new InvalidCodeError();
    }
    await this.budget.succeeded(user.id);
    return outcome;
  }

  /** Emails a new sign-in code for the pending sign-in (voiding the previous one). */
  async sendEmailCode(challengeToken: string | undefined, ctx: RequestContext): Promise<void> {
    const { services } = this.deps;
    const { challenge, user, methods } = await this.pendingUser(challengeToken);
    if (!methods.includes('email')) {
      throw new ValidationFailedError({ errors: [{ field: 'method', code: 'method_unavailable', message: 'Email codes are not available for this sign-in.' }] });
    }
    await services.storage.transaction((tx) => this.emailCodes.sendForSignIn(tx, user, challenge, ctx));
  }
}
