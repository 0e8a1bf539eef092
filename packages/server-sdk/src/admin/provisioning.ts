import { recordAudit } from '../audit/log.js';
import { createLinkToken, pageUrl } from '../accounts/links.js';
import { requireDisplayName, requireEmail, requireStrongPassword } from '../accounts/validation.js';
import type { RequestContext } from '../context.js';
import { EmailTakenError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { UserRecord } from '../storage/types.js';

/** Roles Latch knows; `super_admin` > `admin` > `manager` (reads). */
export const knownRoles = ['super_admin', 'admin', 'manager'] as const;

/** What an administrator (or the CLI) provides to create an account. */
export interface ProvisionUserInput {
  email: string;
  displayName?: string;
  roles?: string[];
  kind?: string;
  /** When given, the account is ready to use; otherwise an invitation link is made. */
  password?: string;
  /** Email the invitation (the CLI prints it instead). Default true. */
  sendInvitation?: boolean;
  /** Who is provisioning (null for the CLI). */
  actor?: UserRecord | null;
}

/** The created account and, without a password, its single-use set-password link. */
export interface ProvisionUserResult {
  user: UserRecord;
  invitationUrl: string | null;
}

/** Creates a verified account with roles, with a password or an invitation link. */
export async function provisionUser(services: Services, input: ProvisionUserInput, ctx: RequestContext): Promise<ProvisionUserResult> {
  const email = requireEmail(input.email);
  const displayName = requireDisplayName(input.displayName);
  if (input.password !== undefined) await requireStrongPassword(input.password, services.config.passwords, [email.email, displayName]);
  const passwordHash = input.password !== undefined ? await services.hasher.hash(input.password) : null;
  const now = services.clock.now();
  const result = await services.storage.transaction(async (tx) => {
    const user = await tx.users.createIfEmailFree({
      email: email.email, emailNormalized: email.normalized, displayName, passwordHash,
      roles: [...new Set(input.roles ?? [])], kind: input.kind ?? 'user', emailVerifiedAt: now, createdAt: now,
    });
    if (!user) throw new EmailTakenError();
    let invitationUrl: string | null = null;
    if (!passwordHash) {
      const { token, tokenHash } = createLinkToken();
      const ttl = services.config.links.invitationTtlSeconds;
      await tx.emailTokens.issue({ userId: user.id, purpose: 'invitation', tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + ttl * 1000) });
      invitationUrl = pageUrl(services.config, 'acceptInvite', { token });
      if (input.sendInvitation !== false) {
        await services.outbox.enqueue(tx, user.email, 'invitation', {
          name: displayName, url: invitationUrl, hours: Math.round(ttl / 3600),
          invitedBy: input.actor?.displayName || input.actor?.email || 'An administrator',
        }, ctx);
      }
    }
    await recordAudit(tx, services.clock, { type: 'admin.user_created', userId: user.id, actorId: input.actor?.id ?? null, detail: { roles: user.roles, kind: user.kind, actorId: input.actor?.id ?? null } }, ctx);
    return { user, invitationUrl };
  });
  return result;
}
