import type { Storage } from '../storage/storage.js';
import type { AdminHolder } from './rules.js';

/**
 * Locks every account holding `super_admin` or `admin` until the transaction ends, in id order
 * (so concurrent changes queue instead of deadlocking), and returns their state. Two concurrent
 * demotions therefore see each other's outcome and cannot together remove the last administrator.
 */
export async function lockAdministrators(tx: Storage): Promise<AdminHolder[]> {
  return tx.users.lockHoldersOf(['super_admin', 'admin']);
}
