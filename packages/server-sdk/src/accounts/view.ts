import type { UserRecord } from '../storage/types.js';

/** A user as the API shows it. */
export interface PublicUser {
  id: string;
  email: string;
  emailVerified: boolean;
  displayName: string;
  roles: string[];
  kind: string;
  createdAt: string;
  disabled?: boolean;
}

/** The API view of a user; `admin` adds fields only administrators see. */
export function toPublicUser(user: UserRecord, admin = false): PublicUser {
  const view: PublicUser = {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    displayName: user.displayName,
    roles: user.roles,
    kind: user.kind,
    createdAt: user.createdAt.toISOString(),
  };
  if (admin) view.disabled = user.disabledAt !== null;
  return view;
}
