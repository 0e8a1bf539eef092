import type { LatchFeature } from '../core/feature.js';
import { findAccount } from './authorized-keys.js';
import { sshKeyMigrations } from './migrations.js';
import { sshKeyRoutes } from './routes.js';
import { SshKeyService } from './service.js';

/** What host code reaches of the SSH-keys feature (`latch.keys.sshKeys`, `latch.authorizedKeys`). */
export interface SshKeysApi {
  readonly sshKeys: SshKeyService;
  /**
   * A user's SSH keys in authorized_keys format, by user id or login email (what
   * `latch-server authorized-keys USER` prints for sshd's `AuthorizedKeysCommand`).
   * @throws NotFoundError when no account matches.
   */
  authorizedKeys(userIdOrEmail: string): Promise<string>;
}

/** SSH public keys: validated as OpenSSH does, unique across accounts, served to sshd. */
export function sshKeysFeature(): LatchFeature<SshKeysApi> {
  return {
    name: 'ssh-keys',
    migrations: sshKeyMigrations,
    setup({ services }) {
      const sshKeys = new SshKeyService(services);
      return {
        api: { sshKeys, authorizedKeys: async (userIdOrEmail) => sshKeys.authorizedKeys(await findAccount(services.storage, userIdOrEmail)) },
        routes: sshKeyRoutes(services, sshKeys),
      };
    },
  };
}
