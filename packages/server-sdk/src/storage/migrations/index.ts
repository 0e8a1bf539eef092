import type { Knex } from 'knex';
import * as core from './0001-core.js';
import * as accountProtection from './0002-account-protection.js';
import * as phoneNumber from './0003-phone-number.js';

/** One schema change (the same shape features declare theirs in). */
export interface SchemaMigration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The core's migrations: accounts, sessions, links, mail outbox, audit, rate limits, known devices, phone numbers. */
export const coreMigrations: Record<string, SchemaMigration> = {
  '0001-core': core, '0002-account-protection': accountProtection, '0003-phone-number': phoneNumber,
};

/**
 * A migration source over the core's migrations and then the installed features', in order (no
 * file globbing, so it works from source and dist).
 */
export function migrationSourceOf(migrations: Readonly<Record<string, SchemaMigration>>): Knex.MigrationSource<string> {
  return {
    getMigrations: async () => Object.keys(migrations),
    getMigrationName: (name) => name,
    getMigration: async (name) => migrations[name]!,
  };
}
