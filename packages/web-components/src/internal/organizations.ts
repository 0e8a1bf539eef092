import type { PublicConfig } from '../api/types.js';
import type { OrganizationStrings } from '../locales/organizations.js';
import { hasFeature } from './features.js';

/** A role members of an organization can hold, as `GET /config` `organizations.roles` lists it. */
export interface OrganizationRole {
  name: string;
  rank: number;
  permissions: readonly string[];
}

/** Whether the server has organizations (the feature installed and described in `GET /config`). */
export const organizationsAvailable = (config: PublicConfig): boolean => hasFeature(config, 'organizations') && !!config.organizations;

/**
 * What a role may do in an organization, from the server's configuration: the built-in roles and
 * the host's own. The elements hide what the role may not do; the server decides either way.
 */
export class OrganizationRoles {
  /** Every role, highest rank first. */
  readonly all: readonly OrganizationRole[];

  constructor(config: PublicConfig | undefined) {
    this.all = [...(config?.organizations?.roles ?? [])].sort((a, b) => b.rank - a.rank);
  }

  rankOf(role: string): number {
    return this.all.find((r) => r.name === role)?.rank ?? 0;
  }

  /** Whether `role` has `permission` (`members:write`, …). */
  allows(role: string, permission: string): boolean {
    return this.all.find((r) => r.name === role)?.permissions.includes(permission) ?? false;
  }

  /** The roles someone with `role` may hand out: none ranked above their own. */
  grantableBy(role: string): OrganizationRole[] {
    const rank = this.rankOf(role);
    return this.all.filter((r) => r.rank <= rank);
  }
}

/** A role's name for people: the built-in ones translated, a host's own as configured. */
export function roleLabel(o: OrganizationStrings, role: string): string {
  return o.roleNames[role] ?? role;
}

/** A kind's label from `GET /config` `kinds`, else the kind itself. */
export function kindLabel(config: PublicConfig | undefined, kind: string): string {
  return config?.kinds?.find((k) => k.name === kind)?.label ?? kind;
}
