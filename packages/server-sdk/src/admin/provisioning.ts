import { recordAudit } from '../audit/log.js';
import { createLinkToken, pageUrl } from '../accounts/links.js';
import { requireDisplayName, requireEmail, requireStrongPassword } from '../accounts/validation.js';
import type { RequestContext } from '../context.js';
import { EmailTakenError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import { adminRoles, requireKnownRoles } from '../core/roles.js';
import { requireAllowedKind } from '../core/kinds.js';

/** The built-in roles; `super_admin` > `admin` > `manager` > `viewer` (the last two read). Configured `roles` are known too. */
export const knownRoles = adminRoles;

/** What an administrator (or the CLI) provides to create an account. */
export interface ProvisionUserInput {
  email: string;
  displayName?: string;
  /** Built-in or configured (`roles`) roles; any other is refused (422 `validation_failed`). */
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

/**
 * Issues a single-use set-password link (an invitation) for an account without a password, in the
 * caller's transaction, and queues the invitation email unless `send` is false; returns the link.
 */
export async function issueInvitation(
  services: Services, tx: Storage, user: UserRecord, options: { actor: UserRecord | null; send: boolean }, ctx: RequestContext,
): Promise<string> {
  const now = services.clock.now();
  const { token, tokenHash } = createLinkToken();
  const ttl = services.config.links.invitationTtlSeconds;
  await tx.emailTokens.issue({ userId: user.id, purpose: 'invitation', tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + ttl * 1000) });
  const url = pageUrl(services.config, 'acceptInvite', { token });
  if (options.send) {
    await services.outbox.enqueue(tx, user.email, 'invitation', {
      name: user.displayName, url, hours: Math.round(ttl / 3600),
      invitedBy: options.actor?.displayName || options.actor?.email || 'An administrator',
    }, ctx);
  }
  return url;
}

/** Creates a verified account with roles, with a password or an invitation link. */
export async function provisionUser(services: Services, input: ProvisionUserInput, ctx: RequestContext): Promise<ProvisionUserResult> {
  const email = requireEmail(input.email);
  const displayName = requireDisplayName(input.displayName);
  requireAllowedKind(services.config, input.kind);
  requireKnownRoles(services.config, input.roles);
  if (input.password !== undefined) await requireStrongPassword(input.password, services, [email.email, displayName]);
  const passwordHash = input.password !== undefined ? await services.hasher.hash(input.password) : null;
  const now = services.clock.now();
  const result = await services.storage.transaction(async (tx) => {
    const user = await tx.users.createIfEmailFree({
      email: email.email, emailNormalized: email.normalized, displayName, passwordHash,
      roles: [...new Set(input.roles ?? [])], kind: input.kind ?? 'user', emailVerifiedAt: now, createdAt: now,
    });
    if (!user) throw new EmailTakenError();
    const invitationUrl = passwordHash ? null : await issueInvitation(services, tx, user, { actor: input.actor ?? null, send: input.sendInvitation !== false }, ctx);
    await recordAudit(tx, services.clock, { type: 'admin.user_created', userId: user.id, actorId: input.actor?.id ?? null, detail: { roles: user.roles, kind: user.kind, actorId: input.actor?.id ?? null } }, ctx);
    await services.events.emit(tx, 'user.created', {
      userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, kind: user.kind,
      emailVerified: user.emailVerifiedAt !== null, source: 'provisioned', actorId: input.actor?.id ?? null,
    });
    return { user, invitationUrl };
  });
  return result;
}
