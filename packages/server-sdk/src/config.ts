import { z } from 'zod';
import { apiKeysConfigShape } from './api-keys/config.js';
import { checkProduction, coreConfigShape, deriveCoreConfig, type ResolvedConfig } from './core/config.js';
import { configErrorOf, phraseConfigIssue } from './core/config/issues.js';
import { organizationsConfigShape } from './organizations/config.js';
import { sshKeysConfigShape } from './ssh-keys/config.js';
import { resolveTokensConfig, tokensConfigShape } from './tokens/config.js';
import { resolveTwoFactorConfig, twoFactorConfigShape } from './two-factor/config.js';
import { checkWebhooksInProduction, webhooksConfigShape } from './webhooks/config.js';

export type { ResolvedConfig } from './core/config.js';
export type {
  DatabaseConfig, SignUpConfig, PasswordConfig, SessionConfig, NewDeviceAlertConfig, LinkConfig, MailConfig, PageConfig, TurnstileConfig, SecurityConfig,
  RateLimitConfig, RateLimitRule,
} from './core/config.js';
export type { TwoFactorConfig, PasskeyConfig } from './two-factor/config.js';
export type { ApiKeyConfig } from './api-keys/config.js';
export type { SshKeyConfig } from './ssh-keys/config.js';
export type { JwtConfig } from './tokens/config.js';
export type { WebhookConfig } from './webhooks/config.js';
export type { OrganizationsConfig } from './organizations/config.js';

/**
 * The whole configuration: the core settings and every built-in feature's sections (present
 * whether or not the feature is installed, so leaving one out never invalidates a config), the
 * production checks, then the values derived from valid settings.
 */
export const latchConfigSchema = z.object({
  ...coreConfigShape,
  ...twoFactorConfigShape,
  ...apiKeysConfigShape,
  ...sshKeysConfigShape,
  ...tokensConfigShape,
  ...webhooksConfigShape,
  ...organizationsConfigShape,
})
  .superRefine(checkProduction)
  .superRefine(checkWebhooksInProduction)
  .transform((parsed): ResolvedConfig => {
    const core = deriveCoreConfig(parsed);
    return { ...core, ...resolveTwoFactorConfig(parsed, core), ...resolveTokensConfig(parsed, core) };
  })
  .describe('Everything `createLatch` accepts. Only `publicUrl` matters in development; production needs `secret`.');

/** Everything `createLatch` accepts; every field is optional. See docs/configuration.md. */
export type LatchConfig = z.input<typeof latchConfigSchema>;

/**
 * Applies defaults to a {@link LatchConfig} and validates it, failing fast with one
 * {@link ConfigError} that names every refused field. In development it warns once about each
 * default that must change in production.
 * @example const config = resolveConfig({ publicUrl: 'http://localhost:3000' });
 */
export function resolveConfig(input: LatchConfig = {}): ResolvedConfig {
  const result = latchConfigSchema.safeParse(input, { error: phraseConfigIssue });
  if (!result.success) throw configErrorOf(result.error.issues);
  return result.data;
}
