import type { Knex } from 'knex';

/** API keys, SSH public keys and the JWT signing keys. */
export async function up(knex: Knex): Promise<void> {
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
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['signing_keys', 'ssh_keys', 'api_keys']) await knex.schema.dropTableIfExists(table);
}
