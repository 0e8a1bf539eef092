import { RevocableCache } from '../cache/revocable-cache.js';
import type { OrganizationGrant, OrganizationPort, OrganizationSummary } from '../core/organizations.js';
import type { Services } from '../core/services.js';
import { organizationStore, type MemberRecord } from './repository.js';
import type { OrganizationRoles } from './roles.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A member's standing in one organization, as the feature's own routes judge it. */
export interface MemberStanding {
  member: MemberRecord;
  /** The role's rank and permissions (rank 0 and none for a role no longer configured). */
  grant: OrganizationGrant;
  /**
   * The role is one of `organizations.requireTwoFactorFor` and the member has no second factor
   * yet: the membership grants nothing until they set one up.
   */
  twoFactorSetupRequired: boolean;
}

/**
 * Who belongs to which organization with which role: the {@link OrganizationPort} the core checks
 * sessions and access tokens against, and the standing the organization routes start from.
 *
 * Answers (a membership, or none) are cached per process for the session cache's lifetime, each
 * owned by its user: every membership change publishes `userRefreshed` for the users it touches,
 * which drops their entries in every process at commit, so a removed member loses the
 * organization on their next request anywhere.
 */
export class MembershipDirectory implements OrganizationPort {
  private readonly cache: RevocableCache<MemberStanding | null>;
  // Bumped by every revocation: a lookup that overlapped one is answered but not cached, so a
  // read that began before a change committed cannot re-cache what the change replaced.
  private revocationCount = 0;

  constructor(private readonly s: Services, private readonly roles: OrganizationRoles) {
    const { cacheTtlSeconds, cacheMaxEntries } = s.config.sessions;
    this.cache = new RevocableCache({ clock: s.clock, maxEntries: cacheMaxEntries, ttlMs: cacheTtlSeconds * 1000 });
    s.revocations.subscribe((revocation) => {
      this.revocationCount++;
      this.cache.revoke(revocation);
    });
  }

  /** The user's standing in the organization, or null when they are not a member. */
  async standing(userId: string, organizationId: string): Promise<MemberStanding | null> {
    if (!uuidPattern.test(userId) || !uuidPattern.test(organizationId)) return null;
    const key = `${userId}:${organizationId}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const before = this.revocationCount;
    const member = await this.s.storage.store(organizationStore).findMember(organizationId, userId);
    const standing = member ? await this.judge(member) : null;
    if (before === this.revocationCount) this.cache.set(key, standing, { userId });
    return standing;
  }

  async membership(userId: string, organizationId: string): Promise<OrganizationGrant | null> {
    const standing = await this.standing(userId, organizationId);
    return standing && !standing.twoFactorSetupRequired ? standing.grant : null;
  }

  async describe(organizationId: string): Promise<OrganizationSummary | null> {
    if (!uuidPattern.test(organizationId)) return null;
    const org = await this.s.storage.store(organizationStore).find(organizationId);
    return org ? { id: org.id, name: org.name, slug: org.slug } : null;
  }

  rankOf(role: string): number | undefined {
    return this.roles.rankOf(role);
  }

  permissionsOf(role: string): readonly string[] {
    return this.roles.permissionsOf(role);
  }

  /** A membership's grant, and whether its role waits for a second factor. */
  async judge(member: MemberRecord): Promise<MemberStanding> {
    const role = this.roles.get(member.role);
    const grant: OrganizationGrant = { id: member.organizationId, role: member.role, rank: role?.rank ?? 0, permissions: role?.permissions ?? [] };
    let twoFactorSetupRequired = false;
    if (this.s.config.organizations.requireTwoFactorFor.includes(member.role)) {
      const user = await this.s.storage.users.findById(member.userId);
      const factors = user ? await this.s.secondFactor.summary(user) : null;
      twoFactorSetupRequired = !factors || !(factors.totp || factors.email || factors.passkeys > 0);
    }
    return { member, grant, twoFactorSetupRequired };
  }
}
