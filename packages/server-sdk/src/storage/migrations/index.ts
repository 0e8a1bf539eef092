import type { Knex } from 'knex';
import * as core from './0001-core.js';
import * as twoFactor from './0002-two-factor.js';
import * as keys from './0003-keys.js';

interface Migration { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> }

const migrations: Record<string, Migration> = {
  '0001-core': core,
  '0002-two-factor': twoFactor,
  '0003-keys': keys,
};

/** The migrations shipped in the package, in order (no file globbing, so it works from source and dist). */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
