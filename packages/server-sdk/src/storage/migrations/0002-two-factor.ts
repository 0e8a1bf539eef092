import type { Knex } from 'knex';

/** Reserved for the feature's tables. */
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
