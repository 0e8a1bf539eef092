#!/usr/bin/env node
// Writes src/api/generated/contract.ts: the request and response types of every operation, made by
// openapi-typescript from the OpenAPI document the server SDK builds from its route definitions.
// Run with the SDK's sources: `node --import tsx --conditions latch-source scripts/generate-contract.mjs`
// (`npm run generate:contract`). `--check` writes nothing and exits 1 when the committed file is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { createLatch, silentLogger } from '@latch/server-sdk';

export const contractPath = fileURLToPath(new URL('../src/api/generated/contract.ts', import.meta.url));
export const generateCommand = 'npm run generate:contract -w @latch/web-components';

const header = `/**
 * The Latch HTTP API's request and response types, generated from its OpenAPI document by
 * openapi-typescript. Do not edit: run \`${generateCommand}\` after changing a route.
 * The components' client (\`../client.ts\`) is typed from \`paths\`; \`../types.ts\` names the shapes.
 */
`;

/** The OpenAPI document of a Latch with every default feature, built in memory (no database file, no mail). */
export async function openApiDocument() {
  const latch = await createLatch({ publicUrl: 'http://localhost:3000', secret: 'x'.repeat(40), database: {}, mail: { startWorker: false }, logger: silentLogger });
  try {
    return latch.openApi();
  } finally {
    await latch.close();
  }
}

/** The contents contract.ts must have. */
export async function renderContract() {
  const ast = await openapiTS(await openApiDocument(), { silent: true, alphabetize: true });
  return header + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const content = await renderContract();
  let committed = '';
  try { committed = readFileSync(contractPath, 'utf8'); } catch { /* first run */ }
  if (process.argv.includes('--check')) {
    if (committed !== content) {
      console.error(`src/api/generated/contract.ts is not what the server's routes produce: run \`${generateCommand}\``);
      process.exit(1);
    }
  } else if (committed !== content) {
    mkdirSync(dirname(contractPath), { recursive: true });
    writeFileSync(contractPath, content);
    console.log('wrote src/api/generated/contract.ts');
  }
}
