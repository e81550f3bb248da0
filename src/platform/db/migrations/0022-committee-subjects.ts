import { type Kysely, sql } from 'kysely';

/**
 * Agenda items and votes name a subject of any kind (issue 22; C5, D2): `(subject_kind, subject_id)`
 * instead of `request_id`. Existing rows become `('request', request_id)`: the same ids, so a vote's
 * encrypted reasons (bound to `vote:<meeting>:<id>:<member>`) still open, and the minutes — whose
 * text, SHA-256 and decisions are not touched here (the decisions are encrypted JSON; the committees
 * area reads their old `requestId` as a request subject) — still verify.
 *
 * Portable on both engines: each table is renamed aside, recreated with the new key, copied and the
 * old one dropped (SQLite cannot change a primary key in place).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE meeting_agenda RENAME TO meeting_agenda_0008`.execute(db);
  await db.schema
    .createTable('meeting_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_agenda_subject_pk', ['meeting_id', 'subject_kind', 'subject_id'])
    .execute();
  await sql`INSERT INTO meeting_agenda (meeting_id, subject_kind, subject_id, position, added_by, added_at)
    SELECT meeting_id, 'request', request_id, position, added_by, added_at FROM meeting_agenda_0008`.execute(db);
  await db.schema.dropTable('meeting_agenda_0008').execute();
  // isOnAgendaOf(user, subject) and "deferred back under study": from the subject to its meetings.
  await db.schema
    .createIndex('meeting_agenda_subject')
    .on('meeting_agenda')
    .columns(['subject_kind', 'subject_id', 'meeting_id'])
    .execute();

  await sql`ALTER TABLE committee_votes RENAME TO committee_votes_0008`.execute(db);
  await db.schema
    .createTable('committee_votes')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('staff_users.id'))
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('cast_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('committee_votes_subject_pk', ['meeting_id', 'subject_kind', 'subject_id', 'member_id'])
    .execute();
  await sql`INSERT INTO committee_votes (meeting_id, subject_kind, subject_id, member_id, choice, reasons, cast_at)
    SELECT meeting_id, 'request', request_id, member_id, choice, reasons, cast_at FROM committee_votes_0008`.execute(db);
  await db.schema.dropTable('committee_votes_0008').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE meeting_agenda RENAME TO meeting_agenda_0022`.execute(db);
  await db.schema
    .createTable('meeting_agenda')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('committee_meetings.id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_agenda_pk', ['meeting_id', 'request_id'])
    .execute();
  await sql`INSERT INTO meeting_agenda (meeting_id, request_id, position, added_by, added_at)
    SELECT meeting_id, subject_id, position, added_by, added_at FROM meeting_agenda_0022 WHERE subject_kind = 'request'`.execute(db);
  await db.schema.dropTable('meeting_agenda_0022').execute();
  await db.schema.createIndex('meeting_agenda_request').on('meeting_agenda').columns(['request_id', 'meeting_id']).execute();

  await sql`ALTER TABLE committee_votes RENAME TO committee_votes_0022`.execute(db);
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
  await sql`INSERT INTO committee_votes (meeting_id, request_id, member_id, choice, reasons, cast_at)
    SELECT meeting_id, subject_id, member_id, choice, reasons, cast_at FROM committee_votes_0022 WHERE subject_kind = 'request'`.execute(
    db,
  );
  await db.schema.dropTable('committee_votes_0022').execute();
}
