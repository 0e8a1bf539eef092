import { createLinkToken, pageUrl } from '../accounts/links.js';
import { requireDisplayName, requireEmail, requireStrongPassword } from '../accounts/validation.js';
import type { RequestContext } from '../context.js';
import type { AuthState } from '../core/auth-state.js';
import type { SessionIssuer } from '../core/feature.js';
import { requireAllowedKind } from '../core/kinds.js';
import type { InvitationAcceptor, InvitationInput, InvitationOutcome, OrganizationSummary } from '../core/organizations.js';
import type { Services } from '../core/services.js';
import type { Caller } from '../core/sign-in.js';
import { sha256 } from '../crypto/digest.js';
import {
  AlreadyMemberError, ForbiddenError, InvalidTokenError, InvitationMismatchError, NotFoundError, UnauthenticatedError, ValidationFailedError,
} from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { Page, PageQuery, UserRecord } from '../storage/types.js';
import type { MembershipChanges } from './changes.js';
import { organizationStore, type InvitationRecord, type OrganizationRecord } from './repository.js';
import type { OrganizationRoles } from './roles.js';
import type { OrganizationService } from './service.js';

/** The rate-limit bucket of invitations, counted per inviting user. */
const invitationBucket = 'org-invitation';

/** `7 days`, `5 hours`, `30 minutes`: how long a link works, for the email. */
function validFor(seconds: number): string {
  const [amount, unit] = seconds >= 86_400 ? [seconds / 86_400, 'day'] : seconds >= 3600 ? [seconds / 3600, 'hour'] : [seconds / 60, 'minute'];
  const n = Math.floor(amount);
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Organization invitations: sent by members with `invitations:write` for a role up to their own,
 * one pending per address (a re-invite or a resend makes the earlier link stop working), limited
 * per inviter, emailed with a single-use 256-bit token stored only as its SHA-256. Accepting one
 * (`POST /invitations/accept`, through {@link InvitationAcceptor}) creates the account for a new
 * address, or joins the signed-in account of that address.
 */
export class OrganizationInvitations implements InvitationAcceptor {
  constructor(
    private readonly s: Services,
    private readonly roles: OrganizationRoles,
    private readonly service: OrganizationService,
    private readonly changes: MembershipChanges,
    private readonly sessions: SessionIssuer,
  ) {}

  private get config() { return this.s.config.organizations; }

  /** One page of pending invitations (`invitations:read`), expired ones included, newest first. */
  async list(userId: string, organizationId: string | undefined, page: PageQuery): Promise<Page<InvitationRecord>> {
    const { member } = await this.service.standing(userId, organizationId, 'invitations:read');
    return this.s.storage.store(organizationStore).listPendingInvitations(member.organizationId, page);
  }

  /**
   * Invites an address for a role up to the inviter's own (`invitations:write`): any earlier
   * pending invitation of the address is revoked in the same transaction.
   * @throws ForbiddenError, AlreadyMemberError, RateLimitedError, ValidationFailedError
   */
  async invite(caller: Caller, organizationId: string | undefined, input: { email: string; role: string; kind?: string | null | undefined }, ctx: RequestContext): Promise<InvitationRecord> {
    const standing = await this.service.standing(caller.user.id, organizationId, 'invitations:write');
    const orgId = standing.member.organizationId;
    const email = requireEmail(input.email);
    const role = this.changes.requireRole(input.role);
    const kind = input.kind === undefined || input.kind === null ? null : requireAllowedKind(this.s.config, input.kind);
    this.requireGrantable(standing.member.role, role);
    await this.s.limiter.consume(invitationBucket, caller.user.id, { limit: this.config.invitationsPerInviterPerHour, windowSeconds: 3600 });
    const account = await this.s.storage.users.findByEmail(email.normalized);
    return this.s.storage.transaction(async (tx) => {
      const { org, actorRole } = await this.lockAs(tx, orgId, caller.user.id);
      this.requireGrantable(actorRole, role);
      const repo = tx.store(organizationStore);
      if (account && await repo.findMember(org.id, account.id)) throw new AlreadyMemberError();
      const now = this.s.clock.now();
      for (const replaced of await repo.revokePendingFor(org.id, email.normalized, now)) {
        await this.changes.audit(tx, 'organization.invitation_revoked', org.id, account?.id ?? null, caller.user.id, { invitationId: replaced.id, email: replaced.email, role: replaced.role, replaced: true }, ctx);
      }
      const { token, tokenHash } = createLinkToken();
      const invitation = await repo.insertInvitation({
        organizationId: org.id, email: email.email, emailNormalized: email.normalized, role, kind, tokenHash, invitedBy: caller.user.id,
        createdAt: now, expiresAt: new Date(now.getTime() + this.config.invitationTtlSeconds * 1000),
      });
      await this.send(tx, org, invitation, token, caller.user, account, ctx);
      await this.changes.audit(tx, 'organization.invitation_sent', org.id, account?.id ?? null, caller.user.id, { invitationId: invitation.id, email: invitation.email, role, kind }, ctx);
      return invitation;
    });
  }

  /** Sends a pending invitation again with a new token and expiry; the earlier link stops working. */
  async resend(caller: Caller, organizationId: string | undefined, invitationId: string | undefined, ctx: RequestContext): Promise<InvitationRecord> {
    const standing = await this.service.standing(caller.user.id, organizationId, 'invitations:write');
    const orgId = standing.member.organizationId;
    await this.s.limiter.consume(invitationBucket, caller.user.id, { limit: this.config.invitationsPerInviterPerHour, windowSeconds: 3600 });
    return this.s.storage.transaction(async (tx) => {
      const { org, actorRole } = await this.lockAs(tx, orgId, caller.user.id);
      const repo = tx.store(organizationStore);
      const pending = await this.pendingOr404(tx, org.id, invitationId);
      this.requireGrantable(actorRole, pending.role);
      const { token, tokenHash } = createLinkToken();
      const invitation = (await repo.reissueInvitation(org.id, pending.id, tokenHash, new Date(this.s.clock.now().getTime() + this.config.invitationTtlSeconds * 1000)))!;
      const account = await tx.users.findByEmail(invitation.emailNormalized);
      await this.send(tx, org, invitation, token, caller.user, account, ctx);
      await this.changes.audit(tx, 'organization.invitation_resent', org.id, account?.id ?? null, caller.user.id, { invitationId: invitation.id, email: invitation.email, role: invitation.role }, ctx);
      return invitation;
    });
  }

  /** Revokes a pending invitation: its link stops working. */
  async revoke(caller: Caller, organizationId: string | undefined, invitationId: string | undefined, ctx: RequestContext): Promise<void> {
    const standing = await this.service.standing(caller.user.id, organizationId, 'invitations:write');
    await this.s.storage.transaction(async (tx) => {
      const { org, actorRole } = await this.lockAs(tx, standing.member.organizationId, caller.user.id);
      const pending = await this.pendingOr404(tx, org.id, invitationId);
      this.requireGrantable(actorRole, pending.role);
      await tx.store(organizationStore).revokeInvitation(org.id, pending.id, this.s.clock.now());
      const account = await tx.users.findByEmail(pending.emailNormalized);
      await this.changes.audit(tx, 'organization.invitation_revoked', org.id, account?.id ?? null, caller.user.id, { invitationId: pending.id, email: pending.email, role: pending.role }, ctx);
    });
  }

  /**
   * `POST /invitations/accept` for organization tokens (null for any other token). A new address
   * sets its password and gets a verified account and a session; an existing account must be the
   * signed-in one (401 otherwise, 403 `invitation_mismatch` for another account) and joins on its
   * session. Either way the session then works in the organization joined.
   */
  async accept(input: InvitationInput, caller: AuthState | null, ctx: RequestContext): Promise<InvitationOutcome | null> {
    const tokenHash = sha256(input.token);
    const repo = this.s.storage.store(organizationStore);
    const invitation = await repo.findInvitationByTokenHash(tokenHash);
    if (!invitation) return null;
    const now = this.s.clock.now();
    if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw new InvalidTokenError();
    const account = await this.s.storage.users.findByEmail(invitation.emailNormalized);
    if (caller && caller.user.id !== account?.id) throw new InvitationMismatchError();
    if (account) {
      if (account.disabledAt) throw new InvalidTokenError();
      if (!caller || caller.via !== 'session' || !caller.session) throw signInFirst(invitation);
      return this.join(tokenHash, account, caller.session, ctx);
    }
    return this.createAndJoin(tokenHash, invitation, input, ctx);
  }

  /** A signed-in account joins on its current session. */
  private async join(tokenHash: string, user: UserRecord, session: NonNullable<AuthState['session']>, ctx: RequestContext): Promise<InvitationOutcome> {
    return this.s.storage.transaction(async (tx) => {
      const { org, invitation } = await this.consume(tx, tokenHash);
      if (await tx.store(organizationStore).findMember(org.id, user.id)) throw new AlreadyMemberError();
      await this.joinAs(tx, org, invitation, user.id, ctx);
      await tx.store(organizationStore).setActiveOrganization(session.id, org.id);
      return { kind: 'joined' as const, user, session: { ...session, activeOrganizationId: org.id }, organization: summaryOf(org) };
    });
  }

  /** A new address: a verified account with the password given, a member, and a session (through the second-factor gate). */
  private async createAndJoin(tokenHash: string, invitation: InvitationRecord, input: InvitationInput, ctx: RequestContext): Promise<InvitationOutcome> {
    if (input.password === undefined) {
      throw new ValidationFailedError({ errors: [{ field: 'password', code: 'required', message: 'Choose a password for your new account.' }] });
    }
    const displayName = requireDisplayName(input.displayName);
    await requireStrongPassword(input.password, this.s, [invitation.email, displayName]);
    const passwordHash = await this.s.hasher.hash(input.password);
    return this.s.storage.transaction(async (tx) => {
      const { org, invitation: used } = await this.consume(tx, tokenHash);
      const now = this.s.clock.now();
      const user = await tx.users.createIfEmailFree({
        email: used.email, emailNormalized: used.emailNormalized, displayName, passwordHash,
        roles: [], kind: used.kind ?? 'user', emailVerifiedAt: now, createdAt: now,
      });
      // An account for the address was made meanwhile: it joins once signed in.
      if (!user) throw signInFirst(used);
      await this.s.events.emit(tx, 'user.created', {
        userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, kind: user.kind,
        emailVerified: true, source: 'invitation', actorId: used.invitedBy,
      });
      await this.joinAs(tx, org, used, user.id, ctx);
      const organization = summaryOf(org);
      const challenge = await this.s.secondFactor.afterFirstFactor(tx, user, ctx);
      if (challenge) return { kind: 'challenge' as const, user, challenge, organization };
      const outcome = await this.sessions.issue(tx, user, ctx, 'invitation');
      await tx.store(organizationStore).setActiveOrganization(outcome.session.id, org.id);
      return { ...outcome, session: { ...outcome.session, activeOrganizationId: org.id }, organization };
    });
  }

  /** Uses the invitation (atomically: a second use finds nothing) under the organization's lock. */
  private async consume(tx: Storage, tokenHash: string): Promise<{ org: OrganizationRecord; invitation: InvitationRecord }> {
    const repo = tx.store(organizationStore);
    const found = await repo.findInvitationByTokenHash(tokenHash);
    const org = found ? await repo.lock(found.organizationId) : null;
    const invitation = org ? await repo.consumeInvitation(tokenHash, this.s.clock.now()) : null;
    if (!org || !invitation) throw new InvalidTokenError();
    return { org, invitation };
  }

  private async joinAs(tx: Storage, org: OrganizationRecord, invitation: InvitationRecord, userId: string, ctx: RequestContext): Promise<void> {
    await this.changes.add(tx, org, { userId, role: invitation.role, kind: invitation.kind }, userId, ctx, { invitationId: invitation.id });
    await this.changes.audit(tx, 'organization.invitation_accepted', org.id, userId, userId, {
      invitationId: invitation.id, email: invitation.email, role: invitation.role, invitedBy: invitation.invitedBy,
    }, ctx);
  }

  private async send(tx: Storage, org: OrganizationRecord, invitation: InvitationRecord, token: string, inviter: UserRecord, account: UserRecord | null, ctx: RequestContext): Promise<void> {
    await this.s.outbox.enqueue(tx, invitation.email, 'organizationInvitation', {
      name: account?.displayName ?? '',
      organizationName: org.name,
      invitedBy: inviter.displayName || inviter.email,
      role: invitation.role,
      url: pageUrl(this.s.config, 'acceptInvite', { token }),
      validFor: validFor(this.config.invitationTtlSeconds),
      hasAccount: account !== null,
    }, ctx);
  }

  /** Locks the organization and reads the actor's role as it stands, with `invitations:write`. */
  private async lockAs(tx: Storage, organizationId: string, actorId: string): Promise<{ org: OrganizationRecord; actorRole: string }> {
    const repo = tx.store(organizationStore);
    const org = await repo.lock(organizationId);
    const actor = org ? await repo.findMember(organizationId, actorId) : null;
    if (!org || !actor) throw new NotFoundError();
    if (!this.roles.permissionsOf(actor.role).includes('invitations:write')) {
      throw new ForbiddenError({ detail: 'Your role in this organization does not allow invitations:write.' });
    }
    return { org, actorRole: actor.role };
  }

  private async pendingOr404(tx: Storage, organizationId: string, invitationId: string | undefined): Promise<InvitationRecord> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const pending = invitationId && uuid.test(invitationId) ? await tx.store(organizationStore).findPendingInvitation(organizationId, invitationId) : null;
    if (!pending) throw new NotFoundError();
    return pending;
  }

  /** Nobody invites for (or manages an invitation of) a role ranked above their own. */
  private requireGrantable(actorRole: string, role: string): void {
    if ((this.roles.rankOf(role) ?? 0) > (this.roles.rankOf(actorRole) ?? 0)) {
      throw new ForbiddenError({ detail: `You cannot invite for the role ${role}, which ranks above yours.` });
    }
  }
}

function summaryOf(org: OrganizationRecord): OrganizationSummary {
  return { id: org.id, name: org.name, slug: org.slug };
}

/** 401 naming the address the invitation is for: the account exists and must sign in first. */
function signInFirst(invitation: InvitationRecord): UnauthenticatedError {
  return new UnauthenticatedError({ detail: `Sign in as ${invitation.email} to accept`, extensions: { email: invitation.email } });
}
