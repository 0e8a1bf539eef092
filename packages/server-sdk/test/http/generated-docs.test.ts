import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defaultRoutes, generateCommand, renderGeneratedFiles, repoRoot } from '../../../../scripts/error-docs.js';

describe('files generated from the error registry', () => {
  it('are committed exactly as the generator renders them (docs/reference/errors.md, the components\' problem codes)', async () => {
    for (const file of renderGeneratedFiles(await defaultRoutes())) {
      let committed = '';
      try { committed = readFileSync(join(repoRoot, file.path), 'utf8'); } catch { /* missing: reported below */ }
      assert.ok(committed === file.content, `${file.path} is not what the registry and routes produce: run \`${generateCommand}\``);
    }
  });
});
