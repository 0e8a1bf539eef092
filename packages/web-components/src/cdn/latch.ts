/** CDN entry: the whole library, every tag defined, Lit included. */
export * from '../index.js';
import '../define.js';
