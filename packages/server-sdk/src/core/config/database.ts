import type { Knex } from 'knex';
import { z } from 'zod';

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
    description: 'A ready knex instance to use instead of `url`/`dataDir`; the host owns its lifecycle.',
    docType: 'Knex',
  }),
  poolMax: z.number().int().min(1).default(10).describe('Largest number of pooled PostgreSQL connections.'),
}).describe('Where Latch keeps its data.');

/** The `database` section as `createLatch` accepts it. */
export type DatabaseConfig = z.input<typeof databaseSchema>;
