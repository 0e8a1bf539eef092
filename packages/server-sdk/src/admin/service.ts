import { z } from 'zod';
import { createLinkToken, pageUrl } from '../accounts/links.js';
import { requireDisplayName } from '../accounts/validation.js';
import { adminUserSchema, toPublicUser, type AdminUserView } from '../accounts/view.js';
import { changePhoneNumber, changesPhoneNumber } from '../accounts/phone.js';
import { requireReauthentication, type ReauthProof } from '../accounts/reauth.js';
import { isoTime, named } from '../response-schemas.js';
import { endOtherSignIns } from '../accounts/sign-out-everywhere.js';
import type { AccountHooks } from '../core/feature.js';
import { requireAllowedKind } from '../core/kinds.js';
import { requireKnownRoles } from '../core/roles.js';
import { secondFactorSummarySchema } from '../core/second-factor.js';
import { recordAudit } from '../audit/log.js';
import type { RequestContext } from '../context.js';
import type { UserChanges, UserField } from '../events/types.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Services } from '../core/services.js';
import type { AuditEventRecord, Page, PageQuery, SessionRecord, UserRecord } from '../storage/types.js';
import { provisionUser } from './provisioning.js';
import { lockAdministrators } from './repository.js';
import { canGrant, canManage, lastAdministratorViolation, type AdminHolder } from './rules.js';

/** Changes an administrator may make to an account. */
export interface AdminUserChanges {
  displayName?: string;
  roles?: string[];
  kind?: string;
  disabled?: boolean;
  /** E.164 or anything `libphonenumber-js` reads with its `+country`; null removes it. Needs the actor's reauthentication when it changes. */
  phoneNumber?: string | null;
}

/** Who changes an account: the administrator and the session the request came with (for reauthentication). */
export interface AdminActor {
  user: UserRecord;
  session: SessionRecord | null;
}

/** One account as `GET /admin/users/:id` shows it: the user and what the installed features know of it. */
export const adminUserDetailSchema = named('AdminUserDetail', z.object({
  user: adminUserSchema,
  /** The account's second factors (all off without the two-factor feature). */
  twoFactor: secondFactorSummarySchema,
  /** Live sessions. */
  sessions: z.number().int(),
  /** Live (unrevoked, unexpired) API keys; 0 without the api-keys feature. */
  apiKeys: z.number().int(),
  /** The organizations the account belongs to, with its role in each; empty without the organizations feature. */
  organizations: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.string() })),
}));

/** One account as `GET /admin/users/:id` shows it. */
export type AdminUserDetail = z.infer<typeof adminUserDetailSchema>;

/** An audit event as administrators see it (`GET /admin/audit`). */
export const adminAuditEventSchema = named('AuditEvent', z.object({
  id: z.string(),
  type: z.string(),
  at: isoTime,
  /** The account the event is about. */
  userId: z.string().nullable(),
  /** Who did it, when not the account itself. */
  actorId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
}));

/** An audit event as administrators see it. */
export type AdminAuditEvent = z.infer<typeof adminAuditEventSchema>;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * User administration: list, create (with an invitation), change roles, kind and status, send a
 * reset link, end sessions, read the audit trail. Every change is audited with its actor and target;
 * the rules of who may do what are in `core/roles.ts`.
 */
export class AdminService {
  constructor(
    private readonly s: Services,
    private readonly hooks: AccountHooks,
    private readonly facts: (userId: string) => Promise<Record<string, unknown>> = async () => ({}),
  ) {}

  private get now() { return this.s.clock.now(); }

  async listUsers(query: { text?: string; role?: string; kind?: string; limit: number; cursor?: string }): Promise<Page<AdminUserView>> {
    const page = await this.s.storage.users.search(query);
    return { items: page.items.map((u) => toPublicUser(u, true)), nextCursor: page.nextCursor };
  }

  async getUser(id: string): Promise<AdminUserView> {
    return toPublicUser(await this.target(id), true);
  }

  /**
   * One account with what the installed features know of it (second factors, API keys,
   * organizations: each feature's `accountFacts`) and its live sessions.
   */
  async getUserDetail(id: string): Promise<AdminUserDetail> {
    const user = await this.target(id);
    const [sessions, twoFactor, facts] = await Promise.all([
      this.s.storage.sessions.listLive(user.id, this.now, this.s.config.sessions.idleTimeoutSeconds),
      this.s.secondFactor.summary(user),
      this.facts(user.id),
    ]);
    // Parsing keeps the declared facts only: a host feature's own facts do not leak into this answer.
    return adminUserDetailSchema.parse({
      twoFactor, apiKeys: 0, organizations: [], ...facts, user: toPublicUser(user, true), sessions: sessions.length,
    });
  }

  /** The account's audit events, newest first (404 for an unknown account). */
  async activity(id: string, page: PageQuery): Promise<Page<AdminAuditEvent>> {
    const user = await this.target(id);
    const events = await this.s.storage.audit.listForUser(user.id, page);
    return { items: events.items.map(toAdminEvent), nextCursor: events.nextCursor };
  }

  /** Creates a verified account and emails it a set-password link. */
  async createUser(actor: UserRecord, input: { email: string; displayName: string; roles: string[]; kind?: string }, ctx: RequestContext): Promise<AdminUserView> {
    const roles = [...new Set(input.roles)];
    const refused = roles.filter((role) => !canGrant(actor.roles, role));
    if (refused.length > 0) throw new ForbiddenError({ detail: `You cannot grant the role ${refused.join(', ')}.` });
    const { user } = await provisionUser(this.s, { email: input.email, displayName: input.displayName, roles, kind: input.kind, actor }, ctx);
    return toPublicUser(user, true);
  }

  /**
   * Changes an account. Disabling ends every session and pending sign-in at once, revokes every
   * API key for good, voids its pending links and tells every process to drop what it cached.
   */
  async updateUser(caller: AdminActor, id: string, changes: AdminUserChanges, proof: ReauthProof, ctx: RequestContext): Promise<AdminUserView> {
    const actor = caller.user;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    const displayName = changes.displayName === undefined ? undefined : requireDisplayName(changes.displayName);
    // A phone number reaches the account's owner (sign-in help, notices): changing it needs the
    // administrator's proof of presence, asked only when the number really changes.
    const phoneTarget = changes.phoneNumber === undefined ? null : await this.target(id);
    if (phoneTarget && changesPhoneNumber(phoneTarget, changes.phoneNumber)) {
      if (phoneTarget.id !== actor.id && !canManage(actor.roles, phoneTarget.roles)) throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });
      await requireReauthentication(this.s, caller, proof, ctx);
    }
    const updated = await this.s.storage.transaction(async (tx) => {
      const touchesAdministration = changes.roles !== undefined || changes.disabled !== undefined;
      // Administrators first, then the target: every change takes locks in the same order.
      const holders = touchesAdministration ? await lockAdministrators(tx) : [];
      const target = await tx.users.lockForUpdate(id);
      if (!target) throw new NotFoundError();
      // Judge role changes by the actor's roles as locked now, not as cached when the request began.
      const fresh = holders.find((h) => h.id === actor.id);
      const actorRoles = !touchesAdministration ? actor.roles : fresh && !fresh.disabled ? fresh.roles : [];
      if (target.id !== actor.id && !canManage(actorRoles, target.roles)) throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });

      const roles = changes.roles === undefined ? target.roles : [...new Set(changes.roles)];
      const rolesChanged = !sameSet(roles, target.roles);
      const wasDisabled = target.disabledAt !== null;
      const disabled = changes.disabled ?? wasDisabled;
      if (target.id === actor.id && rolesChanged) throw new ForbiddenError({ detail: 'You cannot change your own roles.' });
      if (rolesChanged) {
        const added = roles.filter((r) => !target.roles.includes(r));
        // A role no longer configured may stay on an account; it cannot be given anew.
        requireKnownRoles(this.s.config, added);
        const touched = [...added, ...target.roles.filter((r) => !roles.includes(r))];
        const refused = touched.filter((role) => !canGrant(actorRoles, role));
        if (refused.length > 0) throw new ForbiddenError({ detail: `You cannot grant or remove the role ${refused.join(', ')}.` });
      }
      if (touchesAdministration) {
        const after: AdminHolder[] = holders.filter((h) => h.id !== target.id);
        after.push({ id: target.id, roles, disabled });
        const before = holders.some((h) => h.id === target.id) ? holders : [...holders, { id: target.id, roles: target.roles, disabled: wasDisabled }];
        const violation = lastAdministratorViolation(before, after);
        if (violation) throw new ConflictError({ detail: violation });
      }

      // A kind no longer configured may stay on an account; it cannot be given anew.
      if (changes.kind !== undefined && changes.kind !== target.kind) requireAllowedKind(this.s.config, changes.kind);
      const fields: string[] = [];
      if (displayName !== undefined && displayName !== target.displayName) fields.push('displayName');
      if (changes.kind !== undefined && changes.kind !== target.kind) fields.push('kind');
      if (rolesChanged) fields.push('roles');
      if (disabled !== wasDisabled) fields.push('disabled');
      let user = await tx.users.updateAdministrative(target.id, {
        displayName,
        kind: changes.kind,
        roles: rolesChanged ? roles : undefined,
        disabledAt: disabled === wasDisabled ? undefined : disabled ? this.now : null,
      }, this.now);

      const detail: Record<string, unknown> = { fields, actorId: actor.id };
      if (rolesChanged) detail.roles = { from: target.roles, to: roles };
      if (disabled !== wasDisabled) detail.disabled = disabled;
      if (disabled && !wasDisabled) {
        detail.sessionsRevoked = await endOtherSignIns(this.s, tx, target.id);
        // What features issued for the account goes too (API keys are revoked, not paused).
        Object.assign(detail, await this.hooks.userDisabled(tx, target.id));
        await tx.emailTokens.voidForUser(target.id, ['reset_password', 'change_email', 'verify_email', 'invitation'], this.now);
      }
      await recordAudit(tx, this.s.clock, { type: 'admin.user_updated', userId: target.id, actorId: actor.id, detail }, ctx);
      // Its own audit event, notice and `user.phone_changed`; nothing when the number is the same.
      if (phoneTarget && changes.phoneNumber !== undefined) user = await changePhoneNumber(this.s, tx, phoneTarget, changes.phoneNumber, actor, ctx);
      if (fields.length > 0) {
        const changes: UserChanges = {};
        if (fields.includes('displayName')) changes.displayName = user.displayName;
        if (fields.includes('kind')) changes.kind = user.kind;
        if (fields.includes('roles')) changes.roles = user.roles;
        if (fields.includes('disabled')) changes.disabled = disabled;
        await this.s.events.emit(tx, 'user.updated', { userId: target.id, fields: fields as UserField[], changes, actorId: actor.id });
      }
      if (disabled && !wasDisabled) await this.s.events.emit(tx, 'user.disabled', { userId: target.id, actorId: actor.id });
      // Cached sessions and API keys of this user are dropped in every process (roles, status).
      await this.s.sessions.userChanged(tx, target.id);
      return user;
    });
    return toPublicUser(updated, true);
  }

  /** Emails the account a password reset link; the administrator never sees it. */
  async sendPasswordReset(actor: UserRecord, id: string, ctx: RequestContext): Promise<void> {
    const { config } = this.s;
    const target = await this.target(id);
    if (!canManage(actor.roles, target.roles)) throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });
    if (target.disabledAt) throw new ConflictError({ detail: 'The account is disabled; enable it first.' });
    await this.s.limits.emailPerAddress.consume(`reset:${target.emailNormalized}`);
    await this.s.storage.transaction(async (tx) => {
      const { token, tokenHash } = createLinkToken();
      const ttl = config.links.resetPasswordTtlSeconds;
      await tx.emailTokens.issue({ userId: target.id, purpose: 'reset_password', tokenHash, createdAt: this.now, expiresAt: new Date(this.now.getTime() + ttl * 1000) });
      await this.s.outbox.enqueue(tx, target.email, 'resetPassword', { name: target.displayName, url: pageUrl(config, 'resetPassword', { token }), minutes: Math.round(ttl / 60) }, ctx);
      await recordAudit(tx, this.s.clock, { type: 'admin.password_reset_sent', userId: target.id, actorId: actor.id, detail: { actorId: actor.id } }, ctx);
    });
  }

  /** Ends every session of the account. */
  async revokeSessions(actor: UserRecord, id: string, ctx: RequestContext): Promise<number> {
    const target = await this.target(id);
    if (!canManage(actor.roles, target.roles) && target.id !== actor.id) {
      throw new ForbiddenError({ detail: 'You cannot change an account with this role.' });
    }
    return this.s.storage.transaction(async (tx) => {
      const count = await endOtherSignIns(this.s, tx, target.id);
      await recordAudit(tx, this.s.clock, { type: 'admin.sessions_revoked', userId: target.id, actorId: actor.id, detail: { count, actorId: actor.id } }, ctx);
      return count;
    });
  }

  /** Audit events, newest first. */
  async audit(query: { userId?: string; type?: string; limit: number; cursor?: string }): Promise<Page<AdminAuditEvent>> {
    const page = await this.s.storage.audit.search(query);
    return { items: page.items.map(toAdminEvent), nextCursor: page.nextCursor };
  }

  private async target(id: string): Promise<UserRecord> {
    const user = z.uuid().safeParse(id).success ? await this.s.storage.users.findById(id) : null;
    if (!user) throw new NotFoundError();
    return user;
  }
}

function toAdminEvent(e: AuditEventRecord): AdminAuditEvent {
  return { id: e.id, type: e.type, at: e.at.toISOString(), userId: e.userId, actorId: e.actorId, ip: e.ip, userAgent: e.userAgent, detail: e.detail };
}
