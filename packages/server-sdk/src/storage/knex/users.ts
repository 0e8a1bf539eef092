import type { Knex } from 'knex';
import type { UserRepository } from '../storage.js';
import type { NewUser, Page, PageQuery, UserRecord } from '../types.js';
import { decodeCursor, emailKeyset, encodeCursor, toUser } from './rows.js';

export class KnexUserRepository implements UserRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async findById(id: string) {
    const row = await this.db('users').where({ id }).first();
    return row ? toUser(row) : null;
  }

  async findByEmail(emailNormalized: string) {
    const row = await this.db('users').where({ email_normalized: emailNormalized }).first();
    return row ? toUser(row) : null;
  }

  async createIfEmailFree(user: NewUser) {
    const rows = await this.db('users')
      .insert(toUserRow(user))
      .onConflict('email_normalized')
      .ignore()
      .returning('*');
    return rows[0] ? toUser(rows[0]) : null;
  }

  async createManyIfEmailFree(users: readonly NewUser[]) {
    if (users.length === 0) return [];
    const sorted = [...users].sort((a, b) => (a.emailNormalized < b.emailNormalized ? -1 : a.emailNormalized > b.emailNormalized ? 1 : 0));
    const created: UserRecord[] = [];
    // A few hundred rows a statement keep well under PostgreSQL's 65,535 bound parameters.
    for (let i = 0; i < sorted.length; i += 500) {
      const rows = await this.db('users')
        .insert(sorted.slice(i, i + 500).map(toUserRow))
        .onConflict('email_normalized')
        .ignore()
        .returning('*');
      created.push(...rows.map(toUser));
    }
    return created;
  }

  async lockHoldersOf(roles: readonly string[]) {
    const rows: Array<{ id: string; roles: string[] | null; disabled_at: Date | null }> = await this.db('users')
      .select('id', 'roles', 'disabled_at')
      .whereRaw('roles && ?::text[]', [[...roles]])
      .orderBy('id')
      .forUpdate();
    return rows.map((r) => ({ id: r.id, roles: r.roles ?? [], disabled: r.disabled_at != null }));
  }

  async lockForUpdate(id: string) {
    const row = await this.db('users').where({ id }).forUpdate().first();
    return row ? toUser(row) : null;
  }

  async markEmailVerified(id: string, at: Date) {
    await this.db('users').where({ id }).whereNull('email_verified_at').update({ email_verified_at: at, updated_at: at });
  }

  async updateProfile(id: string, changes: { displayName?: string }, at: Date) {
    const patch: Record<string, unknown> = { updated_at: at };
    if (changes.displayName !== undefined) patch.display_name = changes.displayName;
    const [row] = await this.db('users').where({ id }).update(patch).returning('*');
    return toUser(row);
  }

  async setPasswordHash(id: string, passwordHash: string, at: Date) {
    await this.db('users').where({ id }).update({ password_hash: passwordHash, updated_at: at });
  }

  async replacePasswordHash(id: string, expected: string, passwordHash: string, at: Date) {
    const count = await this.db('users').where({ id, password_hash: expected }).update({ password_hash: passwordHash, updated_at: at });
    return count > 0;
  }

  async setPasswordChangeRequired(id: string, requiredAt: Date | null, at: Date) {
    await this.db('users').where({ id }).update({ password_change_required_at: requiredAt, updated_at: at });
  }

  async changeEmail(id: string, email: string, emailNormalized: string, at: Date) {
    // The unique index decides races; a savepoint keeps the outer transaction usable after a conflict.
    try {
      await this.db.transaction(async (trx) => {
        await trx('users').where({ id }).update({ email, email_normalized: emailNormalized, email_verified_at: at, updated_at: at });
      });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return false;
      throw error;
    }
  }

  async setEmailTwoFactor(id: string, enabled: boolean, at: Date) {
    await this.db('users').where({ id }).update({ email_two_factor: enabled, updated_at: at });
  }

  async setPhoneNumber(id: string, phoneNumber: string | null, at: Date) {
    const [row] = await this.db('users').where({ id }).update({ phone_number: phoneNumber, updated_at: at }).returning('*');
    return toUser(row);
  }

  async updateAdministrative(id: string, changes: { displayName?: string; roles?: string[]; kind?: string; disabledAt?: Date | null }, at: Date) {
    const patch: Record<string, unknown> = { updated_at: at };
    if (changes.displayName !== undefined) patch.display_name = changes.displayName;
    if (changes.roles !== undefined) patch.roles = changes.roles;
    if (changes.kind !== undefined) patch.kind = changes.kind;
    if (changes.disabledAt !== undefined) patch.disabled_at = changes.disabledAt;
    const [row] = await this.db('users').where({ id }).update(patch).returning('*');
    return toUser(row);
  }

  async countWithRole(role: string) {
    const row = await this.db('users').whereRaw('? = any(roles)', [role]).whereNull('disabled_at').count<{ count: string }[]>('* as count').first();
    return Number(row?.count ?? 0);
  }

  async search(query: { text?: string; role?: string; kind?: string } & PageQuery): Promise<Page<UserRecord>> {
    const q = this.db('users').orderBy('email_normalized').limit(query.limit + 1);
    if (query.text) {
      const like = `%${query.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.where((w) => w.whereRaw('email_normalized like ?', [like]).orWhereRaw('lower(display_name) like ?', [like]));
    }
    if (query.role) q.whereRaw('? = any(roles)', [query.role]);
    if (query.kind) q.where({ kind: query.kind });
    const after = decodeCursor(emailKeyset, query.cursor);
    if (after !== undefined) q.where('email_normalized', '>', after);
    const rows = await q;
    const items = rows.slice(0, query.limit).map(toUser);
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(emailKeyset, items[items.length - 1]!.emailNormalized) : null };
  }
}

/** The columns of a new user. */
function toUserRow(user: NewUser) {
  return {
    email: user.email,
    email_normalized: user.emailNormalized,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    roles: user.roles ?? [],
    kind: user.kind ?? 'user',
    email_verified_at: user.emailVerifiedAt ?? null,
    created_at: user.createdAt,
    updated_at: user.createdAt,
  };
}
