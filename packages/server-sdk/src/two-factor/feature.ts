import type { FeatureFactory } from '../feature.js';

/** Second factors and passkeys (filled in by the two-factor feature). */
export const twoFactorFeature: FeatureFactory = () => ({ name: 'two-factor', routes: [] });
