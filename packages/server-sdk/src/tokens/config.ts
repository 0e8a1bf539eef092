import { z } from 'zod';
import type { CoreResolvedConfig, FeatureConfigs } from '../core/config.js';

const day = 86_400;

/** The `jwt` section. */
export const jwtSchema = z.object({
  accessTokenTtlSeconds: z.number().positive().max(600).default(600).describe('Access token lifetime.'),
  rotationIntervalSeconds: z.number().positive().default(7 * day).describe('A new signing key is made this often.'),
  audience: z.string().min(1).optional().meta({ description: '`aud` of minted tokens.', docDefault: '`publicUrl`' }),
}).describe('JWT access tokens (the tokens feature).');

/** The tokens feature's top-level section, for the composed configuration. */
export const tokensConfigShape = {
  jwt: jwtSchema.prefault({}),
};

/** The `jwt` section as `createLatch` accepts it. */
export type JwtConfig = z.input<typeof jwtSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    /** JWT access tokens; `audience` is always set (it defaults to `publicUrl`). */
    jwt: Required<z.output<typeof jwtSchema>>;
  }
}

/** Completes the parsed section: the audience defaults to the public URL. */
export function resolveTokensConfig(parsed: z.output<z.ZodObject<typeof tokensConfigShape>>, core: CoreResolvedConfig): Pick<FeatureConfigs, 'jwt'> {
  return { jwt: { ...parsed.jwt, audience: parsed.jwt.audience ?? core.publicUrl } };
}
