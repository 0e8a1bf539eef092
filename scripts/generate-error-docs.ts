#!/usr/bin/env node
// Writes the files generated from the server's error registry and route definitions
// (docs/reference/errors.md, packages/web-components/src/api/problem-codes.ts).
// Run: npm run generate:errors
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultRoutes, renderGeneratedFiles, repoRoot } from './error-docs.js';

for (const file of renderGeneratedFiles(await defaultRoutes())) {
  const target = join(repoRoot, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote ${file.path}`);
}
