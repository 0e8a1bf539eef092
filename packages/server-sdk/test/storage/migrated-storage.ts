import { createDatabase, createKnexStorage, migrateDatabase, type Storage } from '@latch/server-sdk';
import { createTestDatabase } from '@latch/server-sdk/testing';

/** Feature migrations by name, as `migrateDatabase` takes them. */
export type FeatureMigrations = NonNullable<Parameters<typeof migrateDatabase>[1]>;

/** A fresh database of `kind` with the core schema and `migrations`, and how to drop it. */
export async function openMigratedStorage(kind: 'pglite' | 'postgres', migrations: FeatureMigrations): Promise<{ storage: Storage; close(): Promise<void> }> {
  const database = await createTestDatabase(kind);
  const db = createDatabase({ url: database.url });
  await migrateDatabase(db.knex, migrations);
  return {
    storage: createKnexStorage(db.knex, db.kind),
    async close() {
      await db.close();
      await database.drop();
    },
  };
}
