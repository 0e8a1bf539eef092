import type { Knex } from 'knex';
import type {
  AuditEventRecord, EmailTokenPurpose, EmailTokenRecord, KnownDeviceRecord, NewAuditEvent, NewOutboxMessage, NewSession, NewUser,
  OutboxMessage, Page, PageQuery, SessionRecord, UserRecord,
} from './types.js';
import type { DatabaseKind } from './database.js';

/** Accounts. */
export interface UserRepository {
  findById(id: string): Promise<UserRecord | null>;
  findByEmail(emailNormalized: string): Promise<UserRecord | null>;
  /** Inserts a user; returns null (and changes nothing) when the normalized email is taken. */
  createIfEmailFree(user: NewUser): Promise<UserRecord | null>;
  /**
   * Inserts the users whose normalized email is free, in one statement; returns those inserted.
   * Rows go in email order, so concurrent imports of overlapping lists queue instead of deadlocking,
   * and an email taken meanwhile (by a racing import) is skipped, never duplicated.
   */
  createManyIfEmailFree(users: readonly NewUser[]): Promise<UserRecord[]>;
  /** Locks the user's row until the transaction ends (serializes per-user caps). */
  lockForUpdate(id: string): Promise<UserRecord | null>;
  /**
   * Locks every account holding one of `roles` until the transaction ends, in id order (so
   * concurrent changes queue instead of deadlocking), and returns their roles and status.
   */
  lockHoldersOf(roles: readonly string[]): Promise<Array<{ id: string; roles: string[]; disabled: boolean }>>;
  markEmailVerified(id: string, at: Date): Promise<void>;
  updateProfile(id: string, changes: { displayName?: string }, at: Date): Promise<UserRecord>;
  setPasswordHash(id: string, passwordHash: string, at: Date): Promise<void>;
  /**
   * Replaces the password hash only while it is still `expected` (a rehash after sign-in must not
   * undo a password change or reset that won a race); returns whether it did.
   */
  replacePasswordHash(id: string, expected: string, passwordHash: string, at: Date): Promise<boolean>;
  /** Marks (a date) or clears (null) that the password no longer signs in until it is replaced. */
  setPasswordChangeRequired(id: string, requiredAt: Date | null, at: Date): Promise<void>;
  /** Changes the login email; returns false when another account holds it. */
  changeEmail(id: string, email: string, emailNormalized: string, at: Date): Promise<boolean>;
  setEmailTwoFactor(id: string, enabled: boolean, at: Date): Promise<void>;
  /** Sets (E.164) or clears (null) the phone number; returns the changed user. */
  setPhoneNumber(id: string, phoneNumber: string | null, at: Date): Promise<UserRecord>;
  updateAdministrative(id: string, changes: { displayName?: string; roles?: string[]; kind?: string; disabledAt?: Date | null }, at: Date): Promise<UserRecord>;
  countWithRole(role: string): Promise<number>;
  search(query: { text?: string; role?: string; kind?: string } & PageQuery): Promise<Page<UserRecord>>;
}

/** Login sessions. */
export interface SessionRepository {
  create(session: NewSession): Promise<SessionRecord>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  findById(id: string): Promise<SessionRecord | null>;
  /** Sets last-active time unless it was written less than `minIntervalSeconds` ago. */
  touch(id: string, at: Date, minIntervalSeconds: number): Promise<void>;
  /** Sets the time of the latest proof of presence (reauthentication). */
  markAuthenticated(id: string, at: Date): Promise<void>;
  listLive(userId: string, now: Date, idleTimeoutSeconds: number): Promise<SessionRecord[]>;
  /** Deletes one of the user's sessions; false when it is not theirs or gone. */
  deleteForUser(userId: string, sessionId: string): Promise<boolean>;
  /** Deletes all of the user's sessions except `exceptId`; returns the deleted ids. */
  deleteAllForUser(userId: string, exceptId?: string): Promise<string[]>;
  /**
   * Deletes the oldest sessions beyond `keep`; returns the deleted ids. `keepId` (the session just
   * made) always stays, even when several sessions share its creation time.
   */
  evictOldest(userId: string, keep: number, keepId?: string): Promise<string[]>;
  deleteExpired(now: Date, idleTimeoutSeconds: number): Promise<number>;
}

/** Single-use links sent by email. */
export interface EmailTokenRepository {
  /** Stores a new token and voids every earlier unused token of the same purpose for the user. */
  issue(token: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; newEmail?: string | null; createdAt: Date; expiresAt: Date }): Promise<EmailTokenRecord>;
  /** Marks a live token used and returns it, atomically; null when unknown, used, expired or of another purpose. */
  consume(purpose: EmailTokenPurpose, tokenHash: string, now: Date): Promise<EmailTokenRecord | null>;
  /** A live token (unused, unexpired, of this purpose) without using it. */
  findLive(purpose: EmailTokenPurpose, tokenHash: string, now: Date): Promise<EmailTokenRecord | null>;
  /** Voids every unused token of the given purposes for the user. */
  voidForUser(userId: string, purposes: EmailTokenPurpose[], now: Date): Promise<void>;
}

/** The device classes each user signed in from (new-device sign-in alerts). */
export interface KnownDeviceRepository {
  find(userId: string, deviceHash: string): Promise<KnownDeviceRecord | null>;
  /** Whether the user has any known device at all (none: sign-ins were never tracked for them). */
  hasAny(userId: string): Promise<boolean>;
  /**
   * Records a sign-in from the device class at `seenAt`: inserts it (first seen then) or moves its
   * last-seen time; `alertedAt` also sets when an alert about it was sent.
   */
  recordSeen(userId: string, deviceHash: string, seenAt: Date, alertedAt?: Date): Promise<void>;
  /**
   * Deletes device classes last seen before `before`, except each user's most recent one (so a
   * user who was away still counts as tracked); returns how many went.
   */
  deleteStale(before: Date): Promise<number>;
}

/** Emails waiting for delivery, written in the same transaction as the change that caused them. */
export interface OutboxRepository {
  enqueue(message: NewOutboxMessage): Promise<OutboxMessage>;
  /** Claims up to `limit` due messages for `lockSeconds` (other workers skip them). */
  claimDue(now: Date, limit: number, lockSeconds: number): Promise<OutboxMessage[]>;
  markSent(id: string, at: Date, eraseBody: boolean): Promise<void>;
  markAttemptFailed(id: string, error: string, nextAttemptAt: Date | null, at: Date): Promise<void>;
  listRecent(limit: number): Promise<OutboxMessage[]>;
  countPending(): Promise<number>;
}

/** The append-only audit trail. */
export interface AuditRepository {
  append(event: NewAuditEvent): Promise<void>;
  /** Appends several events in one statement, in the order given (bulk work such as an import). */
  appendMany(events: readonly NewAuditEvent[]): Promise<void>;
  listForUser(userId: string, page: PageQuery): Promise<Page<AuditEventRecord>>;
  /** Newest first; `organizationId` (an organization's activity) needs the organizations feature's column. */
  search(query: { userId?: string; type?: string; organizationId?: string } & PageQuery): Promise<Page<AuditEventRecord>>;
}

/** Fixed-window counters shared by every process. */
export interface RateLimitRepository {
  /** Counts one event for `key`; returns the count in the current window and when it resets. */
  hit(key: string, windowSeconds: number, now: Date): Promise<{ count: number; resetAt: Date }>;
  /** The count in the current window without counting. */
  peek(key: string, now: Date): Promise<{ count: number; resetAt: Date }>;
  reset(key: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

/**
 * How a feature's store is made from the database executor (a pool or an open transaction). A
 * feature declares one key per store; `storage.store(key)` gives the store bound to that storage,
 * so a feature's writes join the transaction they are called in.
 * @example export const sshKeyStore: StoreKey<SshKeyStore> = { name: 'ssh-keys', create: (db) => new KnexSshKeyStore(db) };
 */
export interface StoreKey<T> {
  readonly name: string;
  create(db: Knex | Knex.Transaction): T;
}

/**
 * Everything Latch stores, split by aggregate. Methods are named for their intent and are
 * atomic where an invariant needs it; `transaction` runs several of them as one.
 */
export interface Storage {
  readonly kind: DatabaseKind;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly emailTokens: EmailTokenRepository;
  readonly outbox: OutboxRepository;
  readonly audit: AuditRepository;
  readonly rateLimits: RateLimitRepository;
  readonly knownDevices: KnownDeviceRepository;
  /** A feature's own store, bound to the same connection or transaction as this storage. */
  store<T>(key: StoreKey<T>): T;
  /** Runs `work` in one transaction; nested calls join the outer one. */
  transaction<T>(work: (tx: Storage) => Promise<T>): Promise<T>;
  /**
   * Runs `task` once the surrounding transaction has committed (never when it rolls back); outside a
   * transaction, right away. Mail delivery, cache drops and events hang here, so nothing is
   * announced that did not happen.
   */
  afterCommit(task: () => void): void;
  /** Sends a PostgreSQL notification, delivered at commit (cross-process signals). */
  notify(channel: string, payload: string): Promise<void>;
  /** Answers whether the database is reachable. */
  ping(): Promise<boolean>;
}
