import { ValidationFailedError } from '../../errors.js';
import type { AuditEventRecord, EmailTokenRecord, KnownDeviceRecord, OutboxMessage, SessionRecord, UserRecord } from '../types.js';

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
    passwordChangeRequiredAt: maybeDate(row.password_change_required_at),
    phoneNumber: row.phone_number ?? null,
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
    // The column exists only where the organizations feature is installed.
    activeOrganizationId: row.active_organization_id ?? null,
  };
}

export function toKnownDevice(row: Row): KnownDeviceRecord {
  return {
    userId: row.user_id,
    deviceHash: row.device_hash,
    firstSeenAt: date(row.first_seen_at),
    lastSeenAt: date(row.last_seen_at),
    lastAlertedAt: maybeDate(row.last_alerted_at),
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
    organizationId: row.organization_id ?? null,
  };
}

/**
 * The columns a list is ordered by, written as cursor text: `format` writes a key, and `parse`
 * reads one back, returning undefined for any text `format` could not have written (wrong shape,
 * out of the column's range), so a forged key never reaches SQL.
 */
export interface Keyset<K> {
  format(key: K): string;
  parse(text: string): K | undefined;
}

/** The largest PostgreSQL `bigint`. */
const maxBigint = 2n ** 63n - 1n;

/** A `bigserial` column such as the audit trail's `seq`: a decimal integer from 1 to the bigint maximum. */
export const seqKeyset: Keyset<string> = {
  format: (seq) => seq,
  parse: (text) => (/^[1-9][0-9]{0,18}$/.test(text) && BigInt(text) <= maxBigint ? text : undefined),
};

/** A normalized email, the order of the user list: printable ASCII around one `@`, no spaces. */
export const emailKeyset: Keyset<string> = {
  format: (email) => email,
  // [!-?A-~] is printable ASCII without `@`.
  parse: (text) => (/^[!-?A-~]{1,64}@[!-?A-~]{1,255}$/.test(text) ? text : undefined),
};

/** The longest cursor accepted, in base64url characters (the longest email key needs 427). */
export const maxCursorLength = 512;

/** Encodes a key of `keyset` as an opaque cursor: the base64url of its UTF-8 text. */
export function encodeCursor<K>(keyset: Keyset<K>, key: K): string {
  return Buffer.from(keyset.format(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor that {@link encodeCursor} made with the same keyset; undefined when absent.
 * @throws ValidationFailedError naming the field `cursor` for anything else, so a forged cursor is
 *   answered 422: never a database error, and never silently the first page.
 */
export function decodeCursor<K>(keyset: Keyset<K>, cursor: string | null | undefined): K | undefined {
  if (cursor == null) return undefined;
  const text = cursorText(cursor);
  const key = text === undefined ? undefined : keyset.parse(text);
  if (key === undefined) {
    throw new ValidationFailedError({ errors: [{ field: 'cursor', code: 'invalid_format', message: 'Not a cursor from this API.' }] });
  }
  return key;
}

/** The text inside a cursor, or undefined unless the cursor is canonical base64url of valid UTF-8. */
function cursorText(cursor: string): string | undefined {
  if (cursor.length === 0 || cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  // Decoding ignores stray bits and replaces broken UTF-8: only an exact round trip is a cursor we wrote.
  return Buffer.from(text, 'utf8').toString('base64url') === cursor ? text : undefined;
}
