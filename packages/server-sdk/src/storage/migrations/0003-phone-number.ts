import type { Knex } from 'knex';

/** An optional phone number on each account, stored in E.164 (`+442079460958`). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.text('phone_number');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => { t.dropColumn('phone_number'); });
}
