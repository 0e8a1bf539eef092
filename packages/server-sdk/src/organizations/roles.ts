/**
 * Organization roles: the built-in four, ranked `owner` (40) > `admin` (30) > `manager` (20) >
 * `viewer` (10), and the roles a host adds in `organizations.roles`. A higher rank may do what the
 * rules allow a lower one to; what a role may do is its list of permissions.
 */

/** The permissions the built-in routes check. */
export const organizationPermissions = [
  'organization:read', 'members:read', 'invitations:read', 'activity:read',
  'members:write', 'members:roles', 'members:remove', 'invitations:write',
  'organization:write', 'organization:delete',
] as const;

/** One role: its rank and what it may do. */
export interface OrganizationRole {
  name: string;
  /** 1 to 99 for configured roles; higher ranks outrank lower ones. */
  rank: number;
  permissions: readonly string[];
}

const viewer = ['organization:read', 'members:read', 'invitations:read', 'activity:read'];
const manager = [...viewer, 'members:write'];
const admin = [...manager, 'members:roles', 'members:remove', 'invitations:write'];
const owner = [...admin, 'organization:write', 'organization:delete'];

/** The built-in roles, highest first. */
export const builtInOrganizationRoles: readonly OrganizationRole[] = Object.freeze([
  { name: 'owner', rank: 40, permissions: Object.freeze(owner) },
  { name: 'admin', rank: 30, permissions: Object.freeze(admin) },
  { name: 'manager', rank: 20, permissions: Object.freeze(manager) },
  { name: 'viewer', rank: 10, permissions: Object.freeze(viewer) },
]);

/** The role every organization must keep at least one member in. */
export const ownerRole = 'owner';

// Configured organization roles are named and grant permissions as platform roles do.
export { permissionPattern, roleNamePattern } from '../core/roles.js';

/** The role table of one Latch: built-in and configured roles by name. */
export class OrganizationRoles {
  private readonly byName: ReadonlyMap<string, OrganizationRole>;

  /** @param roles every role (`config.organizations.roleList`), highest rank first */
  constructor(private readonly roles: readonly OrganizationRole[]) {
    this.byName = new Map(roles.map((r) => [r.name, r]));
  }

  /** The role of this name, or undefined when there is none. */
  get(name: string): OrganizationRole | undefined {
    return this.byName.get(name);
  }

  rankOf(name: string): number | undefined {
    return this.byName.get(name)?.rank;
  }

  permissionsOf(name: string): readonly string[] {
    return this.byName.get(name)?.permissions ?? [];
  }

  /** Every role, highest rank first (ties by name), as `GET /config` lists them. */
  list(): OrganizationRole[] {
    return [...this.roles];
  }
}
