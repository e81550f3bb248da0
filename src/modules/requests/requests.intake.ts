import type {
  Answers,
  CreateRequestBody,
  RequestChannel,
  RequestStatus,
  ServiceRequest,
  UpdateRequestBody,
} from '../../contracts/requests.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { answerErrors, normaliseAnswer } from '../../domain/request-checklist.js';
import { isEditable } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { nextReference } from '../../platform/db/references.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { assertFamilyNotErased, visibleFamily } from '../families/index.js';
import { asFiled } from './request-type-versions.js';
import { ensureDefaultTypes, findType } from './request-types.service.js';
import { assertWorkable, loadVisible, staffActor } from './requests.access.js';
import { type Actor, addHistory, loadState, type RequestState, sealAnswers, voidIfChanged } from './requests.core.js';
import { present } from './requests.present.js';
import { moveCounters, NO_DEADLINE } from './requests.repo.js';

/** A request's answers (issue 5; A1–A6): a draft written from any channel, its answers checked and edited. */

/** Answers as typed, tidied and checked against the type's checklist (400 with pointers). */
export function cleanAnswers(state: { checklist: RequestState['type']['checklist'] }, answers: Answers): Answers {
  const cleaned: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const item = state.checklist.find((i) => i.key === key);
    cleaned[key] = item && value !== null ? normaliseAnswer(item, value) : value;
  }
  const errors = answerErrors(state.checklist, cleaned);
  if (errors.length)
    throw AppError.badRequest(
      'request.invalid',
      'Some answers do not fit the request type',
      errors.map((e) => ({ ...e, detail: e.code })),
    );
  return cleaned;
}

function mergeAnswers(current: Answers, changes: Answers): Answers {
  const merged: Answers = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

// ---- create ----

export interface NewRequest {
  familyId: string;
  typeCode: string;
  channel: RequestChannel;
  answers: Answers;
  idempotencyKey: string;
  createdBy: string | null;
  category: string;
  office: string;
}

/**
 * Writes a draft (A1–A6). The idempotency key (scoped to whoever sends the form) makes one request
 * of the same form sent twice; the existing one is returned with `isNew` false.
 */
export async function insertRequest(ctx: AppContext, actor: Actor, input: NewRequest): Promise<{ id: string; isNew: boolean }> {
  await ensureDefaultTypes(ctx);
  const existing = await ctx.db
    .selectFrom('requests')
    .select(['id', 'family_id', 'type_code'])
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  const same = (row: { family_id: string; type_code: string }) => {
    if (row.family_id !== input.familyId || row.type_code !== input.typeCode)
      throw AppError.conflict('request.idempotency-conflict', 'This form key was already used for another request');
  };
  if (existing) {
    same(existing);
    return { id: existing.id, isNew: false };
  }
  const type = await findType(ctx.db, input.typeCode);
  if (!type?.isActive)
    throw AppError.badRequest('request.invalid', 'Unknown request type', [
      { pointer: '/typeCode', code: 'request-type.unknown', detail: 'No active request type with this code' },
    ]);
  const answers = cleanAnswers(type, input.answers);
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const reference = await nextReference({ root: ctx.db, trx }, 'REQ', Number(riyadhCalendarDay(now).slice(0, 4)));
      const row: RequestTable = {
        id,
        reference,
        family_id: input.familyId,
        type_code: type.code,
        // B5, C2 (issue 26 §3): the version whose checklist checked these answers; a type edited
        // meanwhile gets a new version, and this request keeps the one it was filed under.
        type_version: type.version,
        channel: input.channel,
        status: 'draft',
        answers: sealAnswers(ctx, id, answers),
        idempotency_key: input.idempotencyKey,
        created_by: input.createdBy,
        current_attestation_id: null,
        clock_id: null,
        deadline_day: NO_DEADLINE,
        sla_state: 'none',
        committee_id: type.committeeId,
        category: input.category,
        office: input.office,
        decision_outcome: null,
        decision_reasons: null,
        decision_meeting_id: null,
        decision_minutes_id: null,
        submitted_at: null,
        completed_at: null,
        decided_at: null,
        notified_at: null,
        closed_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      };
      await trx.insertInto('requests').values(row).execute();
      await moveCounters(trx, null, row);
      await addHistory(trx, ctx, id, { event: 'create', from: null, to: 'draft', actor });
      await recordAudit(trx, {
        at: now,
        actor,
        action: 'request.create',
        entity: 'request',
        entityId: id,
        fields: Object.keys(answers),
        details: { familyId: input.familyId, typeCode: type.code, channel: input.channel },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same form twice at the same moment: the unique key decides, the other gets the first one.
    const winner = await ctx.db
      .selectFrom('requests')
      .select(['id', 'family_id', 'type_code'])
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst();
    if (!winner) throw error;
    same(winner);
    return { id: winner.id, isNew: false };
  }
  return { id, isNew: true };
}

export async function createRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: CreateRequestBody,
): Promise<{ request: ServiceRequest; isNew: boolean }> {
  // Volunteers: only families they registered (families' own visibility rule).
  const family = await visibleFamily(ctx, principal, body.familyId, { forWrite: true });
  if (!family) throw AppError.notFound('family.not-found', 'No such family');
  const isVolunteerOnly =
    principal.roles.includes('volunteer') && !principal.roles.some((r) => r === 'reception' || r === 'contact-officer');
  const channelError = (detail: string): FieldError => ({ pointer: '/channel', code: 'request.channel-not-allowed', detail });
  if (isVolunteerOnly && body.channel !== 'volunteer')
    throw AppError.badRequest('request.invalid', 'A volunteer records requests on the channel "volunteer"', [
      channelError('volunteer only'),
    ]);
  if (body.channel === 'website')
    throw AppError.badRequest('request.invalid', 'Online requests come from the portal', [channelError('website is the portal’s')]);
  const { id, isNew } = await insertRequest(ctx, staffActor(principal), {
    familyId: family.id,
    typeCode: body.typeCode,
    channel: body.channel,
    answers: body.answers,
    idempotencyKey: `staff:${principal.userId}:${body.idempotencyKey}`,
    createdBy: principal.userId,
    category: family.category,
    office: family.office,
  });
  const row = await loadVisible(ctx, principal, id);
  return { request: await present(ctx, principal, row), isNew };
}

// ---- edit ----

/** Shared by staff and the portal: merge answers, bump the version, void a stale attestation (C4). */
export async function applyAnswers(ctx: AppContext, actor: Actor, row: RequestTable, body: UpdateRequestBody): Promise<void> {
  const latest = await findType(ctx.db, row.type_code);
  if (!latest) throw new Error('request type missing');
  const type = await asFiled(ctx.db, row, latest);
  const changes = cleanAnswers(type, body.answers);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('requests').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    await assertFamilyNotErased(ctx, current.family_id, trx); // issue 25 §5 (F2): an erased family's draft takes no answers
    if (!isEditable(current.status as RequestStatus))
      throw AppError.conflict('request.not-editable', 'Answers change only while the request is a draft or information was requested');
    const answers = mergeAnswers((await loadState(trx, ctx, current)).answers, changes);
    const result = await trx
      .updateTable('requests')
      .set({ answers: sealAnswers(ctx, row.id, answers), updated_at: now.toISOString(), version: current.version + 1 })
      .where('id', '=', row.id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw AppError.conflict('request.version-conflict', 'Someone else changed this request meanwhile; reload and try again');
    const next = { ...current, answers: sealAnswers(ctx, row.id, answers) };
    const state = await loadState(trx, ctx, next);
    await voidIfChanged(trx, ctx, next, state.dataSha256, 'answers-changed', actor);
    await recordAudit(trx, { at: now, actor, action: 'request.update', entity: 'request', entityId: row.id, fields: Object.keys(changes) });
  });
}

export async function updateRequest(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: UpdateRequestBody,
): Promise<ServiceRequest> {
  const row = await loadVisible(ctx, principal, id);
  assertWorkable(principal, row);
  await applyAnswers(ctx, staffActor(principal), row, body);
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}
