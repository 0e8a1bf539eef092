import type { FeatureFactory } from '../feature.js';

/** User administration (filled in by the admin feature). */
export const adminFeature: FeatureFactory = () => ({ name: 'admin', routes: [] });
