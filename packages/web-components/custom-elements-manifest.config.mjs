// `cem analyze` settings: Lit-aware, sources only. Tag names come from each class's `@tagname`.

/**
 * Keeps only the documented `latch-*` events: the analyzer also guesses events from
 * `dispatchEvent(new SomeEvent(arg))` calls and names them after the argument.
 */
const documentedEventsOnly = () => ({
  name: 'latch-documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (!declaration.events) continue;
        const seen = new Set();
        declaration.events = declaration.events.filter((e) => e.name?.startsWith('latch-') && e.description && !seen.has(e.name) && seen.add(e.name));
      }
    }
  },
});

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/cdn/**'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: true,
  plugins: [documentedEventsOnly()],
};
