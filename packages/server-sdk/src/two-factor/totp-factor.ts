import { z } from 'zod';
import type { Caller } from '../core/sign-in.js';
import { named } from '../response-schemas.js';
import type { RequestContext } from '../context.js';
import { InvalidCodeError, NotFoundError } from '../errors.js';
import type { CodeVerifier } from './codes.js';
import type { TwoFactorDeps } from './deps.js';
import type { EnableResult, Enrollment } from './enrollment.js';
import { factorNotices, sendFactorNotice } from './notices.js';
import { createTotpSecret, matchTotpStep, totpQrSvg, totpUri } from './totp.js';

/** What the set-up screen shows: the secret to type, the Key URI and its QR code. */
export const totpSetupSchema = named('TotpSetup', z.object({
  /** Base32, for typing into the app by hand. */
  secret: z.string(),
  /** The `otpauth://totp/…` Key URI. */
  otpauthUri: z.string(),
  /** The Key URI as a QR code, an SVG document. */
  qrSvg: z.string(),
}));

/** What the set-up screen shows: the secret to type, the Key URI and its QR code. */
export type TotpSetup = z.infer<typeof totpSetupSchema>;

/**
 * Authenticator apps: set-up (reauthenticated) stores a new secret as pending; it becomes active
 * only when the user proves a code from it. Setting up again while one is active replaces it on
 * confirmation. Disabling takes a current code or a backup code.
 */
export class TotpFactor {
  constructor(private readonly deps: TwoFactorDeps, private readonly enrollment: Enrollment, private readonly codes: CodeVerifier) {}

  /** Starts a set-up: a new 160-bit secret, sealed at rest, returned once with its URI and QR code. */
  async setup(caller: Caller, ctx: RequestContext): Promise<TotpSetup> {
    const { services, policy } = this.deps;
    const secret = createTotpSecret();
    const now = this.deps.now();
    await this.deps.stores(services.storage).totp.setPendingTotp(caller.user.id, this.deps.totpBox.seal(secret), new Date(now.getTime() + policy.totpSetupTtlSeconds * 1000), now);
    const otpauthUri = totpUri({ secret, issuer: services.config.twoFactor.issuer, account: caller.user.email });
    return { secret, otpauthUri, qrSvg: await totpQrSvg(otpauthUri) };
  }

  /** Confirms a set-up with a code from the new secret; the code's time step counts as used. */
  async enable(caller: Caller, code: string, ctx: RequestContext): Promise<EnableResult> {
    const { services } = this.deps;
    const user = caller.user;
    const now = this.deps.now();
    const record = await this.deps.stores(services.storage).totp.findTotp(user.id);
    if (!record?.pendingSecretSealed || !record.pendingExpiresAt || record.pendingExpiresAt <= now) {
      throw new InvalidCodeError({ detail: 'No authenticator app is being set up. Start the set-up again.' });
    }
    const step = matchTotpStep(this.deps.totpBox.open(record.pendingSecretSealed), code, now);
    if (step === null) throw new InvalidCodeError();
    const replaced = Boolean(record.enabledAt);
    const prepared = await this.enrollment.prepareFirstCodes(user.id);
    const result = await services.storage.transaction(async (tx) => {
      if (!(await this.deps.stores(tx).totp.activatePendingTotp(user.id, record.pendingSecretSealed!, step, now))) throw new InvalidCodeError();
      const issued = await this.enrollment.issueFirstCodes(tx, user.id, prepared);
      await sendFactorNotice(this.deps, tx, user, factorNotices.enabled('totp', replaced), ctx);
      await services.sessions.userChanged(tx, user.id);
      return issued;
    });
    return result;
  }

  /** Turns the authenticator app off with a current code from it or a backup code. */
  async disable(caller: Caller, code: string, ctx: RequestContext): Promise<void> {
    const { services } = this.deps;
    const user = caller.user;
    const record = await this.deps.stores(services.storage).totp.findTotp(user.id);
    if (!record?.enabledAt) throw new NotFoundError({ detail: 'No authenticator app is set up.' });
    const used = await this.codes.verifyAndUse(user, code, ['totp', 'backup_code'], ctx, async (tx) => {
      await this.deps.stores(tx).totp.deleteTotp(user.id);
      await sendFactorNotice(this.deps, tx, user, factorNotices.disabled('totp'), ctx);
      await this.enrollment.afterFactorRemoved(tx, user.id);
    });
    if (!used) throw new InvalidCodeError();
  }
}
