import { ValidationFailedError } from '../errors.js';

/**
 * Platform roles (`users.roles`) and who may do what with them.
 *
 * Roles rank `super_admin` (4) > `admin` (3) > `manager` (2) > `viewer` (1) > none (0).
 * - `manager` and `viewer` read the administration API (users, their details and activity, the
 *   audit trail, API key lists) and change nothing.
 * - A `super_admin` may grant and remove every role and manage every account.
 * - An `admin` may grant and remove only roles ranked below `admin` (`manager`, `viewer` and the
 *   host's own), and may manage only accounts whose highest role ranks below `admin` (plain users,
 *   managers, viewers, holders of host roles only).
 * - Nobody changes their own roles (disabling oneself is allowed, within the next rule).
 * - The last enabled `super_admin`, and the last enabled account holding `super_admin` or `admin`,
 *   cannot lose that role or be disabled (409 `conflict`).
 *
 * A host adds roles of its own in the `roles` setting (`{ support: { permissions: ['tickets:read'] } }`).
 * They rank 0, below `viewer`: they open no administration route and only carry the permissions
 * `requireAuth({ permission })` checks. The built-in roles carry no such permission.
 *
 * Features check administrative access with these rules (`readerRoles` on a route's `roles`,
 * `canManage` before a change), so every part of Latch applies the same ones.
 */

/** Roles Latch knows, highest first. */
export const adminRoles = ['super_admin', 'admin', 'manager', 'viewer'] as const;
export type AdminRole = (typeof adminRoles)[number];

/** Roles that may read the administration endpoints. */
export const readerRoles: string[] = [...adminRoles];
/** Roles that may change accounts. */
export const writerRoles: string[] = ['super_admin', 'admin'];

/**
 * What the name of a role a host configures looks like, on the platform or in organizations:
 * lower-case letters, digits, `_` and `-`, starting with a letter (at most 32).
 */
export const roleNamePattern = /^[a-z][a-z0-9_-]{0,31}$/;
/** What a permission looks like, on the platform or in organizations: `resource:action` (`tickets:read`). */
export const permissionPattern = /^[a-z][a-z0-9_-]*:[a-z][a-z0-9_-]*$/;

/** One role a host configures (`roles.<name>`). */
export interface PlatformRoleDefinition {
  permissions: readonly string[];
  label?: string;
}

/** The part of the configuration platform roles are judged by (`config.roles`). */
export interface PlatformRoleSettings {
  roles: Readonly<Record<string, PlatformRoleDefinition>>;
}

/** Whether `role` is built in or configured: the roles an account may be given. */
export function isKnownRole(settings: PlatformRoleSettings, role: string): boolean {
  return (adminRoles as readonly string[]).includes(role) || Object.hasOwn(settings.roles, role);
}

/** Every role an account may be given: the built-in ones, highest first, then the configured ones in configuration order. */
export function assignableRoles(settings: PlatformRoleSettings): string[] {
  return [...adminRoles, ...Object.keys(settings.roles)];
}

/**
 * `roles` itself when every one {@link isKnownRole}; otherwise a 422 naming `field` and the roles
 * allowed. `undefined` passes through (the field was not given).
 * @throws ValidationFailedError
 */
export function requireKnownRoles<R extends readonly string[] | undefined>(settings: PlatformRoleSettings, roles: R, field = 'roles'): R {
  const unknown = (roles ?? []).filter((role) => !isKnownRole(settings, role));
  if (unknown.length === 0) return roles;
  throw new ValidationFailedError({
    errors: [{ field, code: 'invalid_role', message: `Unknown role ${unknown.join(', ')}. Use one of: ${assignableRoles(settings).join(', ')}.` }],
  });
}

/**
 * The permissions `roles` grant together (the configured roles' lists; built-in and unknown
 * roles grant none), for `requireAuth({ permission })`.
 */
export function permissionsOfRoles(settings: PlatformRoleSettings, roles: readonly string[]): string[] {
  const granted = new Set<string>();
  for (const role of roles) {
    if (Object.hasOwn(settings.roles, role)) for (const permission of settings.roles[role]!.permissions) granted.add(permission);
  }
  return [...granted];
}

/** The configured roles with their labels (the name when none is set) and permissions, in configuration order (`GET /config`). */
export function configuredRoles(settings: PlatformRoleSettings): Array<{ name: string; label: string; permissions: string[] }> {
  return Object.entries(settings.roles).map(([name, role]) => ({ name, label: role.label ?? name, permissions: [...role.permissions] }));
}

// Host roles are absent here: they rank 0, like no role at all.
const rank: Record<string, number> = { super_admin: 4, admin: 3, manager: 2, viewer: 1 };
// Own keys only: a role named `constructor` must not read Object.prototype.
const rankOf = (role: string): number => (Object.hasOwn(rank, role) ? rank[role]! : 0);

/** The rank of a user's highest role (0 for none). */
export function highestRank(roles: readonly string[]): number {
  return roles.reduce((best, role) => Math.max(best, rankOf(role)), 0);
}

/** Whether `roles` include one that may change accounts (`super_admin`, `admin`). */
export function isWriter(roles: readonly string[]): boolean {
  return roles.some((role) => writerRoles.includes(role));
}

/** Whether `actorRoles` may grant or remove `role`. */
export function canGrant(actorRoles: readonly string[], role: string): boolean {
  if (actorRoles.includes('super_admin')) return true;
  return rankOf(role) < highestRank(actorRoles) && highestRank(actorRoles) >= rank.admin!;
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
