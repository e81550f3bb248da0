import { type Kysely, sql } from 'kysely';

/**
 * Requests and committees, remaining gaps (issue 5):
 * - committee members' worklists (awaiting study, under study, information requested, due soon,
 *   breached, all of their committees): counted from per-committee counters maintained with every
 *   change (`req:cstatus:<status>:<committeeId>`, `req:csla:<sla>:<committeeId>`), backfilled here
 *   from the requests already there; one index for each of those lists' queries;
 * - minutes' excusals (C5): a member recorded present whose account was deactivated (or who left the
 *   committee) before approving cannot approve; the chair records that, with who did it and when,
 *   so the others' approvals can freeze the minutes. The text is not changed by it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Committee members' SLA lists and their "all" list, each ending in the keyset sort.
  await db.schema
    .createIndex('requests_committee_sla_deadline')
    .on('requests')
    .columns(['committee_id', 'sla_state', 'deadline_day', 'id'])
    .execute();
  await db.schema.createIndex('requests_committee_deadline').on('requests').columns(['committee_id', 'deadline_day', 'id']).execute();

  const byStatus = await db
    .selectFrom('requests')
    .select(['committee_id', 'status', sql<number>`count(*)`.as('n')])
    .where('committee_id', 'is not', null)
    .groupBy(['committee_id', 'status'])
    .execute();
  const bySla = await db
    .selectFrom('requests')
    .select(['committee_id', 'sla_state', sql<number>`count(*)`.as('n')])
    .where('committee_id', 'is not', null)
    .groupBy(['committee_id', 'sla_state'])
    .execute();
  const rows = [
    ...byStatus.map((r) => ({ name: `req:cstatus:${r.status}:${r.committee_id}`, value: Number(r.n) })),
    ...bySla.map((r) => ({ name: `req:csla:${r.sla_state}:${r.committee_id}`, value: Number(r.n) })),
  ];
  for (const row of rows)
    await db
      .insertInto('counters')
      .values(row)
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: row.value }))
      .execute();

  await db.schema
    .createTable('minutes_excusals')
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // 'inactive'
    .addColumn('excused_by', 'text', (c) => c.notNull())
    .addColumn('excused_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_excusals_pk', ['minutes_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('minutes_excusals').execute();
  await db.deleteFrom('counters').where('name', 'like', 'req:c%').execute();
  await db.schema.dropIndex('requests_committee_deadline').execute();
  await db.schema.dropIndex('requests_committee_sla_deadline').execute();
}
