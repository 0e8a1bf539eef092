import type { Clock } from '../clock.js';
import type { ResolvedConfig } from './config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { CaptchaVerifier } from '../captcha/turnstile.js';
import type { EventEmitter } from '../events/bus.js';
import type { Logger } from '../logger.js';
import type { MailOutbox } from '../mail/outbox.js';
import type { MetricsRegistry } from '../metrics/registry.js';
import type { BreachedPasswordLookup } from '../passwords/breached.js';
import type { PasswordHasher } from '../passwords/hasher.js';
import type { RateLimiter } from '../rate-limit/limiter.js';
import type { Limits } from '../rate-limit/limits.js';
import type { RevocationBus } from '../sessions/revocation-bus.js';
import type { SessionService } from '../sessions/service.js';
import type { Storage } from '../storage/storage.js';
import type { SecondFactorGate } from './second-factor.js';
import type { InvitationAcceptor, OrganizationPort } from './organizations.js';

/** The shared services every feature is built from (one set per Latch instance). */
export interface Services {
  config: ResolvedConfig;
  storage: Storage;
  clock: Clock;
  logger: Logger;
  hasher: PasswordHasher;
  /** The breached-password service every new password is checked against (never knows when none is configured). */
  breachedPasswords: BreachedPasswordLookup;
  sessions: SessionService;
  outbox: MailOutbox;
  limiter: RateLimiter;
  /** Every configured rate-limit rule, bound once to its bucket. */
  limits: Limits;
  captcha: CaptchaVerifier;
  /** Replaced by the two-factor feature when it is installed. */
  secondFactor: SecondFactorGate;
  /** Organization membership; answers "no organization" unless the organizations feature is installed. */
  organizations: OrganizationPort;
  /** The invitation kinds features issue, asked in order by `POST /invitations/accept`. */
  invitations: readonly InvitationAcceptor[];
  /** Carries revocations (sessions, users, API keys) to every server process. */
  revocations: RevocationBus;
  /**
   * Announces changes (`session.created`, `api_key.revoked`, …) in the caller's transaction: queued
   * for webhooks with the change, heard by `latch.events` handlers after the commit.
   */
  events: EventEmitter;
  /** The registry `latch.metrics()` renders; features add their families here in `setup`. */
  metrics: MetricsRegistry;
  /** Makes a purpose-bound encryption box from the master secret. */
  secretBox(purpose: string): SecretBox;
}
