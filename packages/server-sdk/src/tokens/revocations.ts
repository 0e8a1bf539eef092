import type { Clock } from '../clock.js';
import type { Revocation } from '../sessions/revocation-bus.js';

/**
 * What this process has heard, through the revocation bus, that makes access tokens stale before
 * they expire: revoked sessions (sign-out, password change, disabled account) and changed users
 * (roles, password, email). It is memory only, so checking it costs no database access; entries
 * are kept for one token lifetime, after which every affected token has expired anyway.
 */
export class AccessTokenRevocations {
  private readonly sessions = new Map<string, number>();
  private readonly users = new Map<string, number>();
  private lastPrune = 0;

  constructor(private readonly clock: Clock, private readonly keepMs: number) {}

  /** Records a revocation heard on the bus. */
  hear(revocation: Revocation): void {
    const now = this.clock.now().getTime();
    for (const id of revocation.sessionIds ?? []) this.sessions.set(id, now);
    // `*` means "cached facts may be stale" (a lost listener), not a revocation of every token.
    if (revocation.userId && revocation.userId !== '*') this.users.set(revocation.userId, now);
    this.prune(now);
  }

  /**
   * True when the token's session was revoked, or its user changed in a second before the one
   * the token was issued in (`iat` has one-second resolution; a token minted in the same second
   * as the change is kept so that a client re-minting right after a change is not refused).
   */
  isRevoked(claims: { sid: string; sub: string; iat: number }): boolean {
    if (this.sessions.has(claims.sid)) return true;
    const changedAt = this.users.get(claims.sub);
    return changedAt !== undefined && claims.iat < Math.floor(changedAt / 1000);
  }

  private prune(now: number): void {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    for (const map of [this.sessions, this.users]) {
      for (const [id, at] of map) if (now - at > this.keepMs) map.delete(id);
    }
  }
}
