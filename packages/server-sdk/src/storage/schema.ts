import type { Knex } from 'knex';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The PostgreSQL schema Latch keeps its tables in unless told otherwise. */
export const defaultSchema = 'latch';

/** Where an earlier version kept every table, and so where an existing deployment's data is. */
const legacySchema = 'public';

/**
 * Why a schema name is refused, or null when it is a plain identifier Latch accepts: lower-case
 * letters, digits and underscores, starting with a letter or underscore, at most 63 bytes (the
 * PostgreSQL limit), and not one of PostgreSQL's own (`pg_…`, `information_schema`).
 */
export function schemaNameProblem(name: string): string | null {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) return `"${name}" is not a plain identifier (lower-case letters, digits and _, not starting with a digit)`;
  if (name.length > 63) return `"${name}" is longer than 63 characters`;
  if (name.startsWith('pg_') || name === 'information_schema') return `"${name}" is reserved by PostgreSQL`;
  return null;
}

/** The name itself when {@link schemaNameProblem} accepts it. @throws ConfigError */
export function validSchemaName(name: string): string {
  const problem = schemaNameProblem(name);
  if (problem) throw new ConfigError(`database.schema: ${problem}`);
  return name;
}

/** The schema as an SQL identifier, validated first. @throws ConfigError */
export function quoteSchema(name: string): string {
  return `"${validSchemaName(name)}"`;
}

/** Runs one statement and returns its rows (a pg client, PGlite or knex, whichever is at hand). */
export type RowQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** A knex instance as a {@link RowQuery}. */
export const knexRows = (knex: Knex): RowQuery => async (sql) => (await knex.raw(sql)).rows as Array<Record<string, unknown>>;

/** Whether `schema` holds Latch's migration table (so a Latch database lives there). */
async function holdsLatch(query: RowQuery, schema: string): Promise<boolean> {
  const [row] = await query(`select to_regclass('${quoteSchema(schema)}.latch_migrations') is not null as found`);
  return row?.found === true;
}

/**
 * The schema to use: the configured one, except that a deployment of an earlier version (its
 * tables in `public`) keeps working when no schema is configured, with a warning, instead of
 * silently starting a second, empty database in `latch`. A configured schema that is still empty
 * while `public` holds Latch's tables is used as told, with a warning saying so.
 */
export async function chooseSchema(query: RowQuery, configured: string | undefined, logger: Logger): Promise<string> {
  const wanted = configured ?? defaultSchema;
  if (wanted === legacySchema) return wanted;
  // One statement (on PostgreSQL, one short-lived connection before the pool exists).
  const [found] = await query(`select to_regclass('${quoteSchema(wanted)}.latch_migrations') is not null as wanted,
    to_regclass('${legacySchema}.latch_migrations') is not null as legacy`);
  if (found?.wanted === true || found?.legacy !== true) return wanted;
  if (configured === undefined) {
    logger.warn({ event: 'database.legacy_schema', schema: legacySchema },
      `Latch's tables are in the "public" schema, where earlier versions put them: using them there. Set database.schema: 'public' `
      + `(DATABASE_SCHEMA=public) to keep them there and silence this warning, or move them into the "${defaultSchema}" schema.`);
    return legacySchema;
  }
  logger.warn({ event: 'database.schema_empty', schema: wanted },
    `database.schema is "${wanted}", which holds no Latch tables yet, while "public" holds a Latch database: a new, empty one is made in "${wanted}". `
    + `Set database.schema: 'public' to keep the existing accounts.`);
  return wanted;
}

/**
 * Creates the schema when it is absent. Checked first: a role allowed to use an existing schema
 * but not to create schemas can still start.
 */
export async function ensureSchema(knex: Knex, schema: string): Promise<void> {
  const { rows } = await knex.raw('select 1 from pg_namespace where nspname = ?', [schema]);
  if (rows.length > 0) return;
  try {
    await knex.raw(`create schema if not exists ${quoteSchema(schema)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42501') throw error;
    throw new ConfigError(`database.schema: the database role may not create the schema "${schema}"; `
      + `create it once (CREATE SCHEMA ${schema} AUTHORIZATION <role>), or set database.schema to one the role owns`);
  }
}

/** The first schema of a knex instance's `searchPath` option, if it has one. */
export function searchPathOf(knex: Knex): string | undefined {
  const path = (knex.client.config as { searchPath?: string | readonly string[] }).searchPath;
  const first = Array.isArray(path) ? path[0] : typeof path === 'string' ? path.split(',')[0]?.trim() : undefined;
  return first || undefined;
}

/**
 * The schema a host's own knex instance gives Latch. Latch cannot add connection hooks to a pool
 * it does not own, so the instance must send Latch's queries to the schema: create it with knex's
 * `searchPath: ['latch']` option (or the schema of `database.schema`). Without a `searchPath`, its
 * queries go to the connection's current schema (usually `public`): that is used only when it is
 * what `database.schema` says, or when it already holds Latch's tables (a deployment of an
 * earlier version, with a warning). Anything else is refused, before any table is made.
 * @throws ConfigError
 */
export async function hostKnexSchema(knex: Knex, configured: string | undefined, logger: Logger): Promise<string> {
  const path = searchPathOf(knex);
  if (path !== undefined) {
    const problem = schemaNameProblem(path);
    if (problem) throw new ConfigError(`database.knex: the searchPath's first schema ${problem}`);
    if (configured !== undefined && configured !== path) {
      throw new ConfigError(`database.schema is "${configured}" but the knex instance's searchPath starts with "${path}": they must name the same schema`);
    }
    return path;
  }
  const [row] = (await knex.raw('select current_schema() as name')).rows as Array<{ name: string | null }>;
  const current = row?.name ?? null;
  if (current !== null && current === configured) return current;
  if (current !== null && configured === undefined && await holdsLatch(knexRows(knex), current)) {
    logger.warn({ event: 'database.legacy_schema', schema: current },
      `The knex instance has no searchPath and Latch's tables are in its current schema "${current}": using them there. `
      + `Set database.schema: '${current}' to keep them there and silence this warning.`);
    return current;
  }
  const wanted = configured ?? defaultSchema;
  throw new ConfigError(`database.knex: Latch keeps its tables in the schema "${wanted}", but this knex instance sends queries to `
    + `${current === null ? 'no existing schema' : `"${current}"`}. Create it with knex({ …, searchPath: ['${wanted}'] }), `
    + `or set database.schema to the schema it uses.`);
}

/** Checks that unqualified names of a knex instance resolve in `schema` (after it is created). */
export async function requireCurrentSchema(knex: Knex, schema: string): Promise<void> {
  const [row] = (await knex.raw('select current_schema() as name')).rows as Array<{ name: string | null }>;
  if (row?.name !== schema) {
    throw new ConfigError(`database: queries resolve in the schema ${row?.name ? `"${row.name}"` : '(none)'}, not "${schema}"; check the connection's search_path`);
  }
}

/**
 * The LISTEN/NOTIFY channel of a schema's Latch: the historical name for `public` (so processes of
 * an earlier version on the same tables still hear each other), the schema appended otherwise, so
 * two Latch databases in one PostgreSQL database never act on each other's signals.
 */
export function channelFor(base: string, schema: string): string {
  if (schema === legacySchema) return base;
  const name = `${base}_${schema}`;
  // Channel names are identifiers, at most 63 bytes: a longer one is cut (two schemas alike in their
  // first 45 characters then share a channel, which only drops more cache entries than needed).
  return name.length <= 63 ? name : `${base}_${schema.slice(0, 63 - base.length - 1)}`;
}
