import type { CommitteePurpose } from '../../contracts/committees.js';
import type { AppContext } from '../../platform/context.js';
import { REQUEST_SUBJECT } from './committee-subjects.js';
import * as repo from './committees.repo.js';

/**
 * Committee membership as other areas read it (through committees/index.ts): who sits on which
 * committee, and which committee is flagged for a purpose (E1: follow-up). Reads only.
 */
/** Committee ids the user is a member of (committee members see requests and families only through their agendas). */
export async function committeesOf(ctx: AppContext, userId: string): Promise<string[]> {
  return repo.committeeIdsOfUser(ctx.db, userId);
}

/** Whether the subject (a request unless `kind` says otherwise) is on the agenda of a meeting of a committee the user belongs to. */
export async function isOnAgendaOf(ctx: AppContext, userId: string, subjectId: string, kind: string = REQUEST_SUBJECT): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('meeting_agenda as a')
    .innerJoin('committee_meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('committee_members as cm', 'cm.committee_id', 'm.committee_id')
    .select('a.subject_id')
    .where('a.subject_kind', '=', kind)
    .where('a.subject_id', '=', subjectId)
    .where('cm.user_id', '=', userId)
    .executeTakeFirst();
  return Boolean(row);
}

/** The committee a meeting belongs to, read in `db` (D2, issue 23: only an investigating committee's minutes establish harm). */
export async function committeeOfMeeting(db: AppContext['db'], meetingId: string): Promise<string | null> {
  const row = await db.selectFrom('committee_meetings').select('committee_id').where('id', '=', meetingId).executeTakeFirst();
  return row?.committee_id ?? null;
}

/** A committee's members who can still do committee work (e.g. to notify them of a request's warning). */
export async function committeeMembers(
  ctx: AppContext,
  committeeId: string,
): Promise<Array<{ userId: string; displayName: string; isChair: boolean }>> {
  const row = await repo.findCommittee(ctx.db, committeeId);
  if (!row) return [];
  return (await repo.membersOf(ctx.db, [committeeId]))
    .filter((m) => m.isActive)
    .map((m) => ({ userId: m.userId, displayName: m.displayName, isChair: m.userId === row.chair_id }));
}

/**
 * The active committee holding a purpose (a committee may hold several, issue 22: the follow-up
 * committee handles complaints, E1, and investigates, D2), oldest first; null when none.
 */
export async function committeeForPurpose(
  ctx: AppContext,
  purpose: CommitteePurpose,
): Promise<{ id: string; nameAr: string; nameEn: string } | null> {
  const row = await ctx.db
    .selectFrom('committees as c')
    .innerJoin('committee_purposes as p', 'p.committee_id', 'c.id')
    .select(['c.id', 'c.name_ar', 'c.name_en'])
    .where('p.purpose', '=', purpose)
    .where('c.is_active', '=', 1)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .executeTakeFirst();
  return row ? { id: row.id, nameAr: row.name_ar, nameEn: row.name_en } : null;
}

/** Every active committee holding a purpose (issue 22: a purpose may be held by several), oldest first. */
export async function committeesForPurpose(
  ctx: AppContext,
  purpose: CommitteePurpose,
): Promise<Array<{ id: string; nameAr: string; nameEn: string }>> {
  const rows = await ctx.db
    .selectFrom('committees as c')
    .innerJoin('committee_purposes as p', 'p.committee_id', 'c.id')
    .select(['c.id', 'c.name_ar', 'c.name_en'])
    .where('p.purpose', '=', purpose)
    .where('c.is_active', '=', 1)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({ id: row.id, nameAr: row.name_ar, nameEn: row.name_en }));
}

/** Whether a committee can meet (issue 27 §7): a chair who still sits on it and at least its quorum of active members. */
export interface CommitteeReadiness {
  id: string;
  nameAr: string;
  nameEn: string;
  quorum: number;
  activeMembers: number;
  hasChair: boolean;
  canMeet: boolean;
}

/** Every active committee and whether it can meet (the administrator's set-up checklist reads it). */
export async function committeesReadiness(ctx: AppContext): Promise<CommitteeReadiness[]> {
  const rows = await ctx.db
    .selectFrom('committees')
    .select(['id', 'name_ar', 'name_en', 'quorum', 'chair_id'])
    .where('is_active', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const members = await repo.membersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const active = members.filter((m) => m.committeeId === row.id && m.isActive);
    const hasChair = row.chair_id !== null && active.some((m) => m.userId === row.chair_id);
    return {
      id: row.id,
      nameAr: row.name_ar,
      nameEn: row.name_en,
      quorum: row.quorum,
      activeMembers: active.length,
      hasChair,
      canMeet: hasChair && active.length >= Math.max(1, row.quorum),
    };
  });
}
