import type { FeatureFactory } from '../feature.js';

/** API keys, SSH keys and JWT access tokens (filled in by the keys feature). */
export const keysFeature: FeatureFactory = () => ({ name: 'keys', routes: [] });
