import { z } from 'zod';
import type { RequestContext } from '../context.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import { named } from '../response-schemas.js';

/** The second-factor methods a user can be asked for. */
export const secondFactorMethodSchema = named('SecondFactorMethod', z.enum(['totp', 'email', 'backup_code', 'passkey']));

/** The second-factor methods a user can be asked for. */
export type SecondFactorMethod = z.infer<typeof secondFactorMethodSchema>;

/** A pending sign-in that waits for its second step. */
export interface PendingChallenge {
  methods: SecondFactorMethod[];
  /** Goes in the short-lived challenge cookie; only its hash is stored. */
  challengeToken: string;
  expiresAt: Date;
}

/** What `GET /me` reports about a user's second factors. */
export const secondFactorSummarySchema = named('SecondFactorSummary', z.object({
  totp: z.boolean(),
  email: z.boolean(),
  /** How many passkeys the user has. */
  passkeys: z.number().int(),
  backupCodesRemaining: z.number().int(),
  /**
   * Present (and true) only when `twoFactor.requiredForRoles` names one of the user's roles and
   * the user has no second factor yet: the client should send them to set one up.
   */
  setupRequired: z.boolean().optional(),
}));

/** What `GET /me` reports about a user's second factors. */
export type SecondFactorSummary = z.infer<typeof secondFactorSummarySchema>;

/**
 * The seam between password sign-in and second factors: every path that can yield a session asks
 * the gate first, so no route can skip the second step.
 */
export interface SecondFactorGate {
  /** After a correct first factor: a challenge when the user has a second factor, else null. */
  afterFirstFactor(tx: Storage, user: UserRecord, ctx: RequestContext): Promise<PendingChallenge | null>;
  /** Checks a code from an enabled factor as proof of presence (reauthentication). */
  verifyReauthCode(user: UserRecord, code: string, ctx: RequestContext): Promise<boolean>;
  summary(user: UserRecord): Promise<SecondFactorSummary>;
  /** Voids the user's pending sign-ins (password changed or reset, account disabled, signed out everywhere). */
  voidPending(tx: Storage, userId: string): Promise<void>;
}

/** The gate for a Latch without second factors configured. */
export const noSecondFactor: SecondFactorGate = {
  afterFirstFactor: async () => null,
  verifyReauthCode: async () => false,
  summary: async () => ({ totp: false, email: false, passkeys: 0, backupCodesRemaining: 0 }),
  voidPending: async () => {},
};
