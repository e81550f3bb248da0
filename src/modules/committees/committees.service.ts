import type { AwaitingRequest, Committee, CommitteePurpose, CreateCommitteeBody, UpdateCommitteeBody } from '../../contracts/committees.js';
import { toHijriString } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { CommitteeTable } from '../../platform/db/schema-committees.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { activeStaffNames } from '../staff/index.js';
import { REQUEST_SUBJECT, requestedSubject } from './committee-subjects.js';
import { committeeAbilities, holdsCommitteeRole, seesAllCommittees } from './committees.policy.js';
import type { MemberRow } from './committees.repo.js';
import * as repo from './committees.repo.js';

/**
 * Committees (issue 5 §7; C5, E1, D2 later): members, a chair and a quorum. Administrators manage
 * them; members see their own. Also the functions other modules call (design note, "Cross-module
 * functions"): `committeesOf`, `isOnAgendaOf`, `committeeMembers`.
 */
const actorOf = (principal: StaffPrincipal) => ({ kind: 'staff' as const, id: principal.userId });

export function presentCommittee(
  principal: StaffPrincipal,
  row: CommitteeTable,
  members: readonly MemberRow[],
  purposes: ReadonlyMap<string, CommitteePurpose[]> = new Map(),
): Committee {
  return {
    id: row.id,
    code: row.code,
    nameAr: row.name_ar,
    nameEn: row.name_en,
    purpose: row.purpose as CommitteePurpose,
    purposes: purposes.get(row.id) ?? [row.purpose as CommitteePurpose],
    quorum: row.quorum,
    chairId: row.chair_id,
    members: members
      .filter((m) => m.committeeId === row.id)
      .map((m) => ({ userId: m.userId, displayName: m.displayName, isChair: m.userId === row.chair_id, isActive: m.isActive })),
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    abilities: committeeAbilities(principal, { chairId: row.chair_id, isActive: row.is_active === 1 }),
  };
}

/** The committee if the caller may see it; 404 otherwise (existence is not revealed). */
export async function visibleCommittee(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<CommitteeTable> {
  const row = await repo.findCommittee(ctx.db, id);
  if (!row) throw AppError.notFound('committee.not-found', 'No such committee');
  if (seesAllCommittees(principal)) return row;
  if (holdsCommitteeRole(principal) && (await repo.isMember(ctx.db, id, principal.userId))) return row;
  throw AppError.notFound('committee.not-found', 'No such committee');
}

export async function listCommittees(ctx: AppContext, principal: StaffPrincipal): Promise<{ items: Committee[] }> {
  const rows = seesAllCommittees(principal)
    ? await repo.listCommitteeRows(ctx.db)
    : await repo.listCommitteeRows(ctx.db, await repo.committeeIdsOfUser(ctx.db, principal.userId));
  const members = await repo.membersOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const purposes = await repo.purposesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => presentCommittee(principal, row, members, purposes)) };
}

export async function getCommittee(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<Committee> {
  const row = await visibleCommittee(ctx, principal, id);
  return presentCommittee(principal, row, await repo.membersOf(ctx.db, [id]), await repo.purposesOf(ctx.db, [id]));
}

/**
 * Members are active staff holding a committee role; the chair is one of them; the quorum cannot
 * exceed the members. A chair named (alone or with the members) is checked the same way: a member
 * deactivated or without a committee role since is not made chair (C5: the chair opens meetings and
 * records the minutes' approvals).
 */
async function assertComposition(
  ctx: AppContext,
  {
    memberIds,
    chairId,
    quorum,
    isMembersChange = true,
    isChairChange = true,
  }: { memberIds: string[]; chairId: string | null; quorum: number; isMembersChange?: boolean; isChairChange?: boolean },
) {
  const errors: FieldError[] = [];
  const [active, holders] = await Promise.all([activeStaffNames(ctx.db, memberIds), repo.committeeRoleHolders(ctx.db, memberIds)]);
  if (isMembersChange)
    memberIds.forEach((id, i) => {
      if (!active.has(id))
        errors.push({ pointer: `/memberIds/${i}`, code: 'committee.unknown-member', detail: 'No active staff member with this id' });
      else if (!holders.has(id))
        errors.push({ pointer: `/memberIds/${i}`, code: 'committee.member-role', detail: 'Members must hold a committee role' });
    });
  if (chairId !== null && !memberIds.includes(chairId))
    errors.push({ pointer: '/chairId', code: 'committee.chair-not-member', detail: 'The chair must be one of the members' });
  else if (chairId !== null && isChairChange && !isMembersChange && (!active.has(chairId) || !holders.has(chairId)))
    errors.push({
      pointer: '/chairId',
      code: 'committee.chair-inactive',
      detail: 'The chair must be an active member holding a committee role',
    });
  if (memberIds.length > 0 && quorum > memberIds.length)
    errors.push({ pointer: '/quorum', code: 'committee.quorum-above-members', detail: 'The quorum cannot exceed the number of members' });
  if (errors.length) throw AppError.unprocessable('committee.invalid', 'The committee’s members, chair or quorum are not valid', errors);
}

/** The purposes a body names: `purposes`, or as before issue 22 one `purpose`; 422 when neither. */
function purposesOfBody(body: { purpose?: CommitteePurpose | undefined; purposes?: CommitteePurpose[] | undefined }) {
  const purposes = body.purposes ?? (body.purpose ? [body.purpose] : []);
  if (purposes.length === 0)
    throw AppError.unprocessable('committee.invalid', 'Name the committee’s purposes', [
      { pointer: '/purposes', code: 'committee.purposes-required', detail: 'At least one purpose' },
    ]);
  return repo.orderedPurposes(purposes);
}

export async function createCommittee(ctx: AppContext, principal: StaffPrincipal, body: CreateCommitteeBody): Promise<Committee> {
  const purposes = purposesOfBody(body);
  const memberIds = [...new Set(body.memberIds)];
  await assertComposition(ctx, { memberIds, chairId: body.chairId, quorum: body.quorum });
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('committees')
        .values({
          id,
          code: body.code,
          name_ar: body.nameAr,
          name_en: body.nameEn,
          purpose: purposes[0] as CommitteePurpose,
          quorum: body.quorum,
          chair_id: body.chairId,
          is_active: 1,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
      await repo.replaceMembers(trx, id, memberIds, now.toISOString());
      await repo.replacePurposes(trx, id, purposes);
      await recordAudit(trx, {
        at: now,
        actor: actorOf(principal),
        action: 'committee.create',
        entity: 'committee',
        entityId: id,
        fields: Object.keys(body),
        details: { purposes, quorum: body.quorum, members: memberIds, chairId: body.chairId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('committee.code-taken', 'Another committee has this code');
    throw error;
  }
  return getCommittee(ctx, principal, id);
}

export async function updateCommittee(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: UpdateCommitteeBody,
): Promise<Committee> {
  const row = await visibleCommittee(ctx, principal, id);
  const currentMembers = (await repo.membersOf(ctx.db, [id])).map((m) => m.userId);
  const memberIds = body.memberIds ? [...new Set(body.memberIds)] : currentMembers;
  const chairId = body.chairId !== undefined ? body.chairId : row.chair_id;
  const quorum = body.quorum ?? row.quorum;
  // A committee whose chair left the members keeps no chair until one is named.
  const keptChair = chairId !== null && !memberIds.includes(chairId) && body.chairId === undefined ? null : chairId;
  // Members are checked when they change; a rename never fails because a member left since.
  await assertComposition(ctx, {
    memberIds,
    chairId: keptChair,
    quorum,
    isMembersChange: Boolean(body.memberIds),
    isChairChange: body.chairId !== undefined && body.chairId !== row.chair_id,
  });
  const purposes = await nextPurposes(ctx, id, body);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('committees')
      .set({
        ...(body.nameAr !== undefined ? { name_ar: body.nameAr } : {}),
        ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
        ...(purposes ? { purpose: purposes[0] as CommitteePurpose } : {}),
        ...(body.isActive !== undefined ? { is_active: body.isActive ? 1 : 0 } : {}),
        quorum,
        chair_id: keptChair,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    if (body.memberIds) await repo.replaceMembers(trx, id, memberIds, now.toISOString());
    if (purposes) await repo.replacePurposes(trx, id, purposes);
    await recordAudit(trx, {
      at: now,
      actor: actorOf(principal),
      action: 'committee.update',
      entity: 'committee',
      entityId: id,
      fields: Object.keys(body),
      details: {
        ...(body.memberIds ? { members: memberIds } : {}),
        ...(purposes ? { purposes } : {}),
        chairId: keptChair,
      },
    });
  });
  return getCommittee(ctx, principal, id);
}

/**
 * The purposes after an update, or null when they stay: `purposes` replaces the set; `purpose` alone
 * (a client written when a committee had one) keeps the set if the committee already holds it, and
 * otherwise makes it the only one, as it did then.
 */
async function nextPurposes(ctx: AppContext, id: string, body: UpdateCommitteeBody): Promise<CommitteePurpose[] | null> {
  if (body.purposes !== undefined) return purposesOfBody(body);
  if (body.purpose === undefined) return null;
  const held = (await repo.purposesOf(ctx.db, [id])).get(id) ?? [];
  return held.includes(body.purpose) ? null : [body.purpose];
}

/** C5: subjects of a kind (requests unless named) the committee may put on an agenda, oldest deadline first. Members only. */
export async function awaitingStudy(
  ctx: AppContext,
  principal: StaffPrincipal,
  committeeId: string,
  query: { limit: number; cursor?: string | undefined; kind?: string | undefined },
): Promise<{ items: AwaitingRequest[]; nextCursor: string | null }> {
  if (!(await repo.isMember(ctx.db, committeeId, principal.userId))) throw AppError.notFound('committee.not-found', 'No such committee');
  const kind = query.kind ?? REQUEST_SUBJECT;
  const page = await requestedSubject(ctx, kind, '/kind').awaitingStudy(ctx, {
    committeeId,
    limit: query.limit,
    cursor: query.cursor ?? null,
    scope: principal.scope,
  });
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: actorOf(principal),
    action: 'committee.awaiting-study.list',
    entity: 'committee',
    entityId: committeeId,
    details: kind === REQUEST_SUBJECT ? { ids: page.items.map((r) => r.id) } : { kind, ids: page.items.map((r) => r.id) },
  });
  return {
    items: page.items.map((r) => ({
      id: r.id,
      subjectKind: kind,
      reference: r.reference,
      typeCode: r.typeCode,
      typeNameAr: r.typeNameAr,
      typeNameEn: r.typeNameEn,
      familyName: r.familyName,
      status: r.status,
      deadlineDay: r.deadlineDay,
      deadlineHijri: r.deadlineDay ? toHijriString(r.deadlineDay) : null,
    })),
    nextCursor: page.nextCursor,
  };
}
