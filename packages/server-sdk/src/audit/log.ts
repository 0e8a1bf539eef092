import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import type { Storage } from '../storage/storage.js';

/** Security event types recorded in the audit trail and shown in `GET /me/activity`. */
export type AuditEventType =
  | 'user.signed_up' | 'email.verified' | 'sign_in.succeeded' | 'sign_in.failed' | 'signed_out'
  | 'password.changed' | 'password.reset_requested' | 'password.reset' | 'profile.updated'
  | 'email.change_requested' | 'email.changed'
  | 'session.revoked' | 'sessions.revoked_others' | 'session.evicted' | 'session.new_device' | 'account.secured'
  | 'two_factor.enabled' | 'two_factor.disabled' | 'two_factor.failed' | 'backup_codes.regenerated' | 'backup_code.used'
  | 'passkey.added' | 'passkey.removed' | 'passkey.renamed'
  | 'api_key.created' | 'api_key.revoked' | 'ssh_key.added' | 'ssh_key.removed'
  | 'admin.user_created' | 'admin.user_updated' | 'admin.password_reset_sent' | 'admin.sessions_revoked' | 'admin.users_imported'
  | 'admin.two_factor_removed' | 'admin.api_key_revoked' | 'user.phone_changed'
  | 'invitation.accepted' | 'csrf.rejected'
  | 'organization.created' | 'organization.updated' | 'organization.deleted'
  | 'organization.member_added' | 'organization.member_updated' | 'organization.member_removed' | 'organization.member_left'
  | 'organization.invitation_sent' | 'organization.invitation_resent' | 'organization.invitation_revoked' | 'organization.invitation_accepted';

/** One audit event as services describe it. */
export interface AuditEventInput {
  type: AuditEventType;
  userId: string | null;
  actorId?: string | null;
  detail?: Record<string, unknown>;
  /** The organization the event belongs to: it shows in that organization's activity (organizations feature only). */
  organizationId?: string | null;
}

/** The stored row of an event: time from the clock, address, agent and request id from the context. */
function auditRow(clock: Clock, event: AuditEventInput, ctx: RequestContext) {
  return {
    type: event.type,
    userId: event.userId,
    actorId: event.actorId ?? event.userId,
    at: clock.now(),
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    detail: { ...event.detail, requestId: ctx.requestId },
    ...(event.organizationId ? { organizationId: event.organizationId } : {}),
  };
}

/** Appends several events of one request at once (bulk work such as an import), in the caller's transaction. */
export async function recordAudits(storage: Storage, clock: Clock, events: readonly AuditEventInput[], ctx: RequestContext): Promise<void> {
  if (events.length > 0) await storage.audit.appendMany(events.map((event) => auditRow(clock, event, ctx)));
}

/** Appends one event to the audit trail (in the caller's transaction). Never put secrets in `detail`. */
export async function recordAudit(
  storage: Storage,
  clock: Clock,
  event: AuditEventInput,
  ctx: RequestContext,
): Promise<void> {
  await storage.audit.append(auditRow(clock, event, ctx));
}
