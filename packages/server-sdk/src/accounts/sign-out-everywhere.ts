import type { Services } from '../core/services.js';
import type { Storage } from '../storage/storage.js';

/**
 * Ends every way into the account that was opened before now, in the caller's transaction:
 * sessions (all but `keepSessionId`) and pending second-factor sign-ins, which an intruder who
 * knew the old password may be holding. Returns how many sessions were revoked.
 */
export async function endOtherSignIns(services: Services, tx: Storage, userId: string, keepSessionId?: string): Promise<number> {
  const revoked = await services.sessions.revokeAll(tx, userId, keepSessionId);
  await services.secondFactor.voidPending(tx, userId);
  return revoked;
}

/**
 * Voids every outstanding emailed link that could set a password or move the login email
 * (reset, email change, invitation). Called whenever a password is set, so a leftover link can
 * never take the account over afterwards.
 */
export async function voidAccountLinks(tx: Storage, userId: string, now: Date): Promise<void> {
  await tx.emailTokens.voidForUser(userId, ['reset_password', 'change_email', 'invitation'], now);
}
