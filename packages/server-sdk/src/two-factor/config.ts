import { z } from 'zod';
import type { CoreResolvedConfig, FeatureConfigs } from '../core/config.js';

/** The `twoFactor` section. */
export const twoFactorSchema = z.object({
  emailEnabled: z.boolean().default(true).describe('Offer email one-time codes as a second factor (weaker than TOTP and passkeys).'),
  requiredForRoles: z.array(z.string().min(1)).default([]).describe('Roles whose members must set up a second factor.'),
  issuer: z.string().min(1).optional().meta({ description: 'Issuer shown in authenticator apps.', docDefault: '`mail.productName`' }),
}).describe('Second factors: TOTP, email codes and backup codes (the two-factor feature).');

/** The `passkeys` section. */
export const passkeysSchema = z.object({
  enabled: z.boolean().default(true).describe('Offer passkeys.'),
  rpName: z.string().min(1).optional().meta({ description: 'Relying-party name browsers show.', docDefault: '`mail.productName`' }),
  maxPerUser: z.number().int().min(1).default(10).describe('Most passkeys per user.'),
}).describe('Passkeys (WebAuthn), part of the two-factor feature.');

/** The two-factor feature's top-level sections, for the composed configuration. */
export const twoFactorConfigShape = {
  twoFactor: twoFactorSchema.prefault({}),
  passkeys: passkeysSchema.prefault({}),
};

/** The `twoFactor` section as `createLatch` accepts it. */
export type TwoFactorConfig = z.input<typeof twoFactorSchema>;
/** The `passkeys` section as `createLatch` accepts it. */
export type PasskeyConfig = z.input<typeof passkeysSchema>;

declare module '../core/config.js' {
  interface FeatureConfigs {
    /** Second factors; `issuer` is always set (it defaults to `mail.productName`). */
    twoFactor: Required<z.output<typeof twoFactorSchema>>;
    /** Passkeys; `rpName` is always set (it defaults to `mail.productName`). */
    passkeys: Required<z.output<typeof passkeysSchema>>;
  }
}

/** Completes the parsed sections: the names users see default to the product name. */
export function resolveTwoFactorConfig(
  parsed: z.output<z.ZodObject<typeof twoFactorConfigShape>>, core: CoreResolvedConfig,
): Pick<FeatureConfigs, 'twoFactor' | 'passkeys'> {
  return {
    twoFactor: { ...parsed.twoFactor, issuer: parsed.twoFactor.issuer ?? core.mail.productName },
    passkeys: { ...parsed.passkeys, rpName: parsed.passkeys.rpName ?? core.mail.productName },
  };
}
