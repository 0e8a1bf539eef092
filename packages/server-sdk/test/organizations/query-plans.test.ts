import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, type TestServer } from '@latch/server-sdk/testing';
import { organization, person, type Person } from './helpers.js';

/** One node of a PostgreSQL JSON plan. */
interface PlanNode { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] }

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * Each list route's own SQL (captured as the server sends it), explained by the planner on a
 * realistically filled and analyzed database — no planner setting is changed — must read its
 * table through the index made for that list, never by a sequential scan.
 */
describe('organization list queries use an index on postgres', { skip: process.env.TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let t: TestServer;
  let owner: Person;
  let orgId: string;

  before(async () => {
    t = await createTestServer({ database: 'postgres' });
    owner = await person(t, 'Olive Owner');
    orgId = await organization(t, owner);
    const other = await organization(t, await person(t, 'Other Owner'), [], 'Other Org');
    const db = t.latch.database.knex;
    // 4,000 accounts: 2,000 members of each organization, in mixed roles and kinds, over two years.
    await db.raw(`insert into users (email, email_normalized, display_name)
      select 'bulk' || g || '@example.com', 'bulk' || g || '@example.com', 'Bulk ' || g from generate_series(1, 4000) g`);
    await db.raw(`insert into organization_members (organization_id, user_id, role, kind, joined_at)
      select case when row_number() over (order by id) <= 2000 then ?::uuid else ?::uuid end, id,
        (array['viewer','viewer','viewer','manager','admin'])[1 + (row_number() over (order by id)) % 5],
        (array['employee','clinician','contractor', null])[1 + (row_number() over (order by id)) % 4],
        now() - (row_number() over (order by id)) * interval '3 hours'
      from users where email like 'bulk%'`, [orgId, other]);
    // 300 organizations for one account (GET /orgs), each with its owner row.
    await db.raw(`insert into organizations (name, slug, created_at, updated_at)
      select 'Many ' || g, 'many-' || g, now(), now() from generate_series(1, 300) g`);
    await db.raw(`insert into organization_members (organization_id, user_id, role, joined_at)
      select id, ?::uuid, 'viewer', now() - random() * interval '365 days' from organizations where slug like 'many-%'`, [owner.id]);
    // 2,000 invitations per organization, most settled, a few hundred pending.
    await db.raw(`insert into organization_invitations (organization_id, email, email_normalized, role, token_hash, created_at, expires_at, accepted_at, revoked_at)
      select o, 'inv' || g || '-' || o || '@example.com', 'inv' || g || '-' || o || '@example.com', 'viewer', md5(g::text || o::text),
        now() - g * interval '1 hour', now() + interval '7 days',
        case when g % 3 = 0 then now() end, case when g % 3 = 1 then now() end
      from generate_series(1, 2000) g, unnest(array[?::uuid, ?::uuid]) o`, [orgId, other]);
    // 20,000 audit events: a quarter each for the two organizations, half account events.
    await db.raw(`insert into audit_events (user_id, actor_id, type, at, detail, organization_id)
      select ?::uuid, ?::uuid, 'organization.member_updated', now() - g * interval '1 minute', '{}',
        case g % 4 when 0 then ?::uuid when 1 then ?::uuid else null end
      from generate_series(1, 20000) g`, [owner.id, owner.id, orgId, other]);
    for (const table of ['users', 'organizations', 'organization_members', 'organization_invitations', 'audit_events', 'sessions']) await db.raw(`analyze ${table}`);
  });
  after(() => t.close());

  /** The plans of the statements `request` makes that read `table`. */
  async function plansOf(table: string, request: () => Promise<{ status: number; text: string }>): Promise<PlanNode[][]> {
    const db = t.latch.database.knex;
    const captured: Array<{ sql: string; bindings: unknown[] }> = [];
    const listen = (q: { sql: string; bindings: unknown[] }) => { if (/^select/i.test(q.sql) && q.sql.includes(`"${table}"`) && /order by/i.test(q.sql)) captured.push(q); };
    db.on('query', listen);
    try {
      const res = await request();
      assert.equal(res.status, 200, res.text);
    } finally {
      db.removeListener('query', listen);
    }
    assert.ok(captured.length > 0, `a list query on ${table}`);
    const plans = [];
    for (const q of captured) {
      // knex hands pg `$n` placeholders, numbered in binding order: as `?` they bind the same values.
      const result = await db.raw(`explain (format json) ${q.sql.replace(/\$\d+/g, '?')}`, q.bindings as never);
      plans.push(nodesOf(result.rows[0]['QUERY PLAN'][0].Plan));
    }
    return plans;
  }

  /** Asserts the plan reads `table` through `index` (the one made for this list) and never scans it whole. */
  function assertIndexed(plans: PlanNode[][], table: string, index: string, what: string): void {
    for (const nodes of plans) {
      const onTable = nodes.filter((n) => n['Relation Name'] === table);
      assert.ok(onTable.length > 0, `${what}: the plan reads ${table}: ${JSON.stringify(nodes.map((n) => n['Node Type']))}`);
      assert.ok(onTable.every((n) => /Index/.test(n['Node Type']) && n['Index Name'] === index), `${what}: ${JSON.stringify(onTable)}`);
      assert.ok(!nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table), `${what}: no sequential scan of ${table}`);
    }
  }

  it('the member list, and by role and by kind', async () => {
    assertIndexed(await plansOf('organization_members', () => owner.client.get(`/orgs/${orgId}/members`)), 'organization_members', 'organization_members_list_idx', 'members');
    const page = await owner.client.get(`/orgs/${orgId}/members?limit=5`);
    assertIndexed(await plansOf('organization_members', () => owner.client.get(`/orgs/${orgId}/members?limit=5&cursor=${page.body.nextCursor}`)), 'organization_members', 'organization_members_list_idx', 'members, next page');
    assertIndexed(await plansOf('organization_members', () => owner.client.get(`/orgs/${orgId}/members?role=manager`)), 'organization_members', 'organization_members_role_idx', 'members by role');
    assertIndexed(await plansOf('organization_members', () => owner.client.get(`/orgs/${orgId}/members?kind=clinician`)), 'organization_members', 'organization_members_kind_idx', 'members by kind');
  });

  it('the pending invitations', async () => {
    assertIndexed(await plansOf('organization_invitations', () => owner.client.get(`/orgs/${orgId}/invitations`)), 'organization_invitations', 'organization_invitations_pending_list_idx', 'invitations');
  });

  it('the organization\'s activity', async () => {
    assertIndexed(await plansOf('audit_events', () => owner.client.get(`/orgs/${orgId}/activity`)), 'audit_events', 'audit_events_organization_idx', 'activity');
  });

  it('the caller\'s organizations (GET /orgs)', async () => {
    const plans = await plansOf('organization_members', () => owner.client.get('/orgs'));
    assertIndexed(plans, 'organization_members', 'organization_members_user_idx', 'GET /orgs');
  });
});
