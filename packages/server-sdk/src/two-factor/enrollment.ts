import { z } from 'zod';
import type { Caller } from '../core/sign-in.js';
import { named } from '../response-schemas.js';
import type { RequestContext } from '../context.js';
import { ConflictError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import { prepareBackupCodes, type PreparedBackupCodes } from './backup-codes.js';
import type { TwoFactorDeps } from './deps.js';
import { hasSecondFactor, loadFactors } from './factors.js';
import { factorNotices, sendFactorNotice } from './notices.js';

/** What enabling a factor answers: new backup codes when this was the user's first factor. */
export const enableResultSchema = named('FactorEnabled', z.object({
  /** Shown once; present only when a new set was issued. */
  backupCodes: z.array(z.string()).optional(),
  backupCodesRemaining: z.number().int(),
}));

/** What enabling a factor answers: new backup codes when this was the user's first factor. */
export type EnableResult = z.infer<typeof enableResultSchema>;

/** `POST /me/two-factor/backup-codes`: a new set, shown once. */
export const backupCodesSchema = named('BackupCodes', z.object({ backupCodes: z.array(z.string()) }));

/**
 * Backup codes over a user's factor lifecycle: issued with the first factor, regenerated on
 * request, voided with the last factor.
 */
export class Enrollment {
  constructor(private readonly deps: TwoFactorDeps) {}

  /** Hashes a new set ahead of a transaction when the user has no unused codes (hashing is slow). */
  async prepareFirstCodes(userId: string): Promise<PreparedBackupCodes | null> {
    const { services, policy } = this.deps;
    if ((await this.deps.stores(services.storage).backupCodes.countUnusedBackupCodes(userId)) > 0) return null;
    return prepareBackupCodes(services.hasher, policy.backupCodeCount);
  }

  /** Stores a prepared set in the caller's transaction, unless codes appeared meanwhile. */
  async issueFirstCodes(tx: Storage, userId: string, prepared: PreparedBackupCodes | null): Promise<EnableResult> {
    const stores = this.deps.stores(tx);
    const remaining = await stores.backupCodes.countUnusedBackupCodes(userId);
    if (!prepared || remaining > 0) return { backupCodesRemaining: remaining };
    await stores.backupCodes.replaceBackupCodes(userId, prepared.hashes, this.deps.now());
    return { backupCodes: prepared.codes, backupCodesRemaining: prepared.codes.length };
  }

  /**
   * A new set of backup codes (reauthenticated); the old set stops working in the same
   * transaction. Only for users with a second factor: the codes back one up.
   */
  async regenerate(caller: Caller, ctx: RequestContext): Promise<string[]> {
    const { services, policy } = this.deps;
    const prepared = await prepareBackupCodes(services.hasher, policy.backupCodeCount);
    await services.storage.transaction(async (tx) => {
      const user = (await tx.users.lockForUpdate(caller.user.id))!;
      if (!hasSecondFactor(await loadFactors(this.deps.stores(tx), services.config, user))) {
        throw new ConflictError({ detail: 'Set up a second factor first; backup codes stand in for it.' });
      }
      await this.deps.stores(tx).backupCodes.replaceBackupCodes(user.id, prepared.hashes, this.deps.now());
      await sendFactorNotice(this.deps, tx, user, factorNotices.backupCodesRegenerated(), ctx);
      await services.sessions.userChanged(tx, user.id);
    });
    return prepared.codes;
  }

  /** After a factor was removed (in the caller's transaction): with no factor left, the backup codes go too. */
  async afterFactorRemoved(tx: Storage, userId: string): Promise<void> {
    const user = await tx.users.findById(userId);
    if (!user) return;
    const stores = this.deps.stores(tx);
    if (!hasSecondFactor(await loadFactors(stores, this.deps.services.config, user))) await stores.backupCodes.deleteBackupCodes(userId);
    await this.deps.services.sessions.userChanged(tx, userId);
  }
}
