import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/** The SSH public keys: canonical form, fingerprint unique across accounts. */
const tables: Migration = {
  async up(knex: Knex): Promise<void> {
    // Databases made before the features had their own migrations already hold the table.
    if (await knex.schema.hasTable('ssh_keys')) return;
    await knex.schema.createTable('ssh_keys', (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.text('name').notNullable();
      t.text('type').notNullable();
      // Canonical `type base64` (re-encoded from the parsed blob), without the comment.
      t.text('public_key').notNullable();
      // A key identifies one person: the fingerprint is unique across all accounts.
      t.text('fingerprint').notNullable().unique();
      t.integer('bits');
      t.text('comment');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.index(['user_id', 'created_at']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('ssh_keys');
  },
};

/** The ssh-keys feature's migrations, in order. */
export const sshKeyMigrations: Record<string, Migration> = { '0003-ssh-keys': tables };
