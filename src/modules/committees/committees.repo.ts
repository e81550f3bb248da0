import type { Kysely } from 'kysely';
import { COMMITTEE_PURPOSES, type CommitteePurpose } from '../../contracts/committees.js';
import type { Database } from '../../platform/db/schema.js';
import type {
  CommitteeMeetingTable,
  CommitteeTable,
  CommitteeVoteTable,
  MeetingAgendaTable,
  MinutesTable,
} from '../../platform/db/schema-committees.js';
import { activeStaffNames, holdersOfRoles, staffNames } from '../staff/index.js';
import { COMMITTEE_ROLES } from './committees.policy.js';

/** Queries of the committees module's own tables (staff names are read alongside, never written). */
type Db = Kysely<Database>;

export interface MemberRow {
  committeeId: string;
  userId: string;
  displayName: string;
  /** Active account still holding a committee role. */
  isActive: boolean;
}

export async function findCommittee(db: Db, id: string): Promise<CommitteeTable | undefined> {
  return db.selectFrom('committees').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCommitteeRows(db: Db, onlyIds?: readonly string[]): Promise<CommitteeTable[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  let query = db.selectFrom('committees').selectAll().orderBy('name_ar').orderBy('id');
  if (onlyIds) query = query.where('id', 'in', onlyIds);
  return query.execute();
}

/** The purposes each committee holds (0023), in COMMITTEE_PURPOSES' order. */
export async function purposesOf(db: Db, committeeIds: readonly string[]): Promise<Map<string, CommitteePurpose[]>> {
  const out = new Map<string, CommitteePurpose[]>();
  if (committeeIds.length === 0) return out;
  const rows = await db
    .selectFrom('committee_purposes')
    .select(['committee_id', 'purpose'])
    .where('committee_id', 'in', committeeIds)
    .execute();
  for (const row of rows) out.set(row.committee_id, [...(out.get(row.committee_id) ?? []), row.purpose as CommitteePurpose]);
  for (const [id, list] of out) out.set(id, orderedPurposes(list));
  return out;
}

/** A set of purposes, once each, in COMMITTEE_PURPOSES' order (the first is stored in `committees.purpose`). */
export const orderedPurposes = (list: readonly CommitteePurpose[]): CommitteePurpose[] =>
  COMMITTEE_PURPOSES.filter((purpose) => list.includes(purpose));

export async function replacePurposes(db: Db, committeeId: string, purposes: readonly CommitteePurpose[]): Promise<void> {
  await db.deleteFrom('committee_purposes').where('committee_id', '=', committeeId).execute();
  await db
    .insertInto('committee_purposes')
    .values(orderedPurposes(purposes).map((purpose) => ({ committee_id: committeeId, purpose })))
    .execute();
}

/** Members of the given committees with their names, and whether each can still do committee work. */
export async function membersOf(db: Db, committeeIds: readonly string[]): Promise<MemberRow[]> {
  if (committeeIds.length === 0) return [];
  const rows = await db
    .selectFrom('committee_members')
    .select(['committee_id', 'user_id'])
    .where('committee_id', 'in', committeeIds)
    .execute();
  const ids = rows.map((r) => r.user_id);
  const [names, active, holders] = await Promise.all([staffNames(db, ids), activeStaffNames(db, ids), committeeRoleHolders(db, ids)]);
  return rows
    .map((r) => ({
      committeeId: r.committee_id,
      userId: r.user_id,
      displayName: names.get(r.user_id) ?? r.user_id,
      isActive: active.has(r.user_id) && holders.has(r.user_id),
    }))
    .sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.userId, b.userId));
}

/** Which of `userIds` hold `committee-member` or `follow-up-committee`. */
export function committeeRoleHolders(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  return holdersOfRoles(db, userIds, COMMITTEE_ROLES);
}

/** Code-point order, as the database's binary collation sorted names before. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function committeeIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('committee_members').select('committee_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.committee_id);
}

export async function isMember(db: Db, committeeId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('committee_members')
    .select('user_id')
    .where('committee_id', '=', committeeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function replaceMembers(db: Db, committeeId: string, userIds: readonly string[], now: string): Promise<void> {
  await db.deleteFrom('committee_members').where('committee_id', '=', committeeId).execute();
  if (userIds.length)
    await db
      .insertInto('committee_members')
      .values([...new Set(userIds)].map((userId) => ({ committee_id: committeeId, user_id: userId, added_at: now })))
      .execute();
}

// ---- meetings ----

export async function findMeeting(db: Db, id: string): Promise<CommitteeMeetingTable | undefined> {
  return db.selectFrom('committee_meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function meetingsOf(db: Db, committeeId: string): Promise<Array<CommitteeMeetingTable & { agenda_count: number }>> {
  const rows = await db
    .selectFrom('committee_meetings as m')
    .selectAll('m')
    .select((eb) =>
      eb
        .selectFrom('meeting_agenda as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .as('agenda_count'),
    )
    .where('m.committee_id', '=', committeeId)
    .orderBy('m.day', 'desc')
    .orderBy('m.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, agenda_count: Number(r.agenda_count ?? 0) }));
}

export async function attendanceOf(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db.selectFrom('meeting_attendance').select('user_id').where('meeting_id', '=', meetingId).execute();
  return rows.map((r) => r.user_id);
}

export async function replaceAttendance(db: Db, meetingId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
  if (userIds.length)
    await db
      .insertInto('meeting_attendance')
      .values([...new Set(userIds)].map((userId) => ({ meeting_id: meetingId, user_id: userId })))
      .execute();
}

export async function agendaOf(db: Db, meetingId: string): Promise<MeetingAgendaTable[]> {
  return db.selectFrom('meeting_agenda').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute();
}

export async function votesOf(db: Db, meetingId: string): Promise<CommitteeVoteTable[]> {
  return db.selectFrom('committee_votes').selectAll().where('meeting_id', '=', meetingId).orderBy('cast_at').execute();
}

export async function findVote(
  db: Db,
  meetingId: string,
  subject: { kind: string; id: string },
  memberId: string,
): Promise<CommitteeVoteTable | undefined> {
  return db
    .selectFrom('committee_votes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

// ---- minutes ----

export async function findMinutes(db: Db, id: string): Promise<MinutesTable | undefined> {
  return db.selectFrom('minutes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function minutesOfMeeting(db: Db, meetingId: string): Promise<MinutesTable[]> {
  return db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
}

export async function approvalsOf(db: Db, minutesId: string): Promise<Array<{ member_id: string; approved_at: string }>> {
  return db
    .selectFrom('minutes_approvals')
    .select(['member_id', 'approved_at'])
    .where('minutes_id', '=', minutesId)
    .orderBy('approved_at')
    .execute();
}

/** Members present the chair recorded as unable to approve these minutes (0012). */
export async function excusalsOf(db: Db, minutesId: string): Promise<Array<{ member_id: string; excused_by: string; excused_at: string }>> {
  return db
    .selectFrom('minutes_excusals')
    .select(['member_id', 'excused_by', 'excused_at'])
    .where('minutes_id', '=', minutesId)
    .orderBy('excused_at')
    .execute();
}
