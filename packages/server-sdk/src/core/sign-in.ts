import type { SessionRecord, UserRecord } from '../storage/types.js';
import type { PendingChallenge } from './second-factor.js';

/** The outcome of a first-factor step: a session, or a pending second-factor challenge. */
export type SignInOutcome =
  | { kind: 'session'; user: UserRecord; token: string; session: SessionRecord }
  | { kind: 'challenge'; user: UserRecord; challenge: PendingChallenge };

/** The signed-in caller of an account operation. */
export interface Caller {
  user: UserRecord;
  session: SessionRecord | null;
}
