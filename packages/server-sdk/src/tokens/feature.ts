import type { JSONWebKeySet } from 'jose';
import type { LatchFeature } from '../core/feature.js';
import { createJwtAuthenticator, createJwtIdentifier } from './bearer.js';
import { AccessTokenService } from './jwt.js';
import { signingKeyMigrations } from './migrations.js';
import { AccessTokenRevocations } from './revocations.js';
import { tokenRoutes } from './routes.js';
import { clockToleranceSeconds, SigningKeyStore } from './signing-keys.js';

/** What host code reaches of the access-token feature. */
export interface AccessTokensApi {
  readonly signingKeys: SigningKeyStore;
  readonly accessTokens: AccessTokenService;
  /** The JSON Web Key Set to serve at `/.well-known/jwks.json`. */
  jwks(): JSONWebKeySet;
}

/** A compact JWS: three base64url segments. */
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** JWT access tokens (EdDSA, rotated keys, a JWKS) minted from a browser session, revoked with it. */
export function accessTokensFeature(): LatchFeature<AccessTokensApi> {
  return {
    name: 'access-tokens',
    migrations: signingKeyMigrations,
    setup({ services }) {
      const signingKeys = new SigningKeyStore(services);
      const revocations = new AccessTokenRevocations(services.clock, (services.config.jwt.accessTokenTtlSeconds + clockToleranceSeconds) * 1000);
      services.revocations.subscribe((revocation) => revocations.hear(revocation));
      const accessTokens = new AccessTokenService(services, signingKeys, revocations);
      return {
        api: { signingKeys, accessTokens, jwks: () => signingKeys.jwks() },
        routes: tokenRoutes(accessTokens),
        bearer: [{
          name: 'jwt',
          accepts: (token) => jwtShape.test(token),
          authenticate: createJwtAuthenticator(services, accessTokens),
          // Host routes: verified locally, the account from a per-process user cache.
          identify: createJwtIdentifier(services, accessTokens),
        }],
        start: () => signingKeys.start(),
        stop: async () => signingKeys.stop(),
        cleanup: () => signingKeys.cleanup(),
      };
    },
  };
}
