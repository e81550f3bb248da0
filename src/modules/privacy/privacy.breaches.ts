import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { BreachDetail, BreachSummary, breachListQuery, createBreachBody } from '../../contracts/privacy.js';
import { riyadhCalendarDay } from '../../domain/dates.js';
import { breachNotifyDeadline, hoursLeft } from '../../domain/privacy-clock.js';
import { isInScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { nextReference } from '../../platform/db/references.js';
import type { Database } from '../../platform/db/schema.js';
import type { PrivacyBreachTable } from '../../platform/db/schema-privacy.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { familyContacts, familyIdByReference } from '../families/index.js';
import { enqueueMessage } from '../notifications/index.js';
import { assertOfficer, isOfficer } from './privacy.policy.js';
import { breachAad, seal, unseal } from './privacy.sealing.js';

/**
 * The breach register (issue 25 §8, F2): an incident recorded with when the association became
 * aware of it (which may precede the record), what data and how many people, its containment; a
 * "notifiable?" decision with its reason; for a notifiable one, 72 clock hours from awareness to
 * notify the regulator — weekends and holidays count, never the working-day clock; the people to
 * inform told through the outbox (a service message about their own data); lessons, then closure.
 */
type Db = Kysely<Database>;
type Row = PrivacyBreachTable;
const ABOUT = 'privacy-breach';

const notFound = () => AppError.notFound('privacy.breach-not-found', 'No such breach');
const conflict = (code: string, detail: string) => AppError.conflict(code, detail);

function summary(row: Row, now: Date): BreachSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as 'open' | 'closed',
    awareAt: row.aware_at,
    recordedAt: row.recorded_at,
    dataCategories: row.data_categories,
    peopleCount: row.people_count,
    isNotifiable: row.is_notifiable === null ? null : row.is_notifiable === 1,
    notifyDeadlineAt: row.notify_deadline_at,
    hoursLeft: row.notify_deadline_at && !row.regulator_notified_at ? hoursLeft(row.notify_deadline_at, now) : null,
    regulatorNotifiedAt: row.regulator_notified_at,
  };
}

function detail(ctx: AppContext, row: Row, principal: StaffPrincipal): BreachDetail {
  const open = (column: string, value: string | null) => unseal(ctx, breachAad(row.id, column), value);
  const may = isOfficer(principal) && row.status === 'open';
  return {
    ...summary(row, ctx.clock.now()),
    description: open('description', row.description) ?? '',
    containment: open('containment', row.containment),
    notifiableReason: open('notifiable_reason', row.notifiable_reason),
    decidedAt: row.decided_at,
    regulatorReference: row.regulator_reference,
    regulatorNote: open('regulator_note', row.regulator_note),
    informedCount: row.informed_count,
    lessons: open('lessons', row.lessons),
    closedAt: row.closed_at,
    abilities: {
      decide: may && row.is_notifiable === null,
      notifyRegulator: may && row.is_notifiable === 1 && !row.regulator_notified_at,
      inform: may,
      close: may && row.is_notifiable !== null && (row.is_notifiable === 0 || row.regulator_notified_at !== null),
    },
  };
}

async function audit(
  trx: Db,
  ctx: AppContext,
  principal: StaffPrincipal,
  action: string,
  id: string | null,
  details?: Record<string, unknown>,
) {
  await recordAudit(trx, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: `privacy.breach-${action}`,
    entity: ABOUT,
    entityId: id,
    ...(details ? { details } : {}),
  });
}

export async function recordBreach(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: z.infer<typeof createBreachBody>,
): Promise<BreachDetail> {
  assertOfficer(principal);
  const now = ctx.clock.now();
  const aware = new Date(body.awareAt);
  if (aware.getTime() > now.getTime())
    throw AppError.unprocessable('privacy.invalid', 'Aware in the future', [
      { pointer: '/awareAt', code: 'field.date-future', detail: 'In the future' },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    const id = uuidv7(now.getTime());
    const row: Row = {
      id,
      reference: await nextReference({ root: ctx.db, trx }, 'BRC', Number(riyadhCalendarDay(now).slice(0, 4))),
      status: 'open',
      aware_at: aware.toISOString(),
      description: seal(ctx, breachAad(id, 'description'), body.description) as string,
      data_categories: body.dataCategories,
      people_count: body.peopleCount,
      containment: seal(ctx, breachAad(id, 'containment'), body.containment),
      is_notifiable: null,
      notifiable_reason: null,
      decided_at: null,
      decided_by: null,
      notify_deadline_at: null,
      regulator_notified_at: null,
      regulator_reference: null,
      regulator_note: null,
      informed_count: 0,
      informed_at: null,
      lessons: null,
      closed_at: null,
      closed_by: null,
      warned_at: null,
      escalated_at: null,
      recorded_by: principal.userId,
      recorded_at: now.toISOString(),
      updated_at: now.toISOString(),
      version: 1,
    };
    await trx.insertInto('privacy_breaches').values(row).execute();
    await audit(trx, ctx, principal, 'create', id, { peopleCount: body.peopleCount });
    return detail(ctx, row, principal);
  });
}

async function load(db: Db, id: string): Promise<Row> {
  const row = await db.selectFrom('privacy_breaches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getBreach(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<BreachDetail> {
  const row = await load(ctx.db, id);
  await audit(ctx.db, ctx, principal, 'view', id);
  return detail(ctx, row, principal);
}

export async function listBreaches(ctx: AppContext, principal: StaffPrincipal, query: z.infer<typeof breachListQuery>) {
  let q = ctx.db.selectFrom('privacy_breaches').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) {
    const [at, id] = query.cursor.split('|');
    if (!at || !id)
      throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
    q = q.where((eb) => eb.or([eb('recorded_at', '<', at), eb.and([eb('recorded_at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  await audit(ctx.db, ctx, principal, 'list', null, { ids: page.map((r) => r.id) });
  const now = ctx.clock.now();
  return {
    items: page.map((r) => summary(r, now)),
    nextCursor: rows.length > query.limit && last ? `${last.recorded_at}|${last.id}` : null,
  };
}

/** One step on an open breach, in one transaction with its audit row. */
async function change(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  work: (trx: Db, row: Row, now: string) => Promise<{ changes: Partial<Row>; action: string; details?: Record<string, unknown> }>,
): Promise<BreachDetail> {
  assertOfficer(principal);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await load(trx, id);
    if (row.status !== 'open') throw conflict('privacy.breach-closed', 'This breach is closed');
    const now = ctx.clock.now().toISOString();
    const { changes, action, details } = await work(trx, row, now);
    const next = { ...row, ...changes, updated_at: now, version: row.version + 1 };
    await trx
      .updateTable('privacy_breaches')
      .set({ ...changes, updated_at: now, version: next.version })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, principal, action, id, details);
    return detail(ctx, next, principal);
  });
}

/** F2: the notifiable decision; a notifiable breach's deadline is awareness + 72 clock hours (weekends and holidays count). */
export const decideBreach = (ctx: AppContext, principal: StaffPrincipal, id: string, body: { isNotifiable: boolean; reason: string }) =>
  change(ctx, principal, id, async (_trx, row, now) => {
    if (row.is_notifiable !== null) throw conflict('privacy.breach-decided', 'The decision is already recorded');
    return {
      action: 'decide',
      details: { isNotifiable: body.isNotifiable },
      changes: {
        is_notifiable: body.isNotifiable ? 1 : 0,
        notifiable_reason: seal(ctx, breachAad(row.id, 'notifiable_reason'), body.reason),
        notify_deadline_at: body.isNotifiable ? breachNotifyDeadline(row.aware_at) : null,
        decided_at: now,
        decided_by: principal.userId,
      },
    };
  });

export const notifyRegulator = (
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { notifiedAt: string; reference?: string | undefined; note?: string | undefined },
) =>
  change(ctx, principal, id, async (_trx, row) => {
    if (row.is_notifiable !== 1) throw conflict('privacy.breach-not-notifiable', 'Only a notifiable breach is reported to the regulator');
    if (row.regulator_notified_at) throw conflict('privacy.breach-already-notified', 'The regulator was already notified');
    const at = new Date(body.notifiedAt);
    if (at.getTime() > ctx.clock.now().getTime())
      throw AppError.unprocessable('privacy.invalid', 'Notified in the future', [
        { pointer: '/notifiedAt', code: 'field.date-future', detail: 'In the future' },
      ]);
    return {
      action: 'notify-regulator',
      details: { isLate: row.notify_deadline_at !== null && at.toISOString() > row.notify_deadline_at },
      changes: {
        regulator_notified_at: at.toISOString(),
        regulator_reference: body.reference ?? null,
        regulator_note: seal(ctx, breachAad(row.id, 'regulator_note'), body.note),
      },
    };
  });

/** The people affected, told through the outbox on their agreed channel; only families in the officer's scope (404 otherwise). */
export const informPeople = (
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { familyIds: string[]; familyReferences: string[]; message: string },
) =>
  change(ctx, principal, id, async (trx, row, now) => {
    const byReference = await Promise.all(body.familyReferences.map((reference) => familyIdByReference(trx, reference)));
    if (byReference.some((found) => found === null)) throw AppError.notFound('family.not-found', 'No such family');
    const ids = [...new Set([...body.familyIds, ...(byReference as string[])])];
    if (!ids.length)
      throw AppError.badRequest('request.invalid', 'Name the people to tell', [
        { pointer: '/familyReferences', code: 'field.required', detail: 'At least one family' },
      ]);
    const families = await familyContacts(ctx, ids, trx);
    for (const familyId of ids) {
      const family = families.get(familyId);
      if (!family || !isInScope(principal.scope, family.scope)) throw AppError.notFound('family.not-found', 'No such family');
    }
    for (const familyId of ids)
      await enqueueMessage(trx, ctx, {
        event: 'privacy.breach-notice',
        recipient: { kind: 'family', familyId },
        params: { reference: row.reference, message: body.message },
        about: { type: ABOUT, id: row.id },
        dedupeKey: `privacy-breach:${row.id}:notice:${familyId}`,
        actor: { kind: 'staff', id: principal.userId },
      });
    return {
      action: 'inform',
      details: { families: ids.length },
      changes: { informed_count: row.informed_count + ids.length, informed_at: now },
    };
  });

export const closeBreach = (ctx: AppContext, principal: StaffPrincipal, id: string, body: { lessons: string }) =>
  change(ctx, principal, id, async (_trx, row, now) => {
    if (row.is_notifiable === null) throw conflict('privacy.breach-undecided', 'Decide whether the breach is notifiable first');
    if (row.is_notifiable === 1 && !row.regulator_notified_at)
      throw conflict('privacy.breach-regulator-pending', 'Record the regulator’s notification first');
    return {
      action: 'close',
      changes: {
        status: 'closed',
        lessons: seal(ctx, breachAad(row.id, 'lessons'), body.lessons),
        closed_at: now,
        closed_by: principal.userId,
      },
    };
  });
