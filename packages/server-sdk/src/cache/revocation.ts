/** What was revoked: some sessions, or everything cached for a user (disabled, roles changed…). */
export interface Revocation {
  sessionIds?: string[];
  /** A user whose cached facts are stale; `'*'` for every user. */
  userId?: string;
  /** Revoked API keys (their cached lookups are dropped). */
  apiKeyIds?: string[];
  /**
   * A user whose cached facts changed without any credential being revoked (a membership, the
   * active organization): caches drop what they hold for the user, access tokens stay valid.
   */
  refreshedUserId?: string;
}
