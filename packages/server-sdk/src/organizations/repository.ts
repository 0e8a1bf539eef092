import type { Knex } from 'knex';
import { date, decodeCursor, encodeCursor, maybeDate, toUser, type Keyset, type Row } from '../storage/knex/rows.js';
import type { StoreKey } from '../storage/storage.js';
import type { Page, PageQuery, UserRecord } from '../storage/types.js';

/** An organization as stored. */
export interface OrganizationRecord {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  updatedAt: Date;
}

/** One membership as stored. */
export interface MemberRecord {
  organizationId: string;
  userId: string;
  role: string;
  /** The member's kind in this organization (null: none given). */
  kind: string | null;
  joinedAt: Date;
}

/** A membership with its account, as member lists show it. */
export interface MemberWithUser extends MemberRecord {
  user: UserRecord;
}

/** A membership with its organization, as a user's own list shows it. */
export interface MembershipWithOrganization extends MemberRecord {
  organization: OrganizationRecord;
}

/** An invitation as stored (the token only as its hash). */
export interface InvitationRecord {
  id: string;
  organizationId: string;
  email: string;
  emailNormalized: string;
  role: string;
  kind: string | null;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A list position: a time and a uuid tie-breaker, written `<ISO time>|<uuid>`. */
export const timeIdKeyset: Keyset<{ at: Date; id: string }> = {
  format: ({ at, id }) => `${at.toISOString()}|${id}`,
  parse(text) {
    const [iso, id, extra] = text.split('|');
    if (extra !== undefined || !iso || !id || !isoPattern.test(iso) || !uuidPattern.test(id)) return undefined;
    const at = new Date(iso);
    // Only a time Date writes back the same way (no 25:00, no day 31 of February).
    return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? undefined : { at, id };
  },
};

function toOrganization(row: Row): OrganizationRecord {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: date(row.created_at), updatedAt: date(row.updated_at) };
}

function toMember(row: Row): MemberRecord {
  return { organizationId: row.organization_id, userId: row.user_id, role: row.role, kind: ('member_kind' in row ? row.member_kind : row.kind) ?? null, joinedAt: date(row.joined_at) };
}

function toInvitation(row: Row): InvitationRecord {
  return {
    id: row.id, organizationId: row.organization_id, email: row.email, emailNormalized: row.email_normalized, role: row.role,
    kind: row.kind ?? null, tokenHash: row.token_hash, invitedBy: row.invited_by ?? null, createdAt: date(row.created_at),
    expiresAt: date(row.expires_at), acceptedAt: maybeDate(row.accepted_at), revokedAt: maybeDate(row.revoked_at),
  };
}

/** The next page from rows fetched with `limit + 1`: the extra row says there is one. */
function pageOf<T>(rows: Row[], limit: number, map: (row: Row) => T, keyOf: (row: Row) => { at: Date; id: string }): Page<T> {
  const items = rows.slice(0, limit).map(map);
  return { items, nextCursor: rows.length > limit ? encodeCursor(timeIdKeyset, keyOf(rows[limit - 1]!)) : null };
}

/** Escapes `\`, `%` and `_` for a LIKE pattern. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organization tables on one executor; get it bound to a storage with `storage.store(organizationStore)`. */
export class OrganizationRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  /** Inserts an organization; null (nothing written) when the slug is taken. */
  async insert(org: { name: string; slug: string; at: Date }): Promise<OrganizationRecord | null> {
    const rows = await this.db('organizations').insert({ name: org.name, slug: org.slug, created_at: org.at, updated_at: org.at })
      .onConflict('slug').ignore().returning('*');
    return rows[0] ? toOrganization(rows[0]) : null;
  }

  async find(id: string): Promise<OrganizationRecord | null> {
    const row = await this.db('organizations').where({ id }).first();
    return row ? toOrganization(row) : null;
  }

  /**
   * Locks the organization's row until the transaction ends: every change of its members and
   * invitations takes this lock first, so the owner count and the one pending invitation per
   * address hold under concurrent requests.
   */
  async lock(id: string): Promise<OrganizationRecord | null> {
    const row = await this.db('organizations').where({ id }).forUpdate().first();
    return row ? toOrganization(row) : null;
  }

  async slugTaken(slug: string, exceptId?: string): Promise<boolean> {
    const q = this.db('organizations').where({ slug }).first('id');
    if (exceptId) q.whereNot({ id: exceptId });
    return Boolean(await q);
  }

  /** Renames or re-slugs; null when the slug was taken meanwhile (the transaction must then end). */
  async update(id: string, changes: { name?: string; slug?: string }, at: Date): Promise<OrganizationRecord | null> {
    try {
      const [row] = await this.db('organizations').where({ id }).update({ ...changes, updated_at: at }).returning('*');
      return toOrganization(row);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db('organizations').where({ id }).delete().returning('id');
    return rows.length > 0;
  }

  async findMember(organizationId: string, userId: string): Promise<MemberRecord | null> {
    const row = await this.db('organization_members').where({ organization_id: organizationId, user_id: userId }).first();
    return row ? toMember(row) : null;
  }

  async findMemberWithUser(organizationId: string, userId: string): Promise<MemberWithUser | null> {
    const row = await this.membersWithUsers().where({ 'm.organization_id': organizationId, 'm.user_id': userId }).first();
    return row ? { ...toMember(row), user: toUser(row) } : null;
  }

  /** Adds a member; null (nothing written) when the user already is one. */
  async addMember(member: MemberRecord): Promise<MemberRecord | null> {
    const rows = await this.db('organization_members').insert({
      organization_id: member.organizationId, user_id: member.userId, role: member.role, kind: member.kind, joined_at: member.joinedAt,
    }).onConflict(['organization_id', 'user_id']).ignore().returning('*');
    return rows[0] ? toMember(rows[0]) : null;
  }

  async updateMember(organizationId: string, userId: string, changes: { role?: string; kind?: string | null }): Promise<MemberRecord | null> {
    const rows = await this.db('organization_members').where({ organization_id: organizationId, user_id: userId }).update(changes).returning('*');
    return rows[0] ? toMember(rows[0]) : null;
  }

  async removeMember(organizationId: string, userId: string): Promise<boolean> {
    const rows = await this.db('organization_members').where({ organization_id: organizationId, user_id: userId }).delete().returning('user_id');
    return rows.length > 0;
  }

  async countWithRole(organizationId: string, role: string): Promise<number> {
    const [row] = await this.db('organization_members').where({ organization_id: organizationId, role }).count({ n: '*' });
    return Number(row?.n ?? 0);
  }

  async memberIds(organizationId: string): Promise<string[]> {
    const rows = await this.db('organization_members').where({ organization_id: organizationId }).select('user_id');
    return rows.map((r: Row) => r.user_id as string);
  }

  /**
   * One page of an organization's members with their accounts, newest first; `role` and `kind`
   * filter, `text` matches email or display name.
   */
  async listMembers(organizationId: string, query: { role?: string; kind?: string; text?: string } & PageQuery): Promise<Page<MemberWithUser>> {
    const after = decodeCursor(timeIdKeyset, query.cursor);
    const q = this.membersWithUsers().where('m.organization_id', organizationId)
      .orderBy([{ column: 'm.joined_at', order: 'desc' }, { column: 'm.user_id', order: 'desc' }]).limit(query.limit + 1);
    if (query.role) q.where('m.role', query.role);
    if (query.kind) q.where('m.kind', query.kind);
    if (query.text) {
      const like = likePattern(query.text);
      q.where((w) => w.whereRaw('u.email_normalized like ?', [like]).orWhereRaw('lower(u.display_name) like ?', [like]));
    }
    if (after) q.whereRaw('(m.joined_at, m.user_id) < (?::timestamptz, ?::uuid)', [after.at, after.id]);
    return pageOf(await q, query.limit, (row) => ({ ...toMember(row), user: toUser(row) }), (row) => ({ at: date(row.joined_at), id: row.user_id }));
  }

  /** One page of the organizations a user belongs to, newest membership first. */
  async listForUser(userId: string, page: PageQuery): Promise<Page<MembershipWithOrganization>> {
    const after = decodeCursor(timeIdKeyset, page.cursor);
    const q = this.db('organization_members as m').join('organizations as o', 'o.id', 'm.organization_id')
      .select('m.organization_id', 'm.user_id', 'm.role', 'm.kind as member_kind', 'm.joined_at', 'o.id', 'o.name', 'o.slug', 'o.created_at', 'o.updated_at')
      .where('m.user_id', userId)
      .orderBy([{ column: 'm.joined_at', order: 'desc' }, { column: 'm.organization_id', order: 'desc' }]).limit(page.limit + 1);
    if (after) q.whereRaw('(m.joined_at, m.organization_id) < (?::timestamptz, ?::uuid)', [after.at, after.id]);
    return pageOf(await q, page.limit, (row) => ({ ...toMember(row), organization: toOrganization(row) }), (row) => ({ at: date(row.joined_at), id: row.organization_id }));
  }

  /** Every organization of a user (for administrators' account view), newest membership first. */
  async allForUser(userId: string): Promise<MembershipWithOrganization[]> {
    const items: MembershipWithOrganization[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<MembershipWithOrganization> = await this.listForUser(userId, { limit: 100, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** Clears the active organization of the user's sessions that work in it (the user left it). */
  async clearActiveOrganization(userId: string, organizationId: string): Promise<void> {
    await this.db('sessions').where({ user_id: userId, active_organization_id: organizationId }).update({ active_organization_id: null });
  }

  /** Sets (or clears, with null) the organization a session works in. */
  async setActiveOrganization(sessionId: string, organizationId: string | null): Promise<void> {
    await this.db('sessions').where({ id: sessionId }).update({ active_organization_id: organizationId });
  }

  async insertInvitation(invitation: Omit<InvitationRecord, 'id' | 'acceptedAt' | 'revokedAt'>): Promise<InvitationRecord> {
    const [row] = await this.db('organization_invitations').insert({
      organization_id: invitation.organizationId, email: invitation.email, email_normalized: invitation.emailNormalized,
      role: invitation.role, kind: invitation.kind, token_hash: invitation.tokenHash, invited_by: invitation.invitedBy,
      created_at: invitation.createdAt, expires_at: invitation.expiresAt,
    }).returning('*');
    return toInvitation(row);
  }

  async findInvitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    const row = await this.db('organization_invitations').where({ token_hash: tokenHash }).first();
    return row ? toInvitation(row) : null;
  }

  /** A pending invitation (neither accepted nor revoked, expired or not) of the organization. */
  async findPendingInvitation(organizationId: string, id: string): Promise<InvitationRecord | null> {
    const row = await this.pending().where({ organization_id: organizationId, id }).first();
    return row ? toInvitation(row) : null;
  }

  /** Revokes the pending invitations of an address in the organization; returns them. */
  async revokePendingFor(organizationId: string, emailNormalized: string, at: Date): Promise<InvitationRecord[]> {
    const rows = await this.pending().where({ organization_id: organizationId, email_normalized: emailNormalized }).update({ revoked_at: at }).returning('*');
    return rows.map(toInvitation);
  }

  /** Revokes one pending invitation; false when it is not pending (or not the organization's). */
  async revokeInvitation(organizationId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.pending().where({ organization_id: organizationId, id }).update({ revoked_at: at }).returning('id');
    return rows.length > 0;
  }

  /** Gives a pending invitation a new token and expiry (the old link stops working); null when it is not pending. */
  async reissueInvitation(organizationId: string, id: string, tokenHash: string, expiresAt: Date): Promise<InvitationRecord | null> {
    const rows = await this.pending().where({ organization_id: organizationId, id }).update({ token_hash: tokenHash, expires_at: expiresAt }).returning('*');
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  /** Marks a live invitation accepted and returns it, atomically: null when used, revoked, expired or unknown. */
  async consumeInvitation(tokenHash: string, now: Date): Promise<InvitationRecord | null> {
    const rows = await this.pending().where({ token_hash: tokenHash }).where('expires_at', '>', now).update({ accepted_at: now }).returning('*');
    return rows[0] ? toInvitation(rows[0]) : null;
  }

  /** One page of the organization's pending invitations (expired ones included), newest first. */
  async listPendingInvitations(organizationId: string, page: PageQuery): Promise<Page<InvitationRecord>> {
    const after = decodeCursor(timeIdKeyset, page.cursor);
    const q = this.pending().where({ organization_id: organizationId })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.limit + 1);
    if (after) q.whereRaw('(created_at, id) < (?::timestamptz, ?::uuid)', [after.at, after.id]);
    return pageOf(await q, page.limit, toInvitation, (row) => ({ at: date(row.created_at), id: row.id }));
  }

  /** Deletes invitations that were accepted, revoked or expired before `before`. */
  async deleteSettledInvitations(before: Date): Promise<number> {
    const rows = await this.db('organization_invitations')
      .where((w) => w.where('accepted_at', '<', before).orWhere('revoked_at', '<', before).orWhere('expires_at', '<', before))
      .delete().returning('id');
    return rows.length;
  }

  private pending() {
    return this.db('organization_invitations').whereNull('accepted_at').whereNull('revoked_at');
  }

  private membersWithUsers() {
    return this.db('organization_members as m').join('users as u', 'u.id', 'm.user_id')
      .select('m.organization_id', 'm.user_id', 'm.role', 'm.kind as member_kind', 'm.joined_at', 'u.*');
  }
}

/** The organizations store of a {@link Storage} (its transaction, if any). */
export const organizationStore: StoreKey<OrganizationRepository> = { name: 'organizations', create: (db) => new OrganizationRepository(db) };
