import { recordAudit, type AuditEventType } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { LatchEventMap } from '../events/types.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { TwoFactorDeps } from './deps.js';

/** A change to a user's second factors: what the audit trail records and what the user is told. */
export interface FactorNotice {
  type: AuditEventType;
  /** Audit detail; never a secret, code or key. */
  detail: Record<string, unknown>;
  subject: string;
  message: string;
  /** For a change of the user's factors: the `two_factor.changed` event it is announced as. */
  change?: Omit<LatchEventMap['two_factor.changed'], 'userId'>;
}

const methodNames = { totp: 'An authenticator app', email: 'Sign-in codes by email' } as const;

/** The notices Latch sends about second factors. */
export const factorNotices = {
  enabled: (method: 'totp' | 'email', replaced = false): FactorNotice => ({
    type: 'two_factor.enabled',
    detail: replaced ? { method, replaced: true } : { method },
    subject: method === 'totp' ? 'Authenticator app set up' : 'Sign-in codes by email turned on',
    message: replaced
      ? 'A new authenticator app now protects your account; codes from the previous one no longer work.'
      : `${methodNames[method]} now protects your account as a second step at sign-in.`,
    change: { method, change: replaced ? 'replaced' : 'enabled' },
  }),
  disabled: (method: 'totp' | 'email'): FactorNotice => ({
    type: 'two_factor.disabled',
    detail: { method },
    subject: method === 'totp' ? 'Authenticator app removed' : 'Sign-in codes by email turned off',
    message: `${methodNames[method]} no longer protects your account.`,
    change: { method, change: 'disabled' },
  }),
  backupCodesRegenerated: (): FactorNotice => ({
    type: 'backup_codes.regenerated',
    detail: {},
    subject: 'New backup codes created',
    message: 'A new set of backup codes was created for your account. The earlier codes no longer work.',
    change: { method: 'backup_codes', change: 'regenerated' },
  }),
  backupCodeUsed: (remaining: number, during: 'sign_in' | 'reauth'): FactorNotice => ({
    type: 'backup_code.used',
    detail: { remaining, during },
    subject: 'A backup code was used',
    message: `A backup code was used to ${during === 'sign_in' ? 'sign in to' : 'confirm a change to'} your account. ${remaining} unused ${remaining === 1 ? 'code remains' : 'codes remain'}.`,
  }),
  passkeyAdded: (name: string): FactorNotice => ({
    type: 'passkey.added',
    detail: { name },
    subject: 'Passkey added',
    message: `A passkey named "${name}" was added to your account. It can sign in without a password.`,
    change: { method: 'passkey', change: 'added' },
  }),
  passkeyRemoved: (name: string): FactorNotice => ({
    type: 'passkey.removed',
    detail: { name },
    subject: 'Passkey removed',
    message: `The passkey named "${name}" was removed from your account.`,
    change: { method: 'passkey', change: 'removed' },
  }),
  secondStepFailed: (attempts: number): FactorNotice => ({
    type: 'two_factor.failed',
    detail: { attempts, noticeSent: true },
    subject: 'Someone entered your password',
    message: `Someone signed in with your password but failed the second step ${attempts} times. If this wasn't you, change your password now: your second factor stopped them, but your password is known.`,
  }),
} as const;

/**
 * Records a factor change in the audit trail, announces it (`two_factor.changed`) and queues the
 * notice email, all in the caller's transaction so none exists without the change.
 */
export async function sendFactorNotice(deps: TwoFactorDeps, tx: Storage, user: UserRecord, notice: FactorNotice, ctx: RequestContext): Promise<void> {
  const { services } = deps;
  await recordAudit(tx, services.clock, { type: notice.type, userId: user.id, detail: notice.detail }, ctx);
  if (notice.change) await services.events.emit(tx, 'two_factor.changed', { userId: user.id, ...notice.change });
  await services.outbox.enqueue(tx, user.email, 'securityNotice', { name: user.displayName, subject: notice.subject, message: notice.message }, ctx);
}
