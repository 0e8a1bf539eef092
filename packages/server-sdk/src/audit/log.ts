import type { Clock } from '../clock.js';
import type { RequestContext } from '../context.js';
import type { Storage } from '../storage/storage.js';

/** Security event types recorded in the audit trail and shown in `GET /me/activity`. */
export type AuditEventType =
  | 'user.signed_up' | 'email.verified' | 'sign_in.succeeded' | 'sign_in.failed' | 'signed_out'
  | 'password.changed' | 'password.reset_requested' | 'password.reset' | 'profile.updated'
  | 'email.change_requested' | 'email.changed'
  | 'session.revoked' | 'sessions.revoked_others' | 'session.evicted'
  | 'two_factor.enabled' | 'two_factor.disabled' | 'two_factor.failed' | 'backup_codes.regenerated' | 'backup_code.used'
  | 'passkey.added' | 'passkey.removed' | 'passkey.renamed'
  | 'api_key.created' | 'api_key.revoked' | 'ssh_key.added' | 'ssh_key.removed'
  | 'admin.user_created' | 'admin.user_updated' | 'admin.password_reset_sent' | 'admin.sessions_revoked'
  | 'invitation.accepted' | 'csrf.rejected';

/** Appends one event to the audit trail (in the caller's transaction). Never put secrets in `detail`. */
export async function recordAudit(
  storage: Storage,
  clock: Clock,
  event: { type: AuditEventType; userId: string | null; actorId?: string | null; detail?: Record<string, unknown> },
  ctx: RequestContext,
): Promise<void> {
  await storage.audit.append({
    type: event.type,
    userId: event.userId,
    actorId: event.actorId ?? event.userId,
    at: clock.now(),
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    detail: { ...event.detail, requestId: ctx.requestId },
  });
}
