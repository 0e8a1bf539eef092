import { after, before, describe } from 'node:test';
import { createDatabase, createKnexStorage, migrateDatabase, type Storage } from '@latch/server-sdk';
import { createTestDatabase, runStorageConformance, testDatabaseKinds } from '@latch/server-sdk/testing';

for (const kind of testDatabaseKinds()) {
  describe(`storage conformance on ${kind}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    before(async () => {
      const database = await createTestDatabase(kind);
      const db = createDatabase({ url: database.url });
      await migrateDatabase(db.knex);
      storage = createKnexStorage(db.knex, db.kind);
      close = async () => { await db.knex.destroy(); await database.drop(); };
    });
    after(() => close());
    runStorageConformance(() => storage);
  });
}
