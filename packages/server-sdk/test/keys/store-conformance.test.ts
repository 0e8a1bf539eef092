import { after, before, describe } from 'node:test';
import type { Storage } from '@latch/server-sdk';
import { testDatabaseKinds } from '@latch/server-sdk/testing';
import { runApiKeyStoreConformance } from '../../src/api-keys/conformance.js';
import { apiKeyMigrations } from '../../src/api-keys/migrations.js';
import { runSshKeyStoreConformance } from '../../src/ssh-keys/conformance.js';
import { sshKeyMigrations } from '../../src/ssh-keys/migrations.js';
import { runSigningKeyTableConformance } from '../../src/tokens/conformance.js';
import { signingKeyMigrations } from '../../src/tokens/migrations.js';
import { openMigratedStorage } from '../storage/migrated-storage.js';

for (const kind of testDatabaseKinds()) {
  describe(`key store conformance on ${kind}`, () => {
    let storage: Storage;
    let close: () => Promise<void>;
    before(async () => ({ storage, close } = await openMigratedStorage(kind, { ...apiKeyMigrations, ...sshKeyMigrations, ...signingKeyMigrations })));
    after(() => close());
    runApiKeyStoreConformance(() => storage);
    runSshKeyStoreConformance(() => storage);
    runSigningKeyTableConformance(() => storage);
  });
}
