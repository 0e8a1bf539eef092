import { after, before, describe } from 'node:test';
import type { Storage } from '@latch/server-sdk';
import { testDatabaseKinds } from '@latch/server-sdk/testing';
import { twoFactorMigrations } from '../../src/two-factor/migrations.js';
import { runTwoFactorStoreConformance } from '../../src/two-factor/storage/conformance/index.js';
import { openMigratedStorage } from '../storage/migrated-storage.js';

for (const kind of testDatabaseKinds()) {
  describe(`two-factor store conformance on ${kind}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    before(async () => ({ storage, close } = await openMigratedStorage(kind, twoFactorMigrations)));
    after(() => close());
    runTwoFactorStoreConformance(() => storage);
  });
}
