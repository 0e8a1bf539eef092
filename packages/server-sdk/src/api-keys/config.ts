import { z } from 'zod';

/** The `apiKeys` section. */
export const apiKeysSchema = z.object({
  maxPerUser: z.number().int().min(1).default(3).describe('Most live keys per user.'),
  scopes: z.array(z.string().min(1)).default(['read', 'write', 'ssh:read']).describe('Scopes users may choose from.'),
  prefix: z.string().regex(/^\S+$/, 'must be non-empty, without spaces').default('latch_')
    .describe('Fixed prefix that makes keys recognizable, to secret scanners and to `requireAuth` (which tells them from access tokens by it).'),
}).describe('API keys (the api-keys feature).');

/** The api-keys feature's top-level section, for the composed configuration. */
export const apiKeysConfigShape = {
  apiKeys: apiKeysSchema.prefault({}),
};

/** The `apiKeys` section as `createLatch` accepts it. */
export type ApiKeyConfig = z.input<typeof apiKeysSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    apiKeys: z.output<typeof apiKeysSchema>;
  }
}
