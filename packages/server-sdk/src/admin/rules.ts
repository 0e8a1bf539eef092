/**
 * Who may do what in user administration.
 *
 * Roles rank `super_admin` (3) > `admin` (2) > `manager` (1) > none (0).
 * - `manager` reads (user list, audit trail) and changes nothing.
 * - A `super_admin` may grant and remove every role and manage every account.
 * - An `admin` may grant and remove only roles ranked below `admin` (that is, `manager`), and may
 *   manage only accounts whose highest role ranks below `admin` (plain users and managers).
 * - Nobody changes their own roles (disabling oneself is allowed, within the next rule).
 * - The last enabled `super_admin`, and the last enabled account holding `super_admin` or `admin`,
 *   cannot lose that role or be disabled (409 `conflict`).
 */

/** Roles Latch knows, highest first. */
export const adminRoles = ['super_admin', 'admin', 'manager'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** Roles that may read the administration endpoints. */
export const readerRoles: string[] = [...adminRoles];
/** Roles that may change accounts. */
export const writerRoles: string[] = ['super_admin', 'admin'];

const rank: Record<string, number> = { super_admin: 3, admin: 2, manager: 1 };

/** The rank of a user's highest role (0 for none). */
export function highestRank(roles: readonly string[]): number {
  return roles.reduce((best, role) => Math.max(best, rank[role] ?? 0), 0);
}

/** Whether `actorRoles` may grant or remove `role`. */
export function canGrant(actorRoles: readonly string[], role: string): boolean {
  if (actorRoles.includes('super_admin')) return true;
  return (rank[role] ?? 0) < highestRank(actorRoles) && highestRank(actorRoles) >= rank.admin!;
}

/** Whether `actorRoles` may change an account holding `targetRoles`. */
export function canManage(actorRoles: readonly string[], targetRoles: readonly string[]): boolean {
  if (actorRoles.includes('super_admin')) return true;
  return highestRank(actorRoles) >= rank.admin! && highestRank(targetRoles) < highestRank(actorRoles);
}

/** One account's administrative state, before or after a change. */
export interface AdminHolder {
  id: string;
  roles: readonly string[];
  disabled: boolean;
}

/**
 * Checks that a change keeps at least one enabled `super_admin` (when there was one) and at least
 * one enabled administrator (`super_admin` or `admin`). Returns the broken rule, or null.
 */
export function lastAdministratorViolation(before: AdminHolder[], after: AdminHolder[]): string | null {
  const count = (list: AdminHolder[], roles: string[]) => list.filter((h) => !h.disabled && h.roles.some((r) => roles.includes(r))).length;
  if (count(before, ['super_admin']) > 0 && count(after, ['super_admin']) === 0) {
    return 'This is the last enabled super_admin: it cannot lose the role or be disabled.';
  }
  if (count(before, writerRoles) > 0 && count(after, writerRoles) === 0) {
    return 'This is the last enabled administrator: it cannot lose the role or be disabled.';
  }
  return null;
}
