import { z } from 'zod';
import { builtInOrganizationRoles, permissionPattern, roleNamePattern, type OrganizationRole } from './roles.js';

const day = 86_400;
const builtInNames = new Set(builtInOrganizationRoles.map((r) => r.name));
const builtInRanks = new Set(builtInOrganizationRoles.map((r) => r.rank));

/** One role a host adds. */
const configuredRoleSchema = z.object({
  rank: z.number().int('must be a whole number from 1 to 99').min(1).max(99)
    .refine((rank) => !builtInRanks.has(rank), 'must differ from the built-in ranks (10, 20, 30, 40)')
    .describe('Where the role stands: `owner` is 40, `admin` 30, `manager` 20, `viewer` 10. Members may only give roles up to their own rank.'),
  permissions: z.array(z.string().regex(permissionPattern, 'must look like resource:action (lower-case letters, digits, _ and -)'))
    .describe('What the role may do: the built-in permissions (`organization:read`, `members:read`, `members:write`, `members:roles`, `members:remove`, `invitations:read`, `invitations:write`, `activity:read`, `organization:write`, `organization:delete`) or the host\'s own, checked with `requireAuth({ permission })`.'),
}).strict();

/** The `organizations` section. */
export const organizationsSchema = z.object({
  creation: z.enum(['anyone', 'admins']).default('anyone')
    .describe('Who may create organizations with `POST /orgs`: any signed-in user, or only platform administrators (`super_admin`, `admin`). Host code may always create them (`latch.organizations.create`).'),
  roles: z.record(
    z.string().regex(roleNamePattern, 'names a role that is not lower-case letters, digits, _ and -, starting with a letter (at most 32)')
      .refine((name) => !builtInNames.has(name), 'names a built-in role (owner, admin, manager, viewer)'),
    configuredRoleSchema,
  ).default({}).meta({
    description: 'Roles of the host\'s own, by name, beside the built-in `owner`, `admin`, `manager` and `viewer` (`{ billing: { rank: 15, permissions: [\'organization:read\', \'billing:write\'] } }`).',
    docType: '{ [name]: { rank, permissions } }',
    docDefault: '`{}`',
  }),
  invitationTtlSeconds: z.number().int().min(300).max(30 * day).default(7 * day)
    .describe('How long an invitation link works (a resend starts a new period).'),
  invitationsPerInviterPerHour: z.number().int().min(1).default(20)
    .describe('Invitations (and resends) one member may send per hour, across organizations.'),
  requireTwoFactorFor: z.array(z.string().min(1)).default([])
    .describe('Organization roles whose members must have a second factor: until they set one up, their membership grants nothing (the organization\'s routes answer 403 with `twoFactorSetupRequired`). Needs the two-factor feature.'),
}).superRefine((section, ctx) => {
  const known = new Set([...builtInNames, ...Object.keys(section.roles)]);
  section.requireTwoFactorFor.forEach((role, i) => {
    if (!known.has(role)) ctx.addIssue({ code: 'custom', path: ['requireTwoFactorFor', i], message: `names the unknown role "${role}"` });
  });
}).transform((section) => ({
  ...section,
  /** Every role, built-in and configured, highest rank first (what `GET /config` lists). */
  roleList: roleListOf(section.roles),
})).describe('Organizations: teams of members with roles, invitations and an activity trail (the organizations feature).');

/** The built-in roles and the configured ones, highest rank first (ties by name). */
function roleListOf(configured: Record<string, { rank: number; permissions: string[] }>): OrganizationRole[] {
  const roles: OrganizationRole[] = [
    ...builtInOrganizationRoles,
    ...Object.entries(configured).map(([name, role]) => ({ name, rank: role.rank, permissions: Object.freeze([...new Set(role.permissions)]) })),
  ];
  return roles.sort((a, b) => b.rank - a.rank || a.name.localeCompare(b.name));
}

/** The organizations feature's top-level section, for the composed configuration. */
export const organizationsConfigShape = {
  organizations: organizationsSchema.prefault({}),
};

/** The `organizations` section as `createLatch` accepts it. */
export type OrganizationsConfig = z.input<typeof organizationsSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    organizations: z.output<typeof organizationsSchema>;
  }
}
