import type { AuditEventRecord, EmailTokenRecord, OutboxMessage, SessionRecord, UserRecord } from '../types.js';

/* Row mappers: snake_case columns to camelCase records, in one place. */

/** A database row as the driver returns it. */
export type Row = Record<string, any>;

/** A timestamp column as a Date (drivers return Dates or ISO strings). */
export const date = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
/** A nullable timestamp column as a Date or null. */
export const maybeDate = (value: unknown): Date | null => (value == null ? null : date(value));

export function toUser(row: Row): UserRecord {
  return {
    id: row.id,
    email: row.email,
    emailNormalized: row.email_normalized,
    emailVerifiedAt: maybeDate(row.email_verified_at),
    displayName: row.display_name,
    passwordHash: row.password_hash ?? null,
    roles: row.roles ?? [],
    kind: row.kind,
    disabledAt: maybeDate(row.disabled_at),
    emailTwoFactor: Boolean(row.email_two_factor),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
  };
}

export function toSession(row: Row): SessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    tokenHash: row.token_hash,
    createdAt: date(row.created_at),
    lastActiveAt: date(row.last_active_at),
    authenticatedAt: date(row.authenticated_at),
    expiresAt: date(row.expires_at),
    ip: row.ip ?? null,
    userAgent: row.user_agent ?? null,
  };
}

export function toEmailToken(row: Row): EmailTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    purpose: row.purpose,
    tokenHash: row.token_hash,
    newEmail: row.new_email ?? null,
    createdAt: date(row.created_at),
    expiresAt: date(row.expires_at),
    usedAt: maybeDate(row.used_at),
  };
}

export function toOutbox(row: Row): OutboxMessage {
  return {
    id: row.id,
    toAddress: row.to_address,
    template: row.template,
    subject: row.subject,
    bodySealed: row.body_sealed ?? null,
    createdAt: date(row.created_at),
    attempts: Number(row.attempts),
    nextAttemptAt: date(row.next_attempt_at),
    sentAt: maybeDate(row.sent_at),
    failedAt: maybeDate(row.failed_at),
    lastError: row.last_error ?? null,
  };
}

export function toAuditEvent(row: Row): AuditEventRecord {
  return {
    id: row.id,
    seq: Number(row.seq),
    userId: row.user_id ?? null,
    actorId: row.actor_id ?? null,
    type: row.type,
    at: date(row.at),
    ip: row.ip ?? null,
    userAgent: row.user_agent ?? null,
    detail: typeof row.detail === 'string' ? JSON.parse(row.detail) : (row.detail ?? {}),
  };
}

/** Encodes a keyset-pagination cursor. */
export function encodeCursor(value: string | number): string {
  return Buffer.from(String(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; undefined when absent or malformed. */
export function decodeCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // A forged cursor must not reach SQL as text PostgreSQL refuses (NUL, broken UTF-8): that is a 500.
  if (/[\p{Cc}\uFFFD]/u.test(text)) return undefined;
  return text.length > 0 && text.length < 400 ? text : undefined;
}
