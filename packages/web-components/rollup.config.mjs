// CDN bundles: each entry becomes one self-contained, minified ES module with Lit included.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { fileURLToPath } from 'node:url';

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url));

/** Minifies the CSS inside css`` templates of our sources (they hold no interpolations). */
const minifyCss = () => ({
  name: 'minify-css-templates',
  transform(code, id) {
    if (!id.includes('/src/') || !code.includes('css`')) return null;
    return {
      code: code.replace(/css`([^`]*)`/g, (_, body) => 'css`' + body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim() + '`'),
      map: null,
    };
  },
});

/**
 * After terser the output is one line, so a line break followed by indentation can only sit in a
 * template literal (Lit's html``): collapse it to one space, as HTML would.
 */
const collapseTemplateWhitespace = () => ({
  name: 'collapse-template-whitespace',
  renderChunk(code) {
    return { code: code.replace(/\n\s+/g, ' '), map: null };
  },
});

const bundle = (name, input = `src/cdn/${name}.ts`) => ({
  input,
  output: { file: `dist/cdn/${name}.js`, format: 'es', sourcemap: false, inlineDynamicImports: true },
  plugins: [
    // `production` drops Lit's dev-mode warnings; `browser` picks the browser builds.
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    minifyCss(),
    esbuild({ target: 'es2022', tsconfig, minify: false }),
    terser({
      ecma: 2022,
      module: true,
      compress: { passes: 2 },
      // Lit's convention: only `__`-prefixed properties are private enough to mangle.
      mangle: { properties: { regex: /^__/ } },
      format: { comments: false },
    }),
    collapseTemplateWhitespace(),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
});

/**
 * The shipped languages besides English (built in): each a small bundle of its strings and the
 * registry code, registering into the registry every copy of the library shares (on `globalThis`),
 * so `locales/de.js` works next to `latch.js` or `login-form.js`, loaded before or after it.
 */
const languages = ['fr', 'de'];

export default [bundle('latch'), bundle('login-form'), ...languages.map((code) => bundle(`locales/${code}`, `src/locales/${code}.ts`))];
