import { authorizedKeysCliCommand } from './authorized-keys.js';
import type { DatabaseCommand } from './command.js';
import { createAdminCommand } from './create-admin.js';
import { importUsersCommand } from './import-users.js';
import { migrateCommand } from './migrate.js';

export { UsageError, defineCommand } from './command.js';
export type { CommandOutput, DatabaseCommand } from './command.js';

/**
 * The commands that work on the database, by name. A running server on embedded PGlite runs the
 * same ones for the CLI over its control channel, so a command added here works in both places.
 */
export const databaseCommands: readonly DatabaseCommand<any>[] = [migrateCommand, createAdminCommand, importUsersCommand, authorizedKeysCliCommand];

/** The database command called `name`, if any. */
export function databaseCommand(name: string): DatabaseCommand<any> | undefined {
  return databaseCommands.find((command) => command.name === name);
}
