import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/** The webhook queue: one row per event to deliver, written in the transaction of the change. */
const tables: Migration = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('webhook_deliveries', (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      // The event's own id: the receiver's deduplication key, the same on every attempt.
      t.uuid('event_id').notNullable().unique();
      t.text('event_type').notNullable();
      // The exact JSON body, so every attempt sends (and signs) the same bytes.
      t.text('body').notNullable();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.timestamp('next_attempt_at', { useTz: true }).notNullable();
      // After this the delivery is given up (failed) instead of retried.
      t.timestamp('give_up_at', { useTz: true }).notNullable();
      // A worker's claim: other workers skip the row until the lease ends (a crashed worker's lease runs out).
      t.timestamp('locked_until', { useTz: true });
      t.uuid('claim_token');
      t.timestamp('delivered_at', { useTz: true });
      t.timestamp('failed_at', { useTz: true });
      t.integer('last_status');
      t.text('last_error');
      t.index(['delivered_at']);
      t.index(['failed_at']);
    });
    // Workers scan only what is still to deliver.
    await knex.raw('create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where delivered_at is null and failed_at is null');
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists('webhook_deliveries');
  },
};

/** The webhooks feature's migrations, in order. */
export const webhookMigrations: Record<string, Migration> = { '0004-webhooks': tables };
