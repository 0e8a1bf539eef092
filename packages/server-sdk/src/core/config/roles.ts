import { z } from 'zod';
import { adminRoles, permissionPattern, roleNamePattern } from '../roles.js';

/** One platform role a host adds. */
const roleSchema = z.object({
  permissions: z.array(z.string().regex(permissionPattern, 'must look like resource:action (lower-case letters, digits, _ and -, starting with a letter)'))
    .max(100, 'must list at most 100 permissions')
    .describe('What the role allows, checked with `requireAuth({ permission })` (`tickets:read`).'),
  label: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters long')
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters').optional()
    .describe('What the administration console shows for the role (`Support`); the name when left out.'),
}).strict();

/** The `roles` setting. */
export const rolesSchema = z.record(z.string(), roleSchema).superRefine((roles, ctx) => {
  // Checked here rather than on the record's key, so the message names the refused role.
  for (const name of Object.keys(roles)) {
    if (!roleNamePattern.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'is not a role name: use lower-case letters, digits, _ and -, starting with a letter (at most 32)' });
    } else if ((adminRoles as readonly string[]).includes(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `names a built-in role (${adminRoles.join(', ')})` });
    }
  }
}).transform((roles) => {
  // One copy of each permission, in the order given.
  const out: Record<string, { permissions: string[]; label?: string }> = {};
  for (const [name, role] of Object.entries(roles)) out[name] = { ...role, permissions: [...new Set(role.permissions)] };
  return out;
}).default({}).meta({
  description: 'Platform roles of the host\'s own, by name, beside the built-in `super_admin`, `admin`, `manager` and `viewer`, each with its `permissions` and an optional `label` (`{ support: { label: \'Support\', permissions: [\'tickets:read\'] } }`). They carry no administrative rights (they rank below `viewer`): admins and super admins grant and remove them (`POST`/`PATCH /admin/users`, import, `provisionUser`), and `requireAuth({ permission })` passes for a caller holding one that lists the permission. `GET /config` lists them. The built-in roles carry no such permission.',
  docType: '{ [name]: { permissions, label? } }',
  docDefault: '`{}`',
});

/** The `roles` setting as `createLatch` accepts it. */
export type RolesConfig = z.input<typeof rolesSchema>;
