/** Records as Latch stores them. Times are `Date`s; ids are UUID strings. */

export interface UserRecord {
  id: string;
  email: string;
  emailNormalized: string;
  emailVerifiedAt: Date | null;
  displayName: string;
  passwordHash: string | null;
  roles: string[];
  kind: string;
  disabledAt: Date | null;
  emailTwoFactor: boolean;
  /** Set when the account was secured without a new password: the password no longer signs in until replaced. */
  passwordChangeRequiredAt: Date | null;
  /** E.164 (`+442079460958`), or null when none was given. */
  phoneNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  emailNormalized: string;
  displayName: string;
  passwordHash: string | null;
  roles?: string[];
  kind?: string;
  emailVerifiedAt?: Date | null;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  lastActiveAt: Date;
  authenticatedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** The organization the session works in (set through the organizations feature); null when none. */
  activeOrganizationId: string | null;
}

export type NewSession = Omit<SessionRecord, 'id' | 'activeOrganizationId'>;

/** A device class (browser family, OS family, address prefix) a user signed in from, by its hash. */
export interface KnownDeviceRecord {
  userId: string;
  deviceHash: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  /** When a new-device alert about this class was last sent (null: never). */
  lastAlertedAt: Date | null;
}

/** What an emailed link is for. */
export type EmailTokenPurpose = 'verify_email' | 'reset_password' | 'change_email' | 'invitation';

export interface EmailTokenRecord {
  id: string;
  userId: string;
  purpose: EmailTokenPurpose;
  tokenHash: string;
  newEmail: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface OutboxMessage {
  id: string;
  toAddress: string;
  template: string;
  subject: string;
  bodySealed: string | null;
  createdAt: Date;
  attempts: number;
  nextAttemptAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  lastError: string | null;
}

export interface NewOutboxMessage {
  toAddress: string;
  template: string;
  subject: string;
  bodySealed: string;
  createdAt: Date;
}

export interface AuditEventRecord {
  id: string;
  seq: number;
  userId: string | null;
  actorId: string | null;
  type: string;
  at: Date;
  ip: string | null;
  userAgent: string | null;
  detail: Record<string, unknown>;
  /** The organization the event belongs to (its activity trail); null for account events. */
  organizationId: string | null;
}

/** An event to append; `organizationId` only where the organizations feature records one (its column exists with the feature). */
export type NewAuditEvent = Omit<AuditEventRecord, 'id' | 'seq' | 'organizationId'> & { organizationId?: string | null };

/** One page of a list plus the cursor of the next page (null at the end). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  limit: number;
  cursor?: string | null;
}
