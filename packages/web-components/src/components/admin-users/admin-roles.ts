/**
 * The platform role rules as the console applies them to decide which controls to show. They
 * mirror the server's rules (which refuse anything else anyway): `super_admin` > `admin` >
 * `manager` > `viewer`; managers and viewers read; a super admin grants every role and manages
 * every account; an admin grants only roles below `admin` and manages only accounts whose highest
 * role is below `admin`. The host's own roles (`GET /config` `roles`) rank below `viewer`, like no
 * role at all: they open nothing here, and admins grant and remove them.
 */

/** The platform roles, highest first. */
export const platformRoles = ['super_admin', 'admin', 'manager', 'viewer'] as const;

const rank: Record<string, number> = { super_admin: 4, admin: 3, manager: 2, viewer: 1 };
// Own keys only: a host role named `constructor` must not read Object.prototype.
const rankOf = (role: string): number => (Object.hasOwn(rank, role) ? rank[role]! : 0);

/** The rank of the highest platform role among `roles` (0 for none). */
export function highestRank(roles: readonly string[]): number {
  return roles.reduce((best, role) => Math.max(best, rankOf(role)), 0);
}

/** Whether `roles` may read the administration API. */
export const canRead = (roles: readonly string[]): boolean => highestRank(roles) >= rank.viewer!;

/** Whether `roles` may change accounts at all. */
export const canWrite = (roles: readonly string[]): boolean => highestRank(roles) >= rank.admin!;

/** Whether `actor` may grant or remove `role`. */
export function canGrant(actor: readonly string[], role: string): boolean {
  if (actor.includes('super_admin')) return true;
  return canWrite(actor) && rankOf(role) < highestRank(actor);
}

/** Whether `actor` may change an account holding `target`. */
export function canManage(actor: readonly string[], target: readonly string[]): boolean {
  if (actor.includes('super_admin')) return true;
  return canWrite(actor) && highestRank(target) < highestRank(actor);
}
