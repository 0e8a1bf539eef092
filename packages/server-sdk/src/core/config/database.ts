import type { Knex } from 'knex';
import { z } from 'zod';
import { schemaNameProblem } from '../../storage/schema.js';

/** The `database` section. */
export const databaseSchema = z.object({
  url: z.string().optional().meta({
    description: '`postgres://…` connection string. Without it (and without `knex`), an embedded PGlite database is used.',
    docDefault: 'unset: embedded PGlite',
  }),
  dataDir: z.string().optional().meta({
    description: 'Folder of the embedded PGlite database; one process at a time opens it.',
    docDefault: 'unset: in memory',
  }),
  knex: z.custom<Knex>((value) => typeof value === 'function', 'must be a knex instance').optional().meta({
    description: 'A ready knex instance to use instead of `url`/`dataDir`; the host owns its lifecycle. Create it with `searchPath: [\'latch\']` (or the `schema` set here): Latch cannot set the search path on a pool it does not own.',
    docType: 'Knex',
  }),
  schema: z.string().superRefine((name, ctx) => {
    const problem = schemaNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: `must be a plain identifier: ${problem}` });
  }).optional().meta({
    description: 'The PostgreSQL schema (on PGlite too) that holds Latch\'s tables, created if absent. It is the only schema on the search_path of Latch\'s connections, so tables of the host app elsewhere (its own `users`) are never touched. Unset, a database whose Latch tables are in `public` (made by an earlier version) keeps them there, with a warning. With `knex`, the instance\'s `searchPath` must name it.',
    docDefault: '`latch`',
  }),
  poolMax: z.number().int().min(1).default(10).describe('Largest number of pooled PostgreSQL connections.'),
}).describe('Where Latch keeps its data.');

/** The `database` section as `createLatch` accepts it. */
export type DatabaseConfig = z.input<typeof databaseSchema>;
