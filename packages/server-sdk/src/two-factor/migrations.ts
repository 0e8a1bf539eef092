import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/**
 * Second factors and passkeys: pending sign-ins, authenticator-app secrets (sealed), emailed codes
 * and backup codes (hashed), passkeys and the WebAuthn ceremony challenges.
 */
async function up(knex: Knex): Promise<void> {
  // A sign-in that passed its first factor and waits for the second step. Only the cookie token's
  // hash is stored; `attempts` is reserved before a code is checked, so parallel guesses cannot
  // overrun the per-sign-in budget.
  await knex.schema.createTable('two_factor_challenges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.integer('attempts').notNullable().defaultTo(0);
    t.boolean('failure_noticed').notNullable().defaultTo(false);
    t.integer('email_sends').notNullable().defaultTo(0);
    t.timestamp('email_last_sent_at', { useTz: true });
    t.index(['user_id']);
    t.index(['expires_at']);
  });

  // One row per user. The secret is AES-GCM sealed with a key derived from the master secret.
  // `last_used_step` makes each 30-second step usable once (a conditional UPDATE decides races).
  await knex.schema.createTable('two_factor_totp', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    t.text('secret_sealed');
    t.timestamp('enabled_at', { useTz: true });
    t.bigInteger('last_used_step');
    t.text('pending_secret_sealed');
    t.timestamp('pending_expires_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable();
  });

  // Emailed one-time codes, as keyed hashes (HMAC under a key derived from the master secret).
  // Sign-in codes belong to one pending sign-in; reauthentication codes to the user.
  await knex.schema.createTable('two_factor_email_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('challenge_id').references('two_factor_challenges.id').onDelete('CASCADE');
    t.text('purpose').notNullable();
    t.text('code_hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['challenge_id']);
    t.index(['user_id', 'purpose']);
    t.index(['expires_at']);
  });

  // Backup codes as salted argon2id hashes (each code carries 80 bits).
  await knex.schema.createTable('two_factor_backup_codes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('code_hash').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['user_id']);
  });

  // WebAuthn credentials; a credential id belongs to one account only.
  await knex.schema.createTable('passkeys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('credential_id').notNullable().unique();
    t.text('public_key').notNullable();
    t.bigInteger('counter').notNullable().defaultTo(0);
    t.specificType('transports', 'text[]').notNullable().defaultTo('{}');
    t.text('device_type');
    t.boolean('backed_up').notNullable().defaultTo(false);
    t.text('aaguid');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('last_used_at', { useTz: true });
    t.index(['user_id']);
  });

  // Server-side WebAuthn challenges: single use, short-lived, bound to a purpose and, for the
  // second step, to the pending sign-in.
  await knex.schema.createTable('webauthn_challenges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('challenge').notNullable().unique();
    t.text('purpose').notNullable();
    t.uuid('user_id').references('users.id').onDelete('CASCADE');
    t.uuid('pending_id').references('two_factor_challenges.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.index(['expires_at']);
  });
}

async function down(knex: Knex): Promise<void> {
  for (const table of ['webauthn_challenges', 'passkeys', 'two_factor_backup_codes', 'two_factor_email_codes', 'two_factor_totp', 'two_factor_challenges']) {
    await knex.schema.dropTableIfExists(table);
  }
}

/** The two-factor feature's migrations, in order (the name predates features owning them). */
export const twoFactorMigrations: Record<string, Migration> = { '0002-two-factor': { up, down } };
