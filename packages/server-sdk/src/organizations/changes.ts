import { recordAudit, type AuditEventType } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { Services } from '../core/services.js';
import { AlreadyMemberError, ConflictError, LastOwnerError, SlugTakenError, ValidationFailedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import { organizationStore, type MemberRecord, type OrganizationRecord } from './repository.js';
import { ownerRole, type OrganizationRoles } from './roles.js';
import { numberedSlug, slugFromName } from './slug.js';

/**
 * The changes of organizations and their members with the invariants every caller keeps, whoever
 * it is (a member through the API, or host code): known roles, at least one owner, an audit row
 * carrying the organization, the events, and `userRefreshed` for each member touched, so caches drop
 * in every process at commit. Callers lock the organization first ({@link OrganizationRepository.lock})
 * and check who may do what themselves.
 */
export class MembershipChanges {
  constructor(private readonly s: Services, private readonly roles: OrganizationRoles) {}

  /** A role name the table knows, or a 422 naming `field`. */
  requireRole(role: string, field = 'role'): string {
    if (this.roles.get(role)) return role;
    const names = this.roles.list().map((r) => r.name).join(', ');
    throw new ValidationFailedError({ errors: [{ field, code: 'invalid_role', message: `Use one of: ${names}.` }] });
  }

  /**
   * Creates an organization with `ownerId` as its owner. A given slug must be free (409
   * `slug_taken`); a derived one gets `-2`, `-3`… until it is.
   */
  async create(tx: Storage, input: { name: string; slug?: string | undefined; ownerId: string; actorId: string | null }, ctx: RequestContext): Promise<OrganizationRecord> {
    const repo = tx.store(organizationStore);
    const at = this.s.clock.now();
    let org: OrganizationRecord | null = null;
    if (input.slug !== undefined) {
      org = await repo.insert({ name: input.name, slug: input.slug, at });
      if (!org) throw new SlugTakenError();
    } else {
      const base = slugFromName(input.name);
      for (let n = 1; n <= 50 && !org; n++) org = await repo.insert({ name: input.name, slug: n === 1 ? base : numberedSlug(base, n), at });
      if (!org) throw new ConflictError({ detail: 'No free slug could be derived from this name: give one.' });
    }
    await this.audit(tx, 'organization.created', org.id, input.ownerId, input.actorId, { name: org.name, slug: org.slug }, ctx);
    await this.add(tx, org, { userId: input.ownerId, role: ownerRole, kind: null }, input.actorId, ctx);
    return org;
  }

  /** Adds a member. @throws AlreadyMemberError */
  async add(tx: Storage, org: OrganizationRecord, member: { userId: string; role: string; kind: string | null }, actorId: string | null, ctx: RequestContext, detail: Record<string, unknown> = {}): Promise<MemberRecord> {
    this.requireRole(member.role);
    const added = await tx.store(organizationStore).addMember({ organizationId: org.id, ...member, joinedAt: this.s.clock.now() });
    if (!added) throw new AlreadyMemberError();
    await this.audit(tx, 'organization.member_added', org.id, member.userId, actorId, { role: member.role, kind: member.kind, ...detail }, ctx);
    await this.s.events.emit(tx, 'organization.member_added', { organizationId: org.id, userId: member.userId, role: member.role, actorId });
    await this.s.sessions.userRefreshed(tx, member.userId);
    return added;
  }

  /** Changes a member's role and kind (undefined: unchanged). @throws LastOwnerError when the last owner would lose the role */
  async update(tx: Storage, org: OrganizationRecord, member: MemberRecord, changes: { role?: string | undefined; kind?: string | null | undefined }, actorId: string | null, ctx: RequestContext, extraFields: string[] = []): Promise<MemberRecord> {
    const role = changes.role === undefined ? member.role : this.requireRole(changes.role);
    const kind = changes.kind === undefined ? member.kind : changes.kind;
    if (member.role === ownerRole && role !== ownerRole) await this.requireAnotherOwner(tx, org.id);
    const fields = [...(role !== member.role ? ['role'] : []), ...(kind !== member.kind ? ['kind'] : []), ...extraFields];
    if (fields.length === 0) return member;
    const updated = role === member.role && kind === member.kind
      ? member
      : (await tx.store(organizationStore).updateMember(org.id, member.userId, { role, kind }))!;
    const detail: Record<string, unknown> = { fields };
    if (role !== member.role) detail.role = { from: member.role, to: role };
    if (kind !== member.kind) detail.kind = { from: member.kind, to: kind };
    await this.audit(tx, 'organization.member_updated', org.id, member.userId, actorId, detail, ctx);
    await this.s.sessions.userRefreshed(tx, member.userId);
    return updated;
  }

  /**
   * Ends a membership: removed by someone, or `left` by the member. Their sessions stop working in
   * the organization. @throws LastOwnerError
   */
  async remove(tx: Storage, org: OrganizationRecord, member: MemberRecord, actorId: string | null, ctx: RequestContext, how: 'removed' | 'left'): Promise<void> {
    if (member.role === ownerRole) await this.requireAnotherOwner(tx, org.id);
    const repo = tx.store(organizationStore);
    await repo.removeMember(org.id, member.userId);
    await repo.clearActiveOrganization(member.userId, org.id);
    await this.audit(tx, how === 'left' ? 'organization.member_left' : 'organization.member_removed', org.id, member.userId, actorId, { role: member.role }, ctx);
    await this.s.events.emit(tx, 'organization.member_removed', { organizationId: org.id, userId: member.userId, actorId });
    await this.s.sessions.userRefreshed(tx, member.userId);
  }

  /** Deletes an organization with its memberships and invitations; every member is told and their caches drop. */
  async delete(tx: Storage, org: OrganizationRecord, actorId: string | null, ctx: RequestContext): Promise<void> {
    const repo = tx.store(organizationStore);
    const members = await repo.memberIds(org.id);
    // Sessions that worked in it lose it with the row (on delete set null).
    await repo.delete(org.id);
    await this.audit(tx, 'organization.deleted', org.id, actorId, actorId, { name: org.name, slug: org.slug, members: members.length }, ctx);
    for (const userId of members) {
      await this.s.events.emit(tx, 'organization.member_removed', { organizationId: org.id, userId, actorId });
      await this.s.sessions.userRefreshed(tx, userId);
    }
  }

  /** An organization event in the audit trail: it shows in the organization's activity and the member's own. */
  async audit(tx: Storage, type: AuditEventType, organizationId: string, userId: string | null, actorId: string | null, detail: Record<string, unknown>, ctx: RequestContext): Promise<void> {
    await recordAudit(tx, this.s.clock, { type, organizationId, userId, actorId, detail: { ...detail, actorId } }, ctx);
  }

  private async requireAnotherOwner(tx: Storage, organizationId: string): Promise<void> {
    // Counted under the organization's lock, so two owners demoting each other cannot both succeed.
    if (await tx.store(organizationStore).countWithRole(organizationId, ownerRole) <= 1) throw new LastOwnerError();
  }
}
