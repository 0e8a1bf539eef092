// Placeholder build until the components land: emits an empty module so dependants resolve.
import { mkdirSync, writeFileSync } from 'node:fs';
mkdirSync(new URL('../dist/cdn', import.meta.url), { recursive: true });
writeFileSync(new URL('../dist/index.js', import.meta.url), 'export {};\n');
writeFileSync(new URL('../dist/cdn/latch.js', import.meta.url), 'export {};\n');
writeFileSync(new URL('../dist/cdn/login-form.js', import.meta.url), 'export {};\n');
