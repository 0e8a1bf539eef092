import type { LatchFeature } from '../core/feature.js';
import { apiKeyAdminRoutes } from './admin-routes.js';
import { apiKeyMigrations } from './migrations.js';
import { revokeAllApiKeys } from './revoke-all.js';
import { apiKeyRoutes } from './routes.js';
import { ApiKeyService } from './service.js';

/**
 * API keys: created once with their secret shown, scoped, capped per user, hashed at rest,
 * accepted as `Authorization: Bearer <prefix…>`, and revoked for good when the account is disabled or secured.
 */
export function apiKeysFeature(): LatchFeature<ApiKeyService> {
  return {
    name: 'api-keys',
    migrations: apiKeyMigrations,
    setup({ services }) {
      const apiKeys = new ApiKeyService(services);
      return {
        accountHooks: {
          // Each revoked key is announced on the revocation bus, so every process refuses it at once.
          userDisabled: async (tx, userId) => ({ apiKeysRevoked: (await revokeAllApiKeys(services, tx, userId)).length }),
          // Securing the account is the owner's own revocation of every key.
          accountSecured: async (tx, userId) => ({ apiKeysRevoked: (await revokeAllApiKeys(services, tx, userId, 'revoked')).length }),
        },
        api: apiKeys,
        routes: [...apiKeyRoutes(apiKeys), ...apiKeyAdminRoutes(services, apiKeys)],
        accountFacts: async (userId) => ({ apiKeys: await apiKeys.countLive(userId) }),
        bearer: [{
          name: 'api_key',
          accepts: (token) => token.startsWith(services.config.apiKeys.prefix),
          authenticate: (token, ctx) => apiKeys.authenticate(token, ctx),
        }],
        start: async () => apiKeys.usage.start(),
        stop: () => apiKeys.usage.stop(),
        cleanup: () => apiKeys.cleanup(),
      };
    },
  };
}
