import { z } from 'zod';
import { changePhoneNumber, changesPhoneNumber } from '../accounts/phone.js';
import { requireReauthentication, type ReauthProof } from '../accounts/reauth.js';
import type { RequestContext } from '../context.js';
import { requireAllowedKind } from '../core/kinds.js';
import { isWriter } from '../core/roles.js';
import type { Services } from '../core/services.js';
import type { Caller } from '../core/sign-in.js';
import { ForbiddenError, NotFoundError, SlugTakenError, ValidationFailedError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { Page, PageQuery } from '../storage/types.js';
import type { MembershipChanges } from './changes.js';
import type { MemberStanding, MembershipDirectory } from './membership.js';
import { organizationStore, type MemberRecord, type MemberWithUser, type MembershipWithOrganization, type OrganizationRecord } from './repository.js';
import { ownerRole, type OrganizationRoles } from './roles.js';
import { slugPattern } from './slug.js';
import { toActivityEvent, type OrganizationActivityEvent } from './views.js';

const isUuid = (value: string | undefined): value is string => value !== undefined && z.uuid().safeParse(value).success;

/** An organization name: trimmed, 1 to 100 characters, no control characters or angle brackets. */
export function requireOrganizationName(value: string, field = 'name'): string {
  const name = value.normalize('NFC').trim();
  if (name.length === 0) throw new ValidationFailedError({ errors: [{ field, code: 'required', message: 'Give the organization a name.' }] });
  if ([...name].length > 100) throw new ValidationFailedError({ errors: [{ field, code: 'too_long', message: 'Use at most 100 characters.' }] });
  if (/[\p{Cc}\p{Cf}\u2028\u2029<>]/u.test(name)) {
    throw new ValidationFailedError({ errors: [{ field, code: 'invalid_characters', message: 'Remove control characters and angle brackets.' }] });
  }
  return name;
}

/** A slug as given: lower-case letters, digits and inner dashes, 1 to 64 characters. */
export function requireSlug(value: string, field = 'slug'): string {
  if (!slugPattern.test(value)) {
    throw new ValidationFailedError({ errors: [{ field, code: 'invalid_slug', message: 'Use 1 to 64 lower-case letters, digits and dashes, starting and ending with a letter or digit.' }] });
  }
  return value;
}

/** What `PATCH /orgs/:id/members/:userId` may change. */
export interface MemberChanges {
  role?: string | undefined;
  kind?: string | null | undefined;
  phoneNumber?: string | null | undefined;
}

/**
 * Organizations as members use them, with the rules of the feature: every route of an
 * organization answers 404 to whoever is not a member of it, 403 to a member whose role lacks the
 * permission; nobody gives a role ranked above their own or changes their own role; members are
 * changed and removed only by members ranked at least as high; the last owner stays.
 * Each change re-reads the actor's role under the organization's lock, so it is judged as it
 * stands when the change is made.
 */
export class OrganizationService {
  constructor(
    private readonly s: Services,
    private readonly roles: OrganizationRoles,
    private readonly directory: MembershipDirectory,
    private readonly changes: MembershipChanges,
  ) {}

  /**
   * The caller's standing in an organization: 404 unless they are a member (or the id is not a
   * uuid), 403 while their role waits for a second factor (unless `pendingTwoFactor` allows it,
   * for leaving), 403 without `permission`.
   * @throws NotFoundError, ForbiddenError
   */
  async standing(userId: string, organizationId: string | undefined, permission?: string, options: { pendingTwoFactor?: boolean } = {}): Promise<MemberStanding> {
    if (!isUuid(organizationId)) throw new NotFoundError();
    const standing = await this.directory.standing(userId, organizationId);
    if (!standing) throw new NotFoundError();
    if (standing.twoFactorSetupRequired && !options.pendingTwoFactor) {
      throw new ForbiddenError({
        detail: `This organization needs a second factor for the role ${standing.member.role}: set one up in your security settings first.`,
        extensions: { twoFactorSetupRequired: true },
      });
    }
    if (permission !== undefined) requirePermission(standing.grant.permissions, permission);
    return standing;
  }

  /** Creates an organization with the caller as its owner, if `organizations.creation` lets them. */
  async create(caller: Caller, input: { name: string; slug?: string | undefined }, ctx: RequestContext): Promise<{ organization: OrganizationRecord; role: string }> {
    if (this.s.config.organizations.creation === 'admins' && !isWriter(caller.user.roles)) {
      throw new ForbiddenError({ detail: 'Only administrators may create organizations here.' });
    }
    const name = requireOrganizationName(input.name);
    const slug = input.slug === undefined ? undefined : requireSlug(input.slug);
    const organization = await this.s.storage.transaction((tx) => this.changes.create(tx, { name, slug, ownerId: caller.user.id, actorId: caller.user.id }, ctx));
    return { organization, role: ownerRole };
  }

  /** The caller's organizations, newest membership first, each with the role and whether it waits for a second factor. */
  async listMine(userId: string, page: PageQuery): Promise<Page<{ membership: MembershipWithOrganization; twoFactorSetupRequired: boolean }>> {
    const found = await this.s.storage.store(organizationStore).listForUser(userId, page);
    const items = await Promise.all(found.items.map(async (membership) => ({
      membership, twoFactorSetupRequired: (await this.directory.judge(membership)).twoFactorSetupRequired,
    })));
    return { items, nextCursor: found.nextCursor };
  }

  async get(userId: string, organizationId: string | undefined): Promise<{ organization: OrganizationRecord; role: string }> {
    const standing = await this.standing(userId, organizationId, 'organization:read');
    const organization = await this.s.storage.store(organizationStore).find(standing.member.organizationId);
    if (!organization) throw new NotFoundError();
    return { organization, role: standing.member.role };
  }

  /** Renames an organization or changes its slug (`organization:write`). @throws SlugTakenError */
  async update(caller: Caller, organizationId: string | undefined, input: { name?: string | undefined; slug?: string | undefined }, ctx: RequestContext): Promise<OrganizationRecord> {
    const { member } = await this.standing(caller.user.id, organizationId, 'organization:write');
    const name = input.name === undefined ? undefined : requireOrganizationName(input.name);
    const slug = input.slug === undefined ? undefined : requireSlug(input.slug);
    return this.s.storage.transaction(async (tx) => {
      const { org } = await this.lockAs(tx, member.organizationId, caller.user.id, 'organization:write');
      const repo = tx.store(organizationStore);
      const changes: { name?: string; slug?: string } = {};
      if (name !== undefined && name !== org.name) changes.name = name;
      if (slug !== undefined && slug !== org.slug) {
        if (await repo.slugTaken(slug, org.id)) throw new SlugTakenError();
        changes.slug = slug;
      }
      const fields = Object.keys(changes);
      if (fields.length === 0) return org;
      const updated = await repo.update(org.id, changes, this.s.clock.now());
      if (!updated) throw new SlugTakenError();
      const detail: Record<string, unknown> = { fields };
      for (const field of fields as Array<'name' | 'slug'>) detail[field] = { from: org[field], to: updated[field] };
      await this.changes.audit(tx, 'organization.updated', org.id, caller.user.id, caller.user.id, detail, ctx);
      return updated;
    });
  }

  /** Deletes an organization (`organization:delete`) after proof of presence. */
  async delete(caller: Caller, organizationId: string | undefined, proof: ReauthProof, ctx: RequestContext): Promise<void> {
    const { member } = await this.standing(caller.user.id, organizationId, 'organization:delete');
    await requireReauthentication(this.s, caller, proof, ctx);
    await this.s.storage.transaction(async (tx) => {
      const { org } = await this.lockAs(tx, member.organizationId, caller.user.id, 'organization:delete');
      await this.changes.delete(tx, org, caller.user.id, ctx);
    });
  }

  /** One page of members (`members:read`), newest first, filtered by role, kind or text. */
  async members(userId: string, organizationId: string | undefined, query: { role?: string; kind?: string; query?: string } & PageQuery): Promise<Page<MemberWithUser>> {
    const { member } = await this.standing(userId, organizationId, 'members:read');
    const { query: text, ...rest } = query;
    return this.s.storage.store(organizationStore).listMembers(member.organizationId, { ...rest, text });
  }

  /**
   * Changes a member's role (`members:roles`), kind or phone number (`members:write`). Nobody
   * changes their own role or gives one above their own; only members ranked at most as high as
   * the actor are changed (a phone number: ranked below, unless the actor is an owner), and a
   * phone number change asks the actor for proof of presence.
   * @throws ForbiddenError, LastOwnerError, ReauthenticationRequiredError, ValidationFailedError
   */
  async updateMember(caller: Caller, organizationId: string | undefined, targetId: string | undefined, changes: MemberChanges, proof: ReauthProof, ctx: RequestContext): Promise<MemberWithUser> {
    const standing = await this.standing(caller.user.id, organizationId, 'members:read');
    const orgId = standing.member.organizationId;
    if (changes.role !== undefined) {
      requirePermission(standing.grant.permissions, 'members:roles');
      this.changes.requireRole(changes.role);
    }
    if (changes.kind !== undefined || changes.phoneNumber !== undefined) requirePermission(standing.grant.permissions, 'members:write');
    if (changes.kind !== undefined && changes.kind !== null) requireAllowedKind(this.s.config, changes.kind);
    const before = isUuid(targetId) ? await this.s.storage.store(organizationStore).findMemberWithUser(orgId, targetId) : null;
    if (!before) throw new NotFoundError();
    this.judgeMemberChange(standing.member, before, changes);
    // Proof is asked before anything is written, and only when the number really changes.
    if (changesPhoneNumber(before.user, changes.phoneNumber)) await requireReauthentication(this.s, caller, proof, ctx);

    await this.s.storage.transaction(async (tx) => {
      const { org, actor } = await this.lockAs(tx, orgId, caller.user.id, 'members:read');
      const repo = tx.store(organizationStore);
      const target = await repo.findMemberWithUser(orgId, before.userId);
      if (!target) throw new NotFoundError();
      // Judged again as the roles stand under the lock.
      this.judgeMemberChange(actor, target, changes, true);
      let phoneChanged = false;
      if (changes.phoneNumber !== undefined) {
        const user = await changePhoneNumber(this.s, tx, target.user, changes.phoneNumber, caller.user, ctx);
        phoneChanged = user.phoneNumber !== target.user.phoneNumber;
      }
      await this.changes.update(tx, org, target, { role: changes.role, kind: changes.kind }, caller.user.id, ctx, phoneChanged ? ['phoneNumber'] : []);
    });
    const after = await this.s.storage.store(organizationStore).findMemberWithUser(orgId, before.userId);
    if (!after) throw new NotFoundError();
    return after;
  }

  /** Removes a member (`members:remove`, ranked at most as high as the actor); removing oneself is leaving. */
  async removeMember(caller: Caller, organizationId: string | undefined, targetId: string | undefined, ctx: RequestContext): Promise<void> {
    if (targetId === caller.user.id) return this.leave(caller, organizationId, ctx);
    const standing = await this.standing(caller.user.id, organizationId, 'members:remove');
    const orgId = standing.member.organizationId;
    await this.s.storage.transaction(async (tx) => {
      const { org, actor } = await this.lockAs(tx, orgId, caller.user.id, 'members:remove');
      const target = isUuid(targetId) ? await tx.store(organizationStore).findMember(orgId, targetId) : null;
      if (!target) throw new NotFoundError();
      this.requireOutranks(actor, target);
      await this.changes.remove(tx, org, target, caller.user.id, ctx, 'removed');
    });
  }

  /** The caller leaves the organization (any member, even one whose role waits for a second factor). @throws LastOwnerError */
  async leave(caller: Caller, organizationId: string | undefined, ctx: RequestContext): Promise<void> {
    const { member } = await this.standing(caller.user.id, organizationId, undefined, { pendingTwoFactor: true });
    await this.s.storage.transaction(async (tx) => {
      const org = await tx.store(organizationStore).lock(member.organizationId);
      const current = org ? await tx.store(organizationStore).findMember(org.id, caller.user.id) : null;
      if (!org || !current) throw new NotFoundError();
      await this.changes.remove(tx, org, current, caller.user.id, ctx, 'left');
    });
  }

  /** One page of the organization's activity (`activity:read`), newest first. */
  async activity(userId: string, organizationId: string | undefined, page: PageQuery): Promise<Page<OrganizationActivityEvent>> {
    const { member } = await this.standing(userId, organizationId, 'activity:read');
    const found = await this.s.storage.audit.search({ organizationId: member.organizationId, ...page });
    return { items: found.items.map(toActivityEvent), nextCursor: found.nextCursor };
  }

  /**
   * Makes an organization the one the caller's session works in (null: none). Every process
   * drops what it cached of the session, so `GET /me`, new access tokens and `requireAuth` carry
   * it from the next request on.
   */
  async setActive(caller: Caller, organizationId: string | null): Promise<{ organization: OrganizationRecord; role: string } | null> {
    const session = caller.session;
    if (!session) throw new ForbiddenError({ detail: 'This needs a browser session.' });
    let result: { organization: OrganizationRecord; role: string } | null = null;
    if (organizationId !== null) {
      // Any member may work in the organization; what they may do there is their role's.
      const { member } = await this.standing(caller.user.id, organizationId);
      const organization = await this.s.storage.store(organizationStore).find(member.organizationId);
      if (!organization) throw new NotFoundError();
      result = { organization, role: member.role };
    }
    await this.s.storage.transaction(async (tx) => {
      await tx.store(organizationStore).setActiveOrganization(session.id, result?.organization.id ?? null);
      await this.s.sessions.userRefreshed(tx, caller.user.id);
    });
    return result;
  }

  /**
   * Locks the organization and reads the actor's membership as it stands now, with `permission`.
   * @throws NotFoundError (gone, or the actor no longer a member), ForbiddenError
   */
  private async lockAs(tx: Storage, organizationId: string, actorId: string, permission: string): Promise<{ org: OrganizationRecord; actor: MemberRecord }> {
    const repo = tx.store(organizationStore);
    const org = await repo.lock(organizationId);
    const actor = org ? await repo.findMember(organizationId, actorId) : null;
    if (!org || !actor) throw new NotFoundError();
    requirePermission(this.roles.permissionsOf(actor.role), permission);
    return { org, actor };
  }

  private rank(role: string): number {
    return this.roles.rankOf(role) ?? 0;
  }

  /** Members change and remove only members ranked at most as high as themselves (owners change owners). */
  private requireOutranks(actor: MemberRecord, target: MemberRecord): void {
    if (this.rank(target.role) > this.rank(actor.role)) throw new ForbiddenError({ detail: `You cannot change a member whose role (${target.role}) ranks above yours.` });
  }

  /** The rank rules of a member change, for the actor and target as given. */
  private judgeMemberChange(actor: MemberRecord, target: MemberWithUser | MemberRecord, changes: MemberChanges, locked = false): void {
    const perms = this.roles.permissionsOf(actor.role);
    if (locked) {
      if (changes.role !== undefined) requirePermission(perms, 'members:roles');
      if (changes.kind !== undefined || changes.phoneNumber !== undefined) requirePermission(perms, 'members:write');
    }
    if (changes.role !== undefined && changes.role !== target.role) {
      if (target.userId === actor.userId) throw new ForbiddenError({ detail: 'You cannot change your own role.' });
      if (this.rank(changes.role) > this.rank(actor.role)) throw new ForbiddenError({ detail: `You cannot give the role ${changes.role}, which ranks above yours.` });
    }
    if (changes.role !== undefined || changes.kind !== undefined) this.requireOutranks(actor, target);
    if (changes.phoneNumber !== undefined && actor.role !== ownerRole && this.rank(target.role) >= this.rank(actor.role)) {
      throw new ForbiddenError({ detail: 'You can change the phone number only of members whose role ranks below yours.' });
    }
  }
}

/** 403 unless `permissions` include `permission`. */
function requirePermission(permissions: readonly string[], permission: string): void {
  if (!permissions.includes(permission)) throw new ForbiddenError({ detail: `Your role in this organization does not allow ${permission}.` });
}
