import type { Services } from '../core/services.js';
import type { LatchEventMap } from '../events/types.js';
import type { Storage } from '../storage/storage.js';
import { apiKeyStore } from './repository.js';

/**
 * Deletes every API key of a user in the caller's transaction and tells every process to refuse
 * them from the next request on. Used when an account is disabled: a key is revoked, not paused,
 * so enabling the account later brings none back. Returns the revoked key ids;
 * each is announced as `api_key.revoked` with `reason`.
 */
export async function revokeAllApiKeys(
  services: Services, tx: Storage, userId: string, reason: LatchEventMap['api_key.revoked']['reason'] = 'account_disabled',
): Promise<string[]> {
  const ids = await tx.store(apiKeyStore).deleteAllForUser(userId);
  if (ids.length > 0) await services.revocations.publish(tx, { apiKeyIds: ids });
  for (const apiKeyId of ids) await services.events.emit(tx, 'api_key.revoked', { userId, apiKeyId, reason });
  return ids;
}
