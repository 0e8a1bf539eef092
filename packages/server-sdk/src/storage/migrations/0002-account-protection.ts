import type { Knex } from 'knex';

/**
 * Account protection: the "password must be replaced" mark that securing an account leaves, and
 * the device classes each user signed in from (for new-device sign-in alerts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    // Set when the owner secured the account without choosing a new password: the old one no
    // longer signs in, and a password reset or change clears it.
    t.timestamp('password_change_required_at', { useTz: true });
  });
  await knex.schema.createTable('known_devices', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    // SHA-256 of the user id and the device class (browser family, OS family, address prefix).
    t.text('device_hash').notNullable();
    t.timestamp('first_seen_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('last_alerted_at', { useTz: true });
    t.primary(['user_id', 'device_hash']);
    t.index(['last_seen_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('known_devices');
  await knex.schema.alterTable('users', (t) => { t.dropColumn('password_change_required_at'); });
}
