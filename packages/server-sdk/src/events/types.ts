/**
 * The events Latch announces, by type, with the `data` each carries. Data never holds a secret: no
 * password, hash, token, code or key — only ids and the non-secret facts a receiver acts on.
 *
 * `organization.member_added` and `organization.member_removed` come from the organizations feature.
 */
export interface LatchEventMap {
  /** A session was issued (every sign-in path ends here). */
  'session.created': { userId: string; sessionId: string; method: string; ip: string | null; userAgent: string | null };
  /** A session ended before its time: signed out, revoked, evicted by the per-user cap, or ended by a password or account change. */
  'session.revoked': { userId: string; sessionId: string; reason: SessionRevokedReason };
  /** An account was created: by sign-up, by an administrator or by the command line. */
  'user.created': {
    userId: string; email: string; displayName: string; roles: string[]; kind: string; emailVerified: boolean;
    source: UserCreatedSource; actorId: string | null;
  };
  /** Account fields changed; `changes` holds the new value of each field in `fields`. */
  'user.updated': { userId: string; fields: UserField[]; changes: UserChanges; actorId: string | null };
  /** An account was disabled: its sessions and API keys are revoked in the same change. */
  'user.disabled': { userId: string; actorId: string | null };
  /** The account's phone number was set, changed or removed, by its owner or by `actorId` (the number itself is not carried). */
  'user.phone_changed': { userId: string; actorId: string };
  /** A password was changed by its owner, reset with an emailed link, or set with an invitation. */
  'password.changed': { userId: string; how: 'changed' | 'reset' | 'set' };
  /** A second factor was enabled, replaced or disabled, a passkey added or removed, or backup codes renewed; an administrator removing every factor sends one per method. */
  'two_factor.changed': { userId: string; method: 'totp' | 'email' | 'passkey' | 'backup_codes'; change: 'enabled' | 'replaced' | 'disabled' | 'added' | 'removed' | 'regenerated' };
  /** An API key was created (never its secret). */
  'api_key.created': { userId: string; apiKeyId: string; name: string; prefix: string; scopes: string[]; expiresAt: string | null };
  /** An API key was revoked: by its owner (one key, or all when securing the account), by an administrator, or with its disabled account. */
  'api_key.revoked': { userId: string; apiKeyId: string; reason: 'revoked' | 'account_disabled' };
  /**
   * Someone joined an organization: created it, accepted an invitation, or was added by host code.
   * `actorId` is who made the change (the member themselves when accepting; null for host code).
   */
  'organization.member_added': { organizationId: string; userId: string; role: string; actorId: string | null };
  /**
   * Someone left an organization, was removed from it, or it was deleted. `actorId` is who made the
   * change (the member themselves when leaving; null for host code).
   */
  'organization.member_removed': { organizationId: string; userId: string; actorId: string | null };
}

/** Why a session ended early. */
export type SessionRevokedReason = 'signed_out' | 'revoked' | 'evicted';

/** How an account came to be (`invitation`: by accepting an organization's invitation). */
export type UserCreatedSource = 'sign_up' | 'provisioned' | 'invitation';

/** Account fields `user.updated` reports. */
export type UserField = 'email' | 'displayName' | 'roles' | 'kind' | 'emailVerified' | 'disabled';

/** The new values of the changed fields. */
export interface UserChanges {
  email?: string;
  displayName?: string;
  roles?: string[];
  kind?: string;
  emailVerified?: boolean;
  disabled?: boolean;
}

/** The name of an event: `noun.past_participle`. */
export type LatchEventType = keyof LatchEventMap;

/** Every event type, in the order the documentation lists them. */
export const latchEventTypes = [
  'session.created', 'session.revoked',
  'user.created', 'user.updated', 'user.disabled', 'user.phone_changed',
  'password.changed', 'two_factor.changed',
  'api_key.created', 'api_key.revoked',
  'organization.member_added', 'organization.member_removed',
] as const satisfies readonly LatchEventType[];

/**
 * One event, as in-process handlers receive it and as webhooks POST it (the JSON body).
 * @example { id: '1b4e…', type: 'session.revoked', occurredAt: '2026-01-05T10:00:00.000Z', data: { userId, sessionId, reason: 'signed_out' } }
 */
export interface LatchEvent<T extends LatchEventType = LatchEventType> {
  /** A UUID, the same on every delivery of this event: receivers deduplicate by it. */
  id: string;
  type: T;
  /** When the change happened (ISO 8601 UTC). */
  occurredAt: string;
  data: LatchEventMap[T];
}

/** Any event, discriminated by `type`. */
export type AnyLatchEvent = { [T in LatchEventType]: LatchEvent<T> }[LatchEventType];

// Fails to compile when a type of LatchEventMap is missing from the list above.
const everyTypeListed: Exclude<LatchEventType, (typeof latchEventTypes)[number]> extends never ? true : never = true;
void everyTypeListed;
