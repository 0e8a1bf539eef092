import type { PublicConfig } from '../api/types.js';

/** Whether the server has `feature` installed (`GET /config` `features`; a server that lists none has them all). */
export const hasFeature = (config: PublicConfig, feature: string): boolean => !config.features || config.features.includes(feature);

/**
 * The panels that need a server feature, and when they work: a panel whose feature is left out
 * of the server is not shown (and calls none of its routes).
 */
export const panelAvailable = {
  'two-factor': (c: PublicConfig) => hasFeature(c, 'two-factor'),
  passkeys: (c: PublicConfig) => hasFeature(c, 'two-factor') && c.passkeys,
  'api-keys': (c: PublicConfig) => hasFeature(c, 'api-keys'),
  'ssh-keys': (c: PublicConfig) => hasFeature(c, 'ssh-keys'),
};
