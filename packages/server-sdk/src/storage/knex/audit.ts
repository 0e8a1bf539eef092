import type { Knex } from 'knex';
import type { AuditRepository } from '../storage.js';
import type { AuditEventRecord, NewAuditEvent, Page, PageQuery } from '../types.js';
import { decodeCursor, encodeCursor, seqKeyset, toAuditEvent } from './rows.js';

export class KnexAuditRepository implements AuditRepository {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async append(event: NewAuditEvent) {
    await this.db('audit_events').insert(toAuditRow(event));
  }

  async appendMany(events: readonly NewAuditEvent[]) {
    // Rows get their sequence numbers in the order of the list; a few hundred a statement stay
    // well under PostgreSQL's 65,535 bound parameters.
    for (let i = 0; i < events.length; i += 500) await this.db('audit_events').insert(events.slice(i, i + 500).map(toAuditRow));
  }

  listForUser(userId: string, page: PageQuery) {
    return this.search({ userId, ...page });
  }

  async search(query: { userId?: string; type?: string; organizationId?: string } & PageQuery): Promise<Page<AuditEventRecord>> {
    const q = this.db('audit_events').orderBy('seq', 'desc').limit(query.limit + 1);
    if (query.userId) q.where({ user_id: query.userId });
    if (query.organizationId) q.where({ organization_id: query.organizationId });
    if (query.type) q.where({ type: query.type });
    const before = decodeCursor(seqKeyset, query.cursor);
    if (before !== undefined) q.where('seq', '<', before);
    const rows = await q;
    const items = rows.slice(0, query.limit).map(toAuditEvent);
    // The raw column, not the record's number: a bigint past 2^53 must not round.
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(seqKeyset, String(rows[query.limit - 1]!.seq)) : null };
  }
}

function toAuditRow(event: NewAuditEvent) {
  return {
    user_id: event.userId,
    actor_id: event.actorId,
    type: event.type,
    at: event.at,
    ip: event.ip,
    user_agent: event.userAgent,
    detail: JSON.stringify(event.detail ?? {}),
    // The column exists only where the organizations feature is installed, which alone sets it.
    ...(event.organizationId ? { organization_id: event.organizationId } : {}),
  };
}
