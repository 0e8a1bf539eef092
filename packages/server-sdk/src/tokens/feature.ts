import type { JSONWebKeySet } from 'jose';
import { apiKeyRoutes } from '../api-keys/routes.js';
import { ApiKeyService } from '../api-keys/service.js';
import type { FeatureFactory, LatchFeature } from '../feature.js';
import type { Services } from '../services.js';
import { findAccount } from '../ssh-keys/authorized-keys.js';
import { sshKeyRoutes } from '../ssh-keys/routes.js';
import { SshKeyService } from '../ssh-keys/service.js';
import { createJwtAuthenticator } from './bearer.js';
import { AccessTokenService } from './jwt.js';
import { AccessTokenRevocations } from './revocations.js';
import { tokenRoutes } from './routes.js';
import { clockToleranceSeconds, SigningKeyStore } from './signing-keys.js';

/** API keys, SSH keys and access tokens, as the Latch object exposes them (`latch.keys`). */
export interface KeysApi {
  readonly apiKeys: ApiKeyService;
  readonly sshKeys: SshKeyService;
  readonly signingKeys: SigningKeyStore;
  readonly accessTokens: AccessTokenService;
  /** The JSON Web Key Set to serve at `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
  /**
   * A user's SSH keys in authorized_keys format, by user id or login email (what
   * `latch-server authorized-keys USER` prints for sshd's `AuthorizedKeysCommand`).
   * @throws NotFoundError when no account matches.
   */
  authorizedKeys(userIdOrEmail: string): Promise<string>;
  /** Writes API-key usage gathered in memory now (it is otherwise written every few seconds). */
  flushUsage(): Promise<void>;
}

/** The keys feature with its API. */
export interface KeysFeature extends LatchFeature {
  keys: KeysApi;
}

/** Builds the keys API and its feature from the shared services. */
export function createKeysFeature(services: Services): KeysFeature {
  const apiKeys = new ApiKeyService(services);
  const sshKeys = new SshKeyService(services);
  const signingKeys = new SigningKeyStore(services);
  const revocations = new AccessTokenRevocations(services.clock, (services.config.jwt.accessTokenTtlSeconds + clockToleranceSeconds) * 1000);
  services.revocations.subscribe((revocation) => revocations.hear(revocation));
  const accessTokens = new AccessTokenService(services, signingKeys, revocations);
  const keys: KeysApi = {
    apiKeys, sshKeys, signingKeys, accessTokens,
    jwks: () => signingKeys.jwks(),
    authorizedKeys: async (userIdOrEmail) => sshKeys.authorizedKeys(await findAccount(services.storage, userIdOrEmail)),
    flushUsage: () => apiKeys.usage.flush(),
  };
  return {
    name: 'keys',
    keys,
    routes: [...apiKeyRoutes(apiKeys), ...sshKeyRoutes(services, sshKeys), ...tokenRoutes(accessTokens)],
    bearer: { apiKey: (token, ctx) => apiKeys.authenticate(token, ctx), jwt: createJwtAuthenticator(services, accessTokens) },
    async start() {
      await signingKeys.start();
      apiKeys.usage.start();
    },
    async stop() {
      signingKeys.stop();
      await apiKeys.usage.stop();
    },
    async cleanup() {
      await apiKeys.cleanup();
      await signingKeys.cleanup();
    },
  };
}

/** API keys, SSH keys and JWT access tokens. */
export const keysFeature: FeatureFactory = (services) => createKeysFeature(services);

/**
 * The keys API among a Latch's features.
 * @throws Error when the keys feature is not installed.
 */
export function keysApiOf(features: readonly LatchFeature[]): KeysApi {
  const feature = features.find((f): f is KeysFeature => 'keys' in f && f.name === 'keys');
  if (!feature) throw new Error('the keys feature is not installed');
  return feature.keys;
}
