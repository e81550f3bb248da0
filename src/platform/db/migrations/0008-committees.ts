import type { Kysely } from 'kysely';

/**
 * Committees (issue 5 §7; C5, E1, D2 later): members, a chair and a quorum; meetings with the members
 * present and an agenda of requests; one vote per present member per request; minutes (frozen:
 * never edited, only amended by a new linked record) and each member's approval. Requests are
 * referenced by id only: the requests module owns them and is reached through its workflow.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('quorum', 'integer', (c) => c.notNull())
    .addColumn('chair_id', 'text', (c) => c.references('staff_users.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('committee_members')
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('committee_members_pk', ['committee_id', 'user_id'])
    .execute();
  // committeesOf(user): which agendas a member sees.
  await db.schema.createIndex('committee_members_user').on('committee_members').columns(['user_id', 'committee_id']).execute();

  await db.schema
    .createTable('committee_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('committee_meetings_committee').on('committee_meetings').columns(['committee_id', 'day', 'id']).execute();

  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('meeting_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_agenda_pk', ['meeting_id', 'request_id'])
    .execute();
  // isOnAgendaOf(user, request): from the request to its meetings.
  await db.schema.createIndex('meeting_agenda_request').on('meeting_agenda').columns(['request_id', 'meeting_id']).execute();

  await db.schema
    .createTable('committee_votes')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('committee_votes_pk', ['meeting_id', 'request_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('minutes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id'))
    .addColumn('amends_id', 'text', (c) => c.references('minutes.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('decisions', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text')
    .execute();
  await db.schema.createIndex('minutes_meeting').on('minutes').columns(['meeting_id', 'id']).execute();
  await db.schema.createIndex('minutes_amends').on('minutes').columns(['amends_id']).execute();

  await db.schema
    .createTable('minutes_approvals')
    .addColumn('minutes_id', 'text', (c) => c.notNull().references('minutes.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_approvals_pk', ['minutes_id', 'member_id'])
    .execute();

  await seedCommittees(db);
}

/** Harif's two committees (SPEC "Committees"); ids fixed in contracts/committees.ts SEEDED_COMMITTEES. */
async function seedCommittees(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('committees')
    .values([
      {
        id: '01936b2a-0000-7000-8000-000000000c01',
        code: 'requests',
        name_ar: 'لجنة دراسة الطلبات',
        name_en: 'Requests Committee',
        purpose: 'requests',
        quorum: 3,
        chair_id: null,
        is_active: 1,
        created_at: now,
        updated_at: now,
      },
      {
        id: '01936b2a-0000-7000-8000-000000000c02',
        code: 'follow-up',
        name_ar: 'لجنة المتابعة',
        name_en: 'Follow-up Committee',
        purpose: 'follow-up',
        quorum: 3,
        chair_id: null,
        is_active: 1,
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'minutes_approvals',
    'minutes',
    'committee_votes',
    'meeting_agenda',
    'meeting_attendance',
    'committee_meetings',
    'committee_members',
    'committees',
  ])
    await db.schema.dropTable(table).execute();
}
