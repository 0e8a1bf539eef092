import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/** The JWT signing keys: one per generation, the private half sealed. */
const tables: Migration = {
  async up(knex: Knex): Promise<void> {
    // Databases made before the features had their own migrations already hold the table.
    if (await knex.schema.hasTable('signing_keys')) return;
    await knex.schema.createTable('signing_keys', (t) => {
      t.text('kid').primary();
      // One key per generation: concurrent first starts and rotations insert-if-absent on it.
      t.integer('generation').notNullable().unique();
      t.text('alg').notNullable();
      t.text('public_jwk').notNullable();
      // The private JWK sealed with the master secret (AES-256-GCM, purpose `signing-keys`).
      t.text('private_jwk_sealed').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      // When the key starts signing; keys are published in the JWKS before that.
      t.timestamp('activates_at', { useTz: true }).notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('signing_keys');
  },
};

/** The tokens feature's migrations, in order. */
export const signingKeyMigrations: Record<string, Migration> = { '0003-signing-keys': tables };
