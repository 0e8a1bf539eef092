import type { SchemaMigration } from '../storage/migrations/index.js';
import type { RequestContext } from '../context.js';
import type { AnyRoute } from './route.js';
import type { EventSink } from '../events/bus.js';
import type { Storage } from '../storage/storage.js';
import type { UserRecord } from '../storage/types.js';
import type { BearerKind } from './auth-state.js';
import type { SecondFactorGate } from './second-factor.js';
import type { Services } from './services.js';
import type { SignInOutcome } from './sign-in.js';
import type { InvitationAcceptor, OrganizationPort } from './organizations.js';

/** One schema change: `up` applies it (`down` is for tooling only). */
export type Migration = SchemaMigration;

/**
 * The narrow port a feature finishes a sign-in through once every factor is proven: a new
 * session and the audit event, in the caller's transaction.
 */
export interface SessionIssuer {
  issue(tx: Storage, user: UserRecord, ctx: RequestContext, method: string): Promise<Extract<SignInOutcome, { kind: 'session' }>>;
}

/** What features may do when an account is locked (disabled) or secured: revoke what they issued for it. */
export interface AccountHooks {
  /** Runs in the disabling transaction; returns counts by what was revoked (`{ apiKeysRevoked: 2 }`). */
  userDisabled(tx: Storage, userId: string): Promise<Record<string, number>>;
  /**
   * Runs in the transaction of `POST /me/secure-account`, where the owner assumes someone else got
   * in: revoke the lasting credentials that work without a session. Returns counts by what was
   * revoked (`{ apiKeysRevoked: 2 }`).
   */
  accountSecured(tx: Storage, userId: string): Promise<Record<string, number>>;
}

/** What a feature's setup receives: the shared services and the ports of the core. */
export interface FeatureContext {
  services: Services;
  sessions: SessionIssuer;
  /** Every installed feature's hooks, as one. */
  accountHooks: AccountHooks;
  /** What every installed feature knows about an account, merged (`GET /admin/users/:id`). */
  accountFacts(userId: string): Promise<Record<string, unknown>>;
}

/** What a feature contributes once set up. */
export interface FeatureParts<Api = unknown> {
  routes: AnyRoute[];
  /** The second-factor gate every session-yielding path passes (one feature at most provides it). */
  secondFactor?: SecondFactorGate;
  /** `Authorization: Bearer` credentials this feature understands. */
  bearer?: BearerKind[];
  /** Hooks on account events, run in the core's transactions. */
  accountHooks?: Partial<AccountHooks>;
  /** Writes each event in the transaction of its change (the webhook queue), before handlers hear of it. */
  eventSink?: EventSink;
  /**
   * Organization membership for authorization (one feature at most provides it); the core then
   * carries the active organization on sessions, access tokens and `requireAuth`.
   */
  organizations?: OrganizationPort;
  /** Invitation links this feature issues, accepted through `POST /invitations/accept`. */
  invitations?: InvitationAcceptor;
  /** What this feature knows about an account, for administrators (`{ apiKeys: 2 }`). */
  accountFacts?(userId: string): Promise<Record<string, unknown>>;
  /** What host code reaches on the Latch object (e.g. `latch.keys.apiKeys`). */
  api?: Api;
  /** Periodic housekeeping (expired rows), run with the session cleanup. */
  cleanup?(): Promise<void>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * A feature of Latch: it owns its routes, services, stores, migrations and settings, and can be
 * left out of `createLatch({ features })` — its routes, OpenAPI paths and tables then do not exist.
 */
export interface LatchFeature<Api = unknown> {
  /** A stable name (`ssh-keys`); `GET /config` lists the installed ones for the components. */
  readonly name: string;
  /** This feature's migrations by name, applied after the core's in the listed order. */
  readonly migrations?: Readonly<Record<string, Migration>>;
  setup(ctx: FeatureContext): FeatureParts<Api> | Promise<FeatureParts<Api>>;
}
