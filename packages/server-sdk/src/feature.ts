import type { AccountService } from './accounts/service.js';
import type { BearerAuthenticator } from './http/handler.js';
import type { RouteDefinition } from './http/route.js';
import type { Services } from './services.js';
import type { SecondFactorGate } from './two-factor/gate.js';

/** A feature plugs routes, a second-factor gate, bearer authenticators and background work into Latch. */
export interface LatchFeature {
  /** A short name for logs. */
  name: string;
  routes: RouteDefinition[];
  secondFactor?: SecondFactorGate;
  bearer?: { apiKey?: BearerAuthenticator; jwt?: BearerAuthenticator };
  /** Periodic housekeeping (expired rows), run with the session cleanup. */
  cleanup?(): Promise<void>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Builds a feature from the shared services. */
export type FeatureFactory = (services: Services, accounts: AccountService) => LatchFeature | Promise<LatchFeature>;
