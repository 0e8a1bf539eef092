import type { Knex } from 'knex';

/** Accounts, sessions, emailed-link tokens, the mail outbox, audit events and rate limits. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable();
    t.text('email_normalized').notNullable().unique();
    t.timestamp('email_verified_at', { useTz: true });
    t.text('display_name').notNullable().defaultTo('');
    t.text('password_hash');
    t.specificType('roles', 'text[]').notNullable().defaultTo('{}');
    t.text('kind').notNullable().defaultTo('user');
    t.timestamp('disabled_at', { useTz: true });
    t.boolean('email_two_factor').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_active_at', { useTz: true }).notNullable();
    t.timestamp('authenticated_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('ip');
    t.text('user_agent');
    t.index(['user_id', 'created_at']);
    t.index(['expires_at']);
  });
  await knex.schema.createTable('email_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('purpose').notNullable();
    t.text('token_hash').notNullable().unique();
    t.text('new_email');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id', 'purpose']);
  });
  await knex.schema.createTable('outbox', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('to_address').notNullable();
    t.text('template').notNullable();
    t.text('subject').notNullable();
    // Bodies carry single-use links: sealed with the master secret, and erased once delivered over SMTP.
    t.text('body_sealed');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    t.text('last_error');
    t.index(['sent_at', 'failed_at', 'next_attempt_at']);
  });
  await knex.schema.createTable('audit_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigIncrements('seq', { primaryKey: false });
    t.uuid('user_id');
    t.uuid('actor_id');
    t.text('type').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.text('ip');
    t.text('user_agent');
    t.jsonb('detail').notNullable().defaultTo('{}');
    t.index(['user_id', 'seq']);
    t.index(['type', 'seq']);
  });
  await knex.schema.createTable('rate_limits', (t) => {
    t.text('key').primary();
    t.integer('count').notNullable();
    t.timestamp('reset_at', { useTz: true }).notNullable();
    t.index(['reset_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['rate_limits', 'audit_events', 'outbox', 'email_tokens', 'sessions', 'users']) {
    await knex.schema.dropTableIfExists(table);
  }
}
