import { z } from 'zod';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import { DuplicateKeyError, LimitReachedError, NotFoundError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { SessionRecord, UserRecord } from '../storage/types.js';
import { formatAuthorizedKeys } from './authorized-keys.js';
import { parseSshPublicKey } from './parse.js';
import { sshKeyStore, type SshKeyRecord } from './repository.js';
import { isoTime, named } from '../response-schemas.js';

/** An SSH key as its owner sees it. */
export const sshKeyViewSchema = named('SshKey', z.object({
  id: z.string(),
  name: z.string(),
  /** The key type, e.g. `ssh-ed25519`. */
  type: z.string(),
  /** As `ssh-keygen -lf` prints it: `SHA256:…`. */
  fingerprint: z.string(),
  bits: z.number().int().nullable(),
  comment: z.string().nullable(),
  createdAt: isoTime,
}));

/** An SSH key as its owner sees it. */
export type SshKeyView = z.infer<typeof sshKeyViewSchema>;

/** What a user submits to register a key. */
export interface AddSshKeyInput {
  name: string;
  /** One OpenSSH public key line (the contents of a `.pub` file). */
  publicKey: string;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

/**
 * SSH public keys: validated on the way in, unique across all accounts (a key identifies one
 * person), capped per user under concurrency, and served in authorized_keys format.
 */
export class SshKeyService {
  constructor(private readonly s: Services) {}

  /** The user's keys, oldest first. */
  async list(userId: string): Promise<SshKeyView[]> {
    return (await this.s.storage.store(sshKeyStore).listForUser(userId)).map(toView);
  }

  /**
   * Registers a key for the user after proof of presence: a key is lasting shell access on every
   * server that reads keys from Latch. The key is parsed first, so a pasted private key is refused
   * before anything is stored; the user's row lock makes the cap hold under concurrent requests,
   * and the unique fingerprint decides races between accounts.
   * @throws InvalidSshKeyError, DuplicateKeyError, LimitReachedError, ReauthenticationRequiredError
   */
  async add(auth: { user: UserRecord; session: SessionRecord | null }, input: AddSshKeyInput, ctx: RequestContext): Promise<SshKeyView> {
    const parsed = parseSshPublicKey(input.publicKey);
    const caller = auth.user;
    const max = this.s.config.sshKeys.maxPerUser;
    try {
      const key = await this.s.storage.transaction(async (tx) => {
        const user = await tx.users.lockForUpdate(caller.id);
        if (!user || user.disabledAt) throw new NotFoundError();
        const repo = tx.store(sshKeyStore);
        const owner = await repo.ownerOf(parsed.fingerprint);
        if (owner) {
          throw new DuplicateKeyError({ detail: owner === user.id ? 'This key is already on your account.' : 'This key is already registered to an account. A key may belong to one account only.' });
        }
        if (await repo.countForUser(user.id) >= max) {
          throw new LimitReachedError({ detail: `You can have at most ${max} SSH keys. Delete one first.`, extensions: { limit: max } });
        }
        const created = await repo.insert({
          userId: user.id, name: input.name, type: parsed.type, publicKey: parsed.publicKey, fingerprint: parsed.fingerprint,
          bits: parsed.bits, comment: parsed.comment, createdAt: this.s.clock.now(),
        });
        await recordAudit(tx, this.s.clock, {
          type: 'ssh_key.added', userId: user.id,
          detail: { sshKeyId: created.id, name: created.name, type: created.type, fingerprint: created.fingerprint },
        }, ctx);
        await this.s.outbox.enqueue(tx, user.email, 'securityNotice', {
          name: user.displayName,
          subject: 'A new SSH key was added',
          message: `The SSH key "${created.name}" (${created.type}, ${created.fingerprint}) was added to your account. Servers that take their keys from your account accept it from now on. If this wasn't you, delete the key in your security settings and change your password.`,
        }, ctx);
        return created;
      });
      return toView(key);
    } catch (error) {
      // Two accounts adding the same key at once: the unique fingerprint lets one win.
      if (isUniqueViolation(error)) throw new DuplicateKeyError({ detail: 'This key is already registered to an account. A key may belong to one account only.' });
      throw error;
    }
  }

  /**
   * Deletes one of the user's keys; servers asking through `AuthorizedKeysCommand` stop
   * accepting it at the next login attempt.
   * @throws NotFoundError when the key is not the user's.
   */
  async remove(userId: string, id: string, ctx: RequestContext): Promise<void> {
    await this.s.storage.transaction(async (tx) => {
      const removed = await tx.store(sshKeyStore).deleteForUser(userId, id);
      if (!removed) throw new NotFoundError();
      await recordAudit(tx, this.s.clock, { type: 'ssh_key.removed', userId, detail: { sshKeyId: id, fingerprint: removed.fingerprint } }, ctx);
    });
  }

  /** The user's keys in authorized_keys format (empty for a disabled account). */
  async authorizedKeys(user: UserRecord): Promise<string> {
    if (user.disabledAt) return '';
    return formatAuthorizedKeys(await this.s.storage.store(sshKeyStore).listForUser(user.id));
  }
}

function toView(key: SshKeyRecord): SshKeyView {
  return {
    id: key.id, name: key.name, type: key.type, fingerprint: key.fingerprint, bits: key.bits, comment: key.comment,
    createdAt: key.createdAt.toISOString(),
  };
}
