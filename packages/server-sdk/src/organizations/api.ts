import { systemContext, type RequestContext } from '../context.js';
import { requireAllowedKind } from '../core/kinds.js';
import type { OrganizationGrant } from '../core/organizations.js';
import type { Services } from '../core/services.js';
import { NotFoundError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { Page } from '../storage/types.js';
import type { MembershipChanges } from './changes.js';
import type { MembershipDirectory } from './membership.js';
import { organizationStore, type OrganizationRecord } from './repository.js';
import type { OrganizationRole, OrganizationRoles } from './roles.js';
import { requireOrganizationName, requireSlug } from './service.js';
import { toMemberView, toOrganizationView, type OrganizationMemberView, type OrganizationView } from './views.js';

/** The filters and page of {@link OrganizationsApi.members}. */
export interface MemberListQuery {
  role?: string;
  kind?: string;
  /** Matches email or display name. */
  query?: string;
  /** 1 to 100 (default 20). */
  limit?: number;
  cursor?: string | null;
}

/**
 * Organizations for host code (`latch.organizations`): trusted server-side calls, so no member
 * rules apply (who may give which role is the host's to decide), but every invariant does — known
 * roles, allowed kinds, at least one owner — and each change is audited (without an actor),
 * announced and effective in every process at once, as through the HTTP API.
 * @example
 * const org = await latch.organizations.create({ name: 'Acme', ownerId: user.id });
 * await latch.organizations.addMember(org.id, { userId: other.id, role: 'viewer' });
 */
export interface OrganizationsApi {
  /** Creates an organization owned by `ownerId` (whatever `organizations.creation` says). @throws SlugTakenError, NotFoundError (no such user) */
  create(input: { name: string; slug?: string; ownerId: string }, ctx?: RequestContext): Promise<OrganizationView>;
  /** The organization, or null. */
  get(organizationId: string): Promise<OrganizationView | null>;
  /** Every organization of the user with their role, newest membership first. */
  listForUser(userId: string): Promise<Array<OrganizationView & { role: string }>>;
  /** One page of members, newest first. */
  members(organizationId: string, query?: MemberListQuery): Promise<Page<OrganizationMemberView>>;
  /** Adds an account as a member. @throws AlreadyMemberError, NotFoundError, ValidationFailedError (unknown role or kind) */
  addMember(organizationId: string, member: { userId: string; role: string; kind?: string | null }, ctx?: RequestContext): Promise<OrganizationMemberView>;
  /** Gives a member another role (and kind, when given). @throws LastOwnerError, NotFoundError, ValidationFailedError */
  updateMember(organizationId: string, userId: string, changes: { role?: string; kind?: string | null }, ctx?: RequestContext): Promise<OrganizationMemberView>;
  /** Ends a membership; the member's sessions lose the organization at once. @throws LastOwnerError, NotFoundError */
  removeMember(organizationId: string, userId: string, ctx?: RequestContext): Promise<void>;
  /** Deletes the organization, its memberships and invitations. @throws NotFoundError */
  delete(organizationId: string, ctx?: RequestContext): Promise<void>;
  /** The user's membership as authorization sees it (cached, as `requireAuth` reads it), or null. */
  membership(userId: string, organizationId: string): Promise<OrganizationGrant | null>;
  /** Every role, built-in and configured, highest rank first. */
  roles(): OrganizationRole[];
}

const hostContext = () => systemContext('organizations');

/** `latch.organizations`. */
export function createOrganizationsApi(s: Services, roles: OrganizationRoles, directory: MembershipDirectory, changes: MembershipChanges): OrganizationsApi {
  const repo = () => s.storage.store(organizationStore);
  const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const requireUuid = (...ids: string[]) => { if (!ids.every(isUuid)) throw new NotFoundError(); };
  /** Runs `work` with the organization locked; 404 when there is none. */
  const locked = <T>(organizationId: string, work: (tx: Storage, org: OrganizationRecord) => Promise<T>) => s.storage.transaction(async (tx) => {
    requireUuid(organizationId);
    const org = await tx.store(organizationStore).lock(organizationId);
    if (!org) throw new NotFoundError();
    return work(tx, org);
  });
  const memberView = async (organizationId: string, userId: string) => {
    requireUuid(userId);
    const member = await repo().findMemberWithUser(organizationId, userId);
    if (!member) throw new NotFoundError();
    return toMemberView(member);
  };

  return {
    async create(input, ctx = hostContext()) {
      const name = requireOrganizationName(input.name);
      const slug = input.slug === undefined ? undefined : requireSlug(input.slug);
      const org = await s.storage.transaction(async (tx) => {
        requireUuid(input.ownerId);
        const owner = await tx.users.findById(input.ownerId);
        if (!owner) throw new NotFoundError({ detail: 'No account has this id.' });
        return changes.create(tx, { name, slug, ownerId: owner.id, actorId: null }, ctx);
      });
      return toOrganizationView(org);
    },
    async get(organizationId) {
      if (!isUuid(organizationId)) return null;
      const org = await repo().find(organizationId);
      return org ? toOrganizationView(org) : null;
    },
    async listForUser(userId) {
      if (!isUuid(userId)) return [];
      const memberships = await repo().allForUser(userId);
      return memberships.map((m) => ({ ...toOrganizationView(m.organization), role: m.role }));
    },
    async members(organizationId, query = {}) {
      requireUuid(organizationId);
      const { query: text, limit = 20, ...rest } = query;
      const page = await repo().listMembers(organizationId, { ...rest, text, limit: Math.min(Math.max(1, Math.floor(limit)), 100) });
      return { items: page.items.map(toMemberView), nextCursor: page.nextCursor };
    },
    async addMember(organizationId, member, ctx = hostContext()) {
      const kind = member.kind === undefined || member.kind === null ? null : requireAllowedKind(s.config, member.kind);
      await locked(organizationId, async (tx, org) => {
        requireUuid(member.userId);
        const user = await tx.users.findById(member.userId);
        if (!user) throw new NotFoundError({ detail: 'No account has this id.' });
        await changes.add(tx, org, { userId: user.id, role: member.role, kind }, null, ctx);
      });
      return memberView(organizationId, member.userId);
    },
    async updateMember(organizationId, userId, update, ctx = hostContext()) {
      if (update.kind !== undefined && update.kind !== null) requireAllowedKind(s.config, update.kind);
      await locked(organizationId, async (tx, org) => {
        requireUuid(userId);
        const member = await tx.store(organizationStore).findMember(org.id, userId);
        if (!member) throw new NotFoundError();
        await changes.update(tx, org, member, update, null, ctx);
      });
      return memberView(organizationId, userId);
    },
    async removeMember(organizationId, userId, ctx = hostContext()) {
      await locked(organizationId, async (tx, org) => {
        requireUuid(userId);
        const member = await tx.store(organizationStore).findMember(org.id, userId);
        if (!member) throw new NotFoundError();
        await changes.remove(tx, org, member, null, ctx, 'removed');
      });
    },
    async delete(organizationId, ctx = hostContext()) {
      await locked(organizationId, (tx, org) => changes.delete(tx, org, null, ctx));
    },
    membership: (userId, organizationId) => directory.membership(userId, organizationId),
    roles: () => roles.list(),
  };
}
