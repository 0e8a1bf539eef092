import { z } from 'zod';
import { pageUrl } from '../accounts/links.js';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { AuthState } from '../core/auth-state.js';
import { defineRoute, type RouteDefinition } from '../core/route.js';
import { canManage, writerRoles } from '../core/roles.js';
import type { SecondFactorGate, SecondFactorSummary } from '../core/second-factor.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { reauthBody } from '../http/fields.js';
import type { LatchEventMap } from '../events/types.js';
import type { TwoFactorDeps } from './deps.js';

/** What removing a user's second factors took away. */
export interface RemovedFactors {
  totp: boolean;
  email: boolean;
  passkeys: number;
  backupCodes: number;
}

/**
 * Removes every second factor of an account on an administrator's request (the owner lost their
 * phone and backup codes): the authenticator app, sign-in codes by email, every passkey and every
 * backup code, and any pending sign-in waiting for one of them, in one transaction. The owner is
 * told by email, the audit trail records `admin.two_factor_removed` with the actor, each removed
 * method is announced as `two_factor.changed`, and every process drops what it cached of the
 * account. An account without second factors is left as it is.
 * @throws NotFoundError for an unknown account; ForbiddenError when the actor may not manage it
 */
export async function removeSecondFactorsByAdmin(deps: TwoFactorDeps, actor: AuthState['user'], userId: string, ctx: RequestContext): Promise<RemovedFactors | null> {
  const { services } = deps;
  if (!z.uuid().safeParse(userId).success) throw new NotFoundError();
  return services.storage.transaction(async (tx) => {
    const target = await tx.users.lockForUpdate(userId);
    if (!target) throw new NotFoundError();
    if (target.id !== actor.id && !canManage(actor.roles, target.roles)) throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });
    const stores = deps.stores(tx);
    // Everything stored goes, whatever the configuration turns on now (a factor switched off in
    // configuration would otherwise come back with it).
    const removed: RemovedFactors = {
      totp: await stores.totp.deleteTotp(target.id),
      email: target.emailTwoFactor,
      passkeys: await stores.passkeys.deletePasskeys(target.id),
      backupCodes: await stores.backupCodes.deleteBackupCodes(target.id),
    };
    if (removed.email) await tx.users.setEmailTwoFactor(target.id, false, deps.now());
    if (!removed.totp && !removed.email && removed.passkeys === 0 && removed.backupCodes === 0) return null;
    await stores.challenges.voidChallengesForUser(target.id, deps.now());

    await recordAudit(tx, services.clock, { type: 'admin.two_factor_removed', userId: target.id, actorId: actor.id, detail: { actorId: actor.id, ...removed } }, ctx);
    const changes: Array<Omit<LatchEventMap['two_factor.changed'], 'userId'>> = [];
    if (removed.totp) changes.push({ method: 'totp', change: 'disabled' });
    if (removed.email) changes.push({ method: 'email', change: 'disabled' });
    if (removed.passkeys > 0) changes.push({ method: 'passkey', change: 'removed' });
    if (removed.backupCodes > 0) changes.push({ method: 'backup_codes', change: 'removed' });
    for (const change of changes) await services.events.emit(tx, 'two_factor.changed', { userId: target.id, ...change });
    await services.outbox.enqueue(tx, target.email, 'twoFactorRemovedByAdmin', {
      name: target.displayName, removedBy: actor.displayName || actor.email, settingsUrl: pageUrl(services.config, 'settings'),
    }, ctx);
    await services.sessions.userChanged(tx, target.id);
    return removed;
  });
}

/** `DELETE /admin/users/:id/two-factor`: administrators (reauthenticated) remove an account's second factors. */
export function twoFactorAdminRoutes(deps: TwoFactorDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: 'DELETE', path: '/admin/users/:id/two-factor', tag: 'Administration', auth: 'session', roles: writerRoles, reauth: true,
      summary: 'Removes every second factor of the account (authenticator app, email codes, passkeys, backup codes) and emails the owner; needs the administrator\'s reauthentication. Admins change only users, managers and viewers',
      body: reauthBody,
      responses: { 204: 'Removed (or there was nothing to remove)' },
      errors: ['forbidden', 'not_found', 'reauthentication_required'],
      handler: async ({ caller, params, ctx }) => {
        await removeSecondFactorsByAdmin(deps, caller.user, params.id!, ctx);
        return { status: 204 };
      },
    }),
  ];
}

/** What the two-factor feature tells administrators about an account (`GET /admin/users/:id`). */
export async function twoFactorFacts(deps: TwoFactorDeps, gate: SecondFactorGate, userId: string): Promise<{ twoFactor: SecondFactorSummary } | Record<string, never>> {
  const user = await deps.services.storage.users.findById(userId);
  return user ? { twoFactor: await gate.summary(user) } : {};
}
