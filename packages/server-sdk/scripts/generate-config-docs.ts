#!/usr/bin/env node
// Rewrites the SDK part of docs/configuration.md (between the generated:config markers) from the
// configuration schemas; the environment-variable part around it stays as written.
// Run: npm run generate:config-docs -w @latch/server-sdk
import { readFileSync, writeFileSync } from 'node:fs';
import { configDocPath, withConfigReference } from './config-docs.js';

const current = readFileSync(configDocPath, 'utf8');
const next = withConfigReference(current);
if (next === current) console.log('docs/configuration.md is up to date');
else {
  writeFileSync(configDocPath, next);
  console.log('wrote docs/configuration.md');
}
