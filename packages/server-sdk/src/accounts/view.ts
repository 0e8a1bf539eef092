import { z } from 'zod';
import { isoTime, named } from '../response-schemas.js';
import type { UserRecord } from '../storage/types.js';

/** A user as the API shows it (`GET /me`, sign-in answers and the like). */
export const publicUserSchema = named('PublicUser', z.object({
  id: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  displayName: z.string(),
  roles: z.array(z.string()),
  /** What sort of account this is, e.g. `user`, `employee`. */
  kind: z.string(),
  /** E.164 (`+442079460958`), or null when none is set. */
  phoneNumber: z.string().nullable(),
  createdAt: isoTime,
}));

/** A user as administrators see it (`/admin/users`): the public view and whether it is disabled. */
export const adminUserSchema = named('AdminUser', publicUserSchema.extend({ disabled: z.boolean() }));

/** A user as the API shows it. */
export type PublicUser = z.infer<typeof publicUserSchema>;

/** A user as administrators see it. */
export type AdminUserView = z.infer<typeof adminUserSchema>;

/** One security event of the signed-in user (`GET /me/activity`). */
export const activityEventSchema = named('ActivityEvent', z.object({
  id: z.string(),
  type: z.string(),
  at: isoTime,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
}));

/** The API view of a user; `admin` adds fields only administrators see. */
export function toPublicUser(user: UserRecord): PublicUser;
export function toPublicUser(user: UserRecord, admin: true): AdminUserView;
export function toPublicUser(user: UserRecord, admin = false): PublicUser | AdminUserView {
  const view: PublicUser = {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    displayName: user.displayName,
    roles: user.roles,
    kind: user.kind,
    phoneNumber: user.phoneNumber,
    createdAt: user.createdAt.toISOString(),
  };
  return admin ? { ...view, disabled: user.disabledAt !== null } : view;
}
