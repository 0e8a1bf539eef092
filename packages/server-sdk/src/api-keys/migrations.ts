import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/** The API keys: hashed at rest, scoped, with batched usage counters. */
const tables: Migration = {
  async up(knex: Knex): Promise<void> {
    // Databases made before the features had their own migrations already hold the table.
    if (await knex.schema.hasTable('api_keys')) return;
    await knex.schema.createTable('api_keys', (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.text('name').notNullable();
      // The first characters of the key, shown so owners can tell keys apart; never enough to use it.
      t.text('prefix').notNullable();
      // SHA-256 of the whole key: a database dump does not reveal usable keys.
      t.text('key_hash').notNullable().unique();
      t.specificType('scopes', 'text[]').notNullable().defaultTo('{}');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true });
      // Usage is written in batches (not per request), so these lag by a few seconds.
      t.timestamp('last_used_at', { useTz: true });
      t.text('last_used_ip');
      t.bigInteger('use_count').notNullable().defaultTo(0);
      t.index(['user_id', 'created_at']);
      t.index(['expires_at']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('api_keys');
  },
};

/** The api-keys feature's migrations, in order. */
export const apiKeyMigrations: Record<string, Migration> = { '0003-api-keys': tables };
