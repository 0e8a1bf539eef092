import type { Knex } from 'knex';
import type { Migration } from '../core/feature.js';

/**
 * Organizations, their members and invitations; the organization a session works in; and the
 * organization an audit event belongs to (its activity trail).
 */
const tables: Migration = {
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('organizations', (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.text('name').notNullable();
      t.text('slug').notNullable().unique();
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.schema.createTable('organization_members', (t) => {
      t.uuid('organization_id').notNullable().references('organizations.id').onDelete('CASCADE');
      t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
      t.text('role').notNullable();
      // The member's kind in this organization (`clinician`), apart from the account's own kind.
      t.text('kind');
      t.timestamp('joined_at', { useTz: true }).notNullable();
      t.primary(['organization_id', 'user_id']);
    });
    // Each list is read newest first with a (joined_at, user_id) keyset: one index per filter.
    await knex.raw('create index organization_members_user_idx on organization_members (user_id, joined_at desc, organization_id desc)');
    await knex.raw('create index organization_members_list_idx on organization_members (organization_id, joined_at desc, user_id desc)');
    await knex.raw('create index organization_members_role_idx on organization_members (organization_id, role, joined_at desc, user_id desc)');
    await knex.raw('create index organization_members_kind_idx on organization_members (organization_id, kind, joined_at desc, user_id desc)');
    await knex.schema.createTable('organization_invitations', (t) => {
      t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
      t.uuid('organization_id').notNullable().references('organizations.id').onDelete('CASCADE');
      t.text('email').notNullable();
      t.text('email_normalized').notNullable();
      t.text('role').notNullable();
      t.text('kind');
      // SHA-256 of the emailed token: a database dump holds no working link.
      t.text('token_hash').notNullable().unique();
      t.uuid('invited_by').references('users.id').onDelete('SET NULL');
      t.timestamp('created_at', { useTz: true }).notNullable();
      t.timestamp('expires_at', { useTz: true }).notNullable();
      t.timestamp('accepted_at', { useTz: true });
      t.timestamp('revoked_at', { useTz: true });
    });
    // One pending invitation per address and organization: a re-invite replaces the old one.
    await knex.raw(`create unique index organization_invitations_pending_email_idx on organization_invitations (organization_id, email_normalized)
      where accepted_at is null and revoked_at is null`);
    await knex.raw(`create index organization_invitations_pending_list_idx on organization_invitations (organization_id, created_at desc, id desc)
      where accepted_at is null and revoked_at is null`);
    await knex.schema.alterTable('sessions', (t) => {
      t.uuid('active_organization_id').references('organizations.id').onDelete('SET NULL');
    });
    await knex.raw('create index sessions_active_organization_idx on sessions (active_organization_id) where active_organization_id is not null');
    await knex.schema.alterTable('audit_events', (t) => {
      // No foreign key: an organization's trail outlives it.
      t.uuid('organization_id');
    });
    await knex.raw('create index audit_events_organization_idx on audit_events (organization_id, seq desc) where organization_id is not null');
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable('audit_events', (t) => { t.dropColumn('organization_id'); });
    await knex.schema.alterTable('sessions', (t) => { t.dropColumn('active_organization_id'); });
    await knex.schema.dropTableIfExists('organization_invitations');
    await knex.schema.dropTableIfExists('organization_members');
    await knex.schema.dropTableIfExists('organizations');
  },
};

/** The organizations feature's migrations, in order. */
export const organizationMigrations: Record<string, Migration> = { '0006-organizations': tables };
