import type { z } from 'zod';
import type { CompensationDetail, CompensationSummary, listQuery } from '../../contracts/compensation.js';
import {
  COMPENSATION_STATUSES,
  type CompensationStatus,
  isOpenCase,
  openedWithin,
  publicCompensationOutcome,
} from '../../domain/compensation-status.js';
import { isInScope } from '../../domain/scope.js';
import type { AppContext } from '../../platform/context.js';
import { nextReference } from '../../platform/db/references.js';
import { readStoredFile, storeFile } from '../../platform/files/file-store.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { familyContact } from '../families/index.js';
import { staffNames } from '../staff/index.js';
import {
  type Actor,
  assertCaseWorker,
  auditCase,
  caseForWrite,
  type Db,
  moveCase,
  recordStep,
  staffActor,
  tellFamily,
  touchCase,
} from './compensation.core.js';
import { cancelPendingRoundClocks } from './compensation.negotiation.js';
import { type CaseRow, isCaseWorker, loadVisibleCase, visibleTo, withDb } from './compensation.policy.js';
import { presentDetail, presentSummaries } from './compensation.present.js';
import { caseAad, sealWith } from './compensation.sealing.js';
import { investigationCommittee } from './compensation.settings.js';

/**
 * Compensation cases (issue 23 §1): opened by management or the investigation committee on a
 * family's claim, or by escalating a complaint (E3); listed and read by those who may see them
 * (every view audited); moved by the steps that have no record of their own (investigation begins,
 * the family withdraws, the negotiation fails, a failed case closes with reasons).
 */
export const FILE_MAX_BYTES = 5 * 1024 * 1024;

interface OpenInput {
  familyId: string;
  origin: string;
  claim: string;
  amountAskedHalalas?: number | undefined;
  concernedStaffIds: readonly string[];
  complaintId?: string;
  originReason?: string;
}

/** Writes a new case in `trx`: its reference, the committee that will study it (D2), the staff concerned (§6), the first step, the family told. */
async function insertCase(trx: Db, ctx: AppContext, principal: StaffPrincipal, input: OpenInput): Promise<CaseRow> {
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  const committee = await investigationCommittee(withDb(ctx, trx));
  const concerned = [...new Set(input.concernedStaffIds)];
  // §6: whoever opens the case cannot be concerned by it.
  if (concerned.includes(principal.userId)) throw AppError.notFound('compensation.not-found', 'No such compensation case');
  if (concerned.length && (await staffNames(trx, concerned)).size !== concerned.length)
    throw AppError.unprocessable('compensation.invalid', 'Some staff are unknown', [
      { pointer: '/concernedStaffIds', code: 'staff.not-found', detail: 'Some ids are not staff members' },
    ]);
  const row: CaseRow = {
    id,
    reference: await nextReference({ root: ctx.db, trx }, 'COMP', Number(now.toISOString().slice(0, 4))),
    family_id: input.familyId,
    status: 'opened',
    origin: input.origin,
    complaint_id: input.complaintId ?? null,
    origin_reason: sealWith(ctx, caseAad(id, 'origin_reason'), input.originReason),
    claim: sealWith(ctx, caseAad(id, 'claim'), input.claim) as string,
    amount_asked: input.amountAskedHalalas ?? null,
    claim_file_id: null,
    committee_id: committee?.id ?? null,
    basis: null,
    minutes_id: null,
    meeting_id: null,
    ruling_id: null,
    harm: null,
    harm_size: null,
    causes: null,
    established_amount: null,
    is_amount_fixed: 0,
    established_at: null,
    outcome_reasons: null,
    settled_at: null,
    closed_at: null,
    opened_by: principal.userId,
    opened_at: now.toISOString(),
    updated_at: now.toISOString(),
    version: 1,
  };
  await trx.insertInto('compensation_cases').values(row).execute();
  if (concerned.length)
    await trx
      .insertInto('compensation_concerned_staff')
      .values(concerned.map((staffId) => ({ case_id: id, staff_id: staffId, added_by: principal.userId, added_at: now.toISOString() })))
      .execute();
  const actor = staffActor(principal);
  await recordStep(trx, ctx, id, 'open', 'opened', actor, null);
  await auditCase(trx, ctx, actor, 'open', id, {
    origin: input.origin,
    complaintId: input.complaintId ?? null,
    concerned: concerned.length,
  });
  await tellFamily(trx, ctx, row, 'compensation.opened', actor, { key: 'opened' });
  return row;
}

/** `POST /compensation-cases`: a claim by letter, interview or another channel (the scan follows as a file). */
export async function openCase(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: { familyId: string; origin: string; claim: string; amountAskedHalalas?: number | undefined; concernedStaffIds: string[] },
): Promise<CompensationDetail> {
  await assertCaseWorker(ctx, principal);
  return ctx.db.transaction().execute(async (trx) => {
    const family = await familyContact(ctx, body.familyId, trx);
    const notFound = AppError.unprocessable('compensation.invalid', 'No such family', [
      { pointer: '/familyId', code: 'family.not-found', detail: 'No such family' },
    ]);
    if (!family) throw notFound;
    if (!isInScope(principal.scope, family.scope)) throw notFound;
    const row = await insertCase(trx, ctx, principal, body);
    return presentDetail(trx, ctx, row, principal);
  });
}

/** E3 (provided to complaints): the case an escalation opens, in the complaint's transaction. */
export async function openFromComplaint(
  trx: Db,
  ctx: AppContext,
  principal: StaffPrincipal,
  input: { complaintId: string; familyId: string; reason: string; claim: string },
): Promise<{ id: string; reference: string }> {
  const row = await insertCase(trx, ctx, principal, {
    familyId: input.familyId,
    origin: 'complaint',
    claim: input.claim,
    concernedStaffIds: [],
    complaintId: input.complaintId,
    originReason: input.reason,
  });
  return { id: row.id, reference: row.reference };
}

/** What the complaint's tracking page may say (issue 23 §5): the reference and an outcome category only. */
export async function caseOutcome(db: Db, caseId: string) {
  const row = await db.selectFrom('compensation_cases').select(['reference', 'status']).where('id', '=', caseId).executeTakeFirst();
  return row ? { reference: row.reference, outcome: publicCompensationOutcome(row.status as CompensationStatus) } : null;
}

/** The finished steps: a case in none of them is open (the oversight counts open cases the same way). */
const CLOSED = COMPENSATION_STATUSES.filter((status) => !isOpenCase(status));

/** Lists the cases the caller may see, newest first (keyset by opening time and id); one audit row with the ids. */
export async function listCases(
  ctx: AppContext,
  principal: StaffPrincipal,
  query: z.infer<typeof listQuery>,
): Promise<{ items: CompensationSummary[]; nextCursor: string | null }> {
  if (!(await isCaseWorker(ctx, principal))) return { items: [], nextCursor: null };
  let q = ctx.db.selectFrom('compensation_cases as c').selectAll('c').where(visibleTo('c', principal));
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.isOpen === 'true' || query.age) q = q.where('c.status', 'not in', CLOSED);
  if (query.isOpen === 'false') q = q.where('c.status', 'in', CLOSED);
  // Issue 23 §6: the oversight's figures, each as its list.
  if (query.age) {
    const { after, atOrBefore } = openedWithin(query.age, ctx.clock.now().toISOString());
    q = q.where('c.opened_at', '<=', atOrBefore);
    if (after) q = q.where('c.opened_at', '>', after);
  }
  if (query.has === 'established') q = q.where('c.established_at', 'is not', null);
  if (query.has === 'settled') q = q.where('c.settled_at', 'is not', null);
  if (query.has === 'offer')
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('compensation_rounds as r').select('r.id').whereRef('r.case_id', '=', 'c.id').where('r.offer_amount', 'is not', null),
      ),
    );
  if (query.has === 'settlement')
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('compensation_settlements as s').select('s.case_id').whereRef('s.case_id', '=', 'c.id')),
    );
  if (query.has === 'payment')
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('compensation_payments as p').select('p.id').whereRef('p.case_id', '=', 'c.id')),
    );
  if (query.cursor) {
    const [at, id] = query.cursor.split('|');
    if (!at || !id)
      throw AppError.badRequest('request.invalid', 'Bad cursor', [{ pointer: '/cursor', code: 'field.invalid', detail: 'Bad cursor' }]);
    q = q.where((eb) => eb.or([eb('c.opened_at', '<', at), eb.and([eb('c.opened_at', '=', at), eb('c.id', '<', id)])]));
  }
  const rows = await q
    .orderBy('c.opened_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = await presentSummaries(ctx.db, ctx, page);
  await auditCase(ctx.db, ctx, staffActor(principal), 'list', null, { query: { ...query }, ids: page.map((r) => r.id) });
  return { items, nextCursor: rows.length > query.limit && last ? `${last.opened_at}|${last.id}` : null };
}

/** One case, audited as a view of personal data (F2). */
export async function getCase(ctx: AppContext, principal: StaffPrincipal, id: string): Promise<CompensationDetail> {
  const row = await loadVisibleCase(ctx.db, ctx, principal, id);
  await auditCase(ctx.db, ctx, staffActor(principal), 'view', id);
  return presentDetail(ctx.db, ctx, row, principal);
}

const REASON_REQUIRED = new Set(['withdraw', 'fail-negotiation', 'close']);

/** The moves with no record of their own; withdrawing, a failed negotiation and closing say why (sent to nobody: internal). */
export async function transitionCase(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: { action: 'begin-investigation' | 'withdraw' | 'fail-negotiation' | 'close'; reason?: string | undefined },
): Promise<CompensationDetail> {
  if (REASON_REQUIRED.has(body.action) && !body.reason?.trim())
    throw AppError.badRequest('request.invalid', 'Say why', [
      { pointer: '/reason', code: 'field.required', detail: 'A reason is required' },
    ]);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    const actor = staffActor(principal);
    const now = ctx.clock.now().toISOString();
    const isEnd = body.action === 'withdraw' || body.action === 'close';
    const set: Partial<CaseRow> = {
      ...(body.reason ? { outcome_reasons: sealWith(ctx, caseAad(id, 'outcome_reasons'), body.reason) } : {}),
      ...(isEnd ? { closed_at: now } : {}),
    };
    await moveCase(trx, ctx, row, body.action, actor, { note: body.reason ?? null, set });
    if (body.action !== 'begin-investigation') await cancelPendingRoundClocks(trx, ctx, id, principal);
    await auditCase(trx, ctx, actor, body.action, id, {}, body.reason ? ['reason'] : undefined);
    return presentDetail(trx, ctx, row, principal);
  });
}

/** Stores a scan on the case (the claim, a ruling, a receipt) through the file store, in `trx`. */
export async function storeCaseFile(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  row: CaseRow,
  ownerType: string,
  file: { fileName: string; bytes: Buffer },
) {
  return storeFile(trx, ctx.keys, {
    ownerType,
    ownerId: row.id,
    fileName: file.fileName,
    bytes: file.bytes,
    createdBy: actor.id,
    now: ctx.clock.now(),
    maxBytes: FILE_MAX_BYTES,
  });
}

/** Issue 23 §1: the scanned claim of a case opened from a letter or an interview. */
export async function attachClaimScan(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  file: { fileName: string; bytes: Buffer },
): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    if (!isOpenCase(row.status as CompensationStatus)) throw AppError.conflict('compensation.case-closed', 'This case is closed');
    const actor = staffActor(principal);
    const stored = await storeCaseFile(trx, ctx, actor, row, 'compensation-claim', file);
    await touchCase(trx, ctx, row, { claim_file_id: stored.id });
    await auditCase(trx, ctx, actor, 'claim-scan', id, { fileId: stored.id, mediaType: stored.mediaType });
    return presentDetail(trx, ctx, row, principal);
  });
}

/** A file of a case the caller may see (the claim, a ruling, a receipt): 404 otherwise; audited. */
export async function caseFile(ctx: AppContext, principal: StaffPrincipal, id: string, fileId: string) {
  const row = await loadVisibleCase(ctx.db, ctx, principal, id);
  const file = await readStoredFile(ctx.db, ctx.keys, fileId);
  if (!file || file.ownerId !== row.id || !file.ownerType.startsWith('compensation-'))
    throw AppError.notFound('compensation.file-not-found', 'No such file on this case');
  await auditCase(ctx.db, ctx, staffActor(principal), 'file-view', id, { fileId });
  return file;
}
