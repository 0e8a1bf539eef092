import { z } from 'zod';
import { parseEmail, type ParsedEmail } from '../accounts/email.js';
import { requireDisplayName } from '../accounts/validation.js';
import { recordAudits, type AuditEventInput } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { Services } from '../core/services.js';
import { ValidationFailedError, type FieldError } from '../errors.js';
import { inspectHash, toFirebaseScryptHash, type FirebaseHashParameters } from '../passwords/hash-formats/index.js';
import type { NewUser, UserRecord } from '../storage/types.js';
import { issueInvitation } from './provisioning.js';
import { assignableRoles, isKnownRole, type PlatformRoleSettings } from '../core/roles.js';
import { isAllowedKind, kindPattern, type KindSettings } from '../core/kinds.js';

/** Most users one import call takes (the CLI sends larger files in batches of this size). */
export const maxImportBatch = 1000;

/** The account kinds the administration routes accept: lower-case letters, digits, `_` and `-`. */
export { kindPattern };

/**
 * Why an imported row was not created. Rows are judged one by one: a bad row is skipped with its
 * reason and the rest of the batch goes on; only a body of the wrong shape fails the whole call.
 * - `exists`: an account with this email (normalized) exists, made earlier or by a concurrent import;
 * - `duplicate_in_batch`: an earlier row of the same call has this email (the first row wins,
 *   even when it is skipped for another reason);
 * - `invalid_email`, `invalid_display_name`, `invalid_roles` (neither a built-in nor a configured role),
 *   `invalid_kind` (not of {@link kindPattern}, or, when `kinds` is configured, neither `user` nor a configured kind);
 * - `unknown_hash_format`: `passwordHash` is of no format Latch verifies;
 * - `invalid_hash`: a known format, but malformed or with parameters outside the accepted bounds;
 * - `missing_hash_parameters`: a Firebase hash without the project's parameters.
 */
export const importSkipReasons = [
  'exists', 'duplicate_in_batch', 'invalid_email', 'invalid_display_name', 'invalid_roles', 'invalid_kind',
  'unknown_hash_format', 'invalid_hash', 'missing_hash_parameters',
] as const;

/** Why an imported row was not created. */
export type ImportSkipReason = (typeof importSkipReasons)[number];

const base64Text = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Use standard base64.');

/** A Firebase project's password hash parameters, for every Firebase row of one call. */
const firebaseProjectSchema = z.object({
  signerKey: base64Text(400),
  saltSeparator: base64Text(100),
  rounds: z.number().int().min(1).max(32),
  memCost: z.number().int().min(1).max(20),
});

/** What a row says about its hash beyond the string itself (Firebase's exports keep the salt apart). */
const hashParametersSchema = z.object({
  /** `firebase-scrypt`: `passwordHash` is Firebase's base64 hash and `salt` its base64 salt. */
  algorithm: z.string().max(40),
  salt: z.string().max(400).optional(),
  signerKey: z.string().max(400).optional(),
  saltSeparator: z.string().max(100).optional(),
  rounds: z.number().int().optional(),
  memCost: z.number().int().optional(),
});

/** One account to import. */
export const importedUserSchema = z.object({
  email: z.string().max(320),
  displayName: z.string().max(400).optional(),
  /** Whether the previous system had verified the address (default false). */
  emailVerified: z.boolean().optional(),
  /** The previous system's hash, kept as it is; absent, null or empty: no password (see `sendInvitations`). */
  passwordHash: z.string().max(1024).nullable().optional(),
  roles: z.array(z.string().max(64)).max(10).optional(),
  kind: z.string().max(64).optional(),
  hashParameters: hashParametersSchema.optional(),
});

/** The body of `POST /admin/users/import`, and what {@link importUsers} takes. */
export const importUsersBodySchema = z.object({
  users: z.array(importedUserSchema).min(1).max(maxImportBatch),
  /** Email a set-password link to every created account without a hash. Default false. */
  sendInvitations: z.boolean().optional(),
  /** The Firebase project's parameters, for rows with `hashParameters.algorithm: 'firebase-scrypt'`. */
  firebase: firebaseProjectSchema.optional(),
});

/** One account to import. */
export type ImportedUser = z.input<typeof importedUserSchema>;

/** What {@link importUsers} takes: the rows and, for the HTTP route, who imports. */
export interface ImportUsersInput {
  users: ImportedUser[];
  /** Email a set-password link to every created account without a hash. Default false. */
  sendInvitations?: boolean;
  /** The Firebase project's parameters, for rows with `hashParameters.algorithm: 'firebase-scrypt'`. */
  firebase?: FirebaseHashParameters;
  /** Who imports (null for the command line). */
  actor?: UserRecord | null;
}

/** A row that was not created. */
export interface ImportSkip {
  /** The row's position in the call, from 0. */
  index: number;
  /** The email as given. */
  email: string;
  reason: ImportSkipReason;
  /** What is wrong, in a sentence (never the hash). */
  message: string;
}

/** What one import call did. */
export interface ImportUsersResult {
  /** Accounts created. */
  created: number;
  /** Rows not created, in row order. */
  skipped: ImportSkip[];
  /** Created accounts without a hash that were sent a set-password link. */
  invited: number;
}

/** A row that passed every check, ready to insert. */
interface PlannedUser {
  index: number;
  email: ParsedEmail;
  user: NewUser;
  passwordFormat: string | null;
}

const skipMessages: Record<ImportSkipReason, string> = {
  exists: 'An account with this email exists; it was left unchanged.',
  duplicate_in_batch: 'An earlier row of this import has the same email.',
  invalid_email: 'Not a valid email address.',
  invalid_display_name: 'The display name is too long or has control characters or angle brackets.',
  invalid_roles: '',
  invalid_kind: 'Use lower-case letters, digits, _ and -, starting with a letter (at most 40).',
  unknown_hash_format: '',
  invalid_hash: '',
  missing_hash_parameters: 'A Firebase hash needs hashParameters.salt and the project parameters (firebase: signerKey, saltSeparator, rounds, memCost).',
};

/** The stored form of a row's hash: the string itself, or a Firebase export turned into `$fbscrypt$`. */
function storedHash(row: ImportedUser, project: FirebaseHashParameters | undefined): { hash: string } | { reason: ImportSkipReason; message?: string } {
  const params = row.hashParameters;
  if (!params) return { hash: row.passwordHash! };
  if (params.algorithm !== 'firebase-scrypt') {
    return { reason: 'unknown_hash_format', message: `hashParameters.algorithm "${params.algorithm.slice(0, 40)}" is not known; the only one is firebase-scrypt.` };
  }
  const signerKey = params.signerKey ?? project?.signerKey;
  const saltSeparator = params.saltSeparator ?? project?.saltSeparator;
  const rounds = params.rounds ?? project?.rounds;
  const memCost = params.memCost ?? project?.memCost;
  if (!params.salt || !signerKey || saltSeparator === undefined || rounds === undefined || memCost === undefined) return { reason: 'missing_hash_parameters' };
  return { hash: toFirebaseScryptHash({ passwordHash: row.passwordHash!, salt: params.salt }, { signerKey, saltSeparator, rounds, memCost }) };
}

/** Checks one row; the account to create, or why not. */
function planRow(row: ImportedUser, index: number, project: FirebaseHashParameters | undefined, now: Date, settings: KindSettings & PlatformRoleSettings): PlannedUser | { reason: ImportSkipReason; message?: string } {
  const email = parseEmail(row.email);
  if (!email) return { reason: 'invalid_email' };
  let displayName: string;
  try {
    displayName = requireDisplayName(row.displayName);
  } catch {
    return { reason: 'invalid_display_name' };
  }
  const roles = [...new Set(row.roles ?? [])];
  if (!roles.every((role) => isKnownRole(settings, role))) return { reason: 'invalid_roles', message: `Known roles: ${assignableRoles(settings).join(', ')}.` };
  const kind = row.kind ?? 'user';
  if (!kindPattern.test(kind)) return { reason: 'invalid_kind' };
  if (!isAllowedKind(settings, kind)) return { reason: 'invalid_kind', message: `Use one of: user, ${Object.keys(settings.kinds).filter((k) => k !== 'user').join(', ')}.` };
  let passwordHash: string | null = null;
  let passwordFormat: string | null = null;
  if (row.passwordHash) {
    const stored = storedHash(row, project);
    if ('reason' in stored) return stored;
    const inspection = inspectHash(stored.hash);
    if (!inspection.ok) return { reason: inspection.reason, message: inspection.message };
    passwordHash = stored.hash;
    passwordFormat = inspection.format;
  }
  return {
    index, email, passwordFormat,
    user: {
      email: email.email, emailNormalized: email.normalized, displayName, passwordHash, roles, kind,
      emailVerifiedAt: row.emailVerified ? now : null, createdAt: now,
    },
  };
}

function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', code: issue.code, message: issue.message }));
}

/**
 * Checks one row against the import shape without touching the database (the command line checks
 * a whole file before it imports anything). Field errors name the row's fields; none when it fits.
 * @example importRowErrors({ email: 'a@example.com', roles: 'admin' }) // [{ field: 'roles', … }]
 */
export function importRowErrors(row: unknown): FieldError[] {
  const parsed = importedUserSchema.safeParse(row);
  return parsed.success ? [] : fieldErrorsOf(parsed.error);
}

/**
 * Imports accounts from another system in one transaction: each row is created unless its email
 * (normalized as at sign-up) is taken or it fails a check, and every skipped row says why.
 * Hashes of the known formats are kept as they are and replaced by argon2id at the owner's next
 * sign-in; accounts without a hash get no password, and a set-password link when
 * `sendInvitations` is true. Running the same import again, or two at once, creates each account
 * once. One `admin.user_created` audit event per account (`source: 'import'`) and one
 * `admin.users_imported` with the counts are written in the same transaction.
 * @throws ValidationFailedError when the input is not of the shape (more than 1,000 users included)
 * @example const { created, skipped } = await latch.importUsers({ users: [{ email: 'ada@example.com', passwordHash: '$2b$10$…' }] });
 */
export async function importUsers(services: Services, input: ImportUsersInput, ctx: RequestContext): Promise<ImportUsersResult> {
  const parsed = importUsersBodySchema.safeParse({ users: input.users, sendInvitations: input.sendInvitations, firebase: input.firebase });
  if (!parsed.success) throw new ValidationFailedError({ errors: fieldErrorsOf(parsed.error) });
  const { users: rows, sendInvitations = false, firebase } = parsed.data;
  const actor = input.actor ?? null;
  const now = services.clock.now();

  const skipped: ImportSkip[] = [];
  const skip = (index: number, reason: ImportSkipReason, message?: string) => {
    skipped.push({ index, email: rows[index]!.email, reason, message: message || skipMessages[reason] });
  };
  const planned: PlannedUser[] = [];
  const claimed = new Set<string>();
  for (const [index, row] of rows.entries()) {
    // The first row with an address claims it, whatever becomes of that row.
    const key = parseEmail(row.email)?.normalized;
    if (key !== undefined && claimed.has(key)) { skip(index, 'duplicate_in_batch'); continue; }
    if (key !== undefined) claimed.add(key);
    const plan = planRow(row, index, firebase, now, services.config);
    if ('reason' in plan) skip(index, plan.reason, plan.message);
    else planned.push(plan);
  }

  let invited = 0;
  const created = await services.storage.transaction(async (tx) => {
    const inserted = await tx.users.createManyIfEmailFree(planned.map((p) => p.user));
    const byEmail = new Map(inserted.map((user) => [user.emailNormalized, user]));
    const audit: AuditEventInput[] = [];
    for (const plan of planned) {
      const user = byEmail.get(plan.email.normalized);
      if (!user) { skip(plan.index, 'exists'); continue; }
      const invite = !user.passwordHash && sendInvitations;
      if (invite) {
        await issueInvitation(services, tx, user, { actor, send: true }, ctx);
        invited++;
      }
      audit.push({
        type: 'admin.user_created', userId: user.id, actorId: actor?.id ?? null,
        detail: { roles: user.roles, kind: user.kind, actorId: actor?.id ?? null, source: 'import', passwordFormat: plan.passwordFormat, invited: invite },
      });
      await services.events.emit(tx, 'user.created', {
        userId: user.id, email: user.email, displayName: user.displayName, roles: user.roles, kind: user.kind,
        emailVerified: user.emailVerifiedAt !== null, source: 'provisioned', actorId: actor?.id ?? null,
      });
    }
    const reasons: Partial<Record<ImportSkipReason, number>> = {};
    for (const s of skipped) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    audit.push({
      type: 'admin.users_imported', userId: null, actorId: actor?.id ?? null,
      detail: { actorId: actor?.id ?? null, rows: rows.length, created: inserted.length, skipped: skipped.length, invited, reasons },
    });
    await recordAudits(tx, services.clock, audit, ctx);
    return inserted.length;
  });
  skipped.sort((a, b) => a.index - b.index);
  return { created, skipped, invited };
}
