import { z } from 'zod';
import type { CompensationDetail } from '../../contracts/compensation.js';
import { type CompensationStatus, canRecordRuling, formatRiyals } from '../../domain/compensation-status.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import type { CommitteeSubject, MinutesSubject, SubjectActor, SubjectBrief, SubjectStage } from '../committees/index.js';
import { committeeOfMeeting, committeesForPurpose } from '../committees/index.js';
import { familySummaries } from '../families/index.js';
import { storeCaseFile } from './compensation.cases.js';
import { type Actor, auditCase, caseForWrite, type Db, moveCase, tellFamily, touchCase } from './compensation.core.js';
import { type CaseRow, caseInScope, withDb } from './compensation.policy.js';
import { presentDetail } from './compensation.present.js';
import { caseAad, rulingAad, sealWith } from './compensation.sealing.js';

/**
 * The guard (issue 23 §2; D1–D3). Fault and harm are established only by
 * (a) D2: frozen minutes of a committee holding the `investigation` purpose whose decision on this
 *     case states the harm, its size (an amount or a description) and its causes — the case is a
 *     committee subject (`compensation`), so quorum, per-member approval, excusals and freezing are the
 *     committees' one machine; or
 * (b) D3: a recorded final ruling (authority, number, date, the scanned ruling, the amount if it fixes
 *     one). A ruling marked not final is recorded and establishes nothing (it may be reversed on appeal).
 * A decision finding no fault closes the case with its reasons, sent to the family.
 */
export const COMPENSATION_SUBJECT = 'compensation';

/** D2: what a vote finding harm must state — the harm, its size (an amount or a description) and its causes. */
export const harmFinding = z
  .strictObject({
    harm: z.string().trim().min(5, 'field.too-short').max(2000, 'field.too-long'),
    amountHalalas: z.number().int('field.integer').positive('compensation.amount-not-positive').max(1_000_000_000_000).optional(),
    sizeDescription: z.string().trim().min(3, 'field.too-short').max(2000, 'field.too-long').optional(),
    causes: z.string().trim().min(5, 'field.too-short').max(2000, 'field.too-long'),
  })
  .refine((v) => v.amountHalalas !== undefined || v.sizeDescription !== undefined, {
    message: 'compensation.size-required',
    path: ['amountHalalas'],
  });
export type HarmFinding = z.infer<typeof harmFinding>;

const STAGE_OF: Partial<Record<CompensationStatus, SubjectStage>> = { opened: 'awaiting-study', 'under-investigation': 'under-study' };

async function briefs(db: Db, rows: CaseRow[]): Promise<SubjectBrief[]> {
  const families = await familySummaries(
    db,
    rows.map((r) => r.family_id),
  );
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    typeCode: COMPENSATION_SUBJECT,
    typeNameAr: 'قضية تعويض',
    typeNameEn: 'Compensation case',
    familyName: families.get(row.family_id)?.name ?? '',
    status: row.status,
    stage: STAGE_OF[row.status as CompensationStatus] ?? 'other',
    committeeId: row.committee_id,
    deadlineDay: null,
  }));
}

const sizeOf = (f: HarmFinding, language: 'ar' | 'en') =>
  [f.amountHalalas !== undefined ? formatRiyals(f.amountHalalas, language) : null, f.sizeDescription ?? null].filter(Boolean).join(' — ');

/** D2: the minutes state the harm, its size and its causes, in Arabic (printed) and English (screens). */
function minutesSentence(subject: MinutesSubject, language: 'ar' | 'en') {
  const parsed = harmFinding.safeParse(subject.payload ?? {});
  const finding = parsed.success ? parsed.data : null;
  if (language === 'ar') {
    const heading = `قضية التعويض رقم ${subject.reference}`;
    if (subject.outcome === 'deferred') return { heading, decision: 'يؤجَّل البت فيها' };
    if (subject.outcome === 'rejected' || !finding) return { heading, decision: 'لم يثبت خطأ الجمعية ولا الضرر المدّعى' };
    return {
      heading,
      decision: `ثبوت خطأ الجمعية والضرر الواقع على الأسرة: ${finding.harm}؛ وحجمه: ${sizeOf(finding, 'ar')}؛ وأسبابه: ${finding.causes}`,
    };
  }
  const heading = `Compensation case ${subject.reference}`;
  if (subject.outcome === 'deferred') return { heading, decision: 'The decision is deferred' };
  if (subject.outcome === 'rejected' || !finding)
    return { heading, decision: 'No fault of the association nor the harm claimed is established' };
  return { heading, decision: `Fault and harm established: ${finding.harm}; size: ${sizeOf(finding, 'en')}; causes: ${finding.causes}` };
}

/** Sets the case established (D1) in `trx`: by minutes or by a final ruling, with what each states. */
async function establish(
  trx: Db,
  ctx: AppContext,
  row: CaseRow,
  actor: Actor,
  basis:
    | { kind: 'minutes'; minutesId: string | null; meetingId: string | null; finding: HarmFinding }
    | { kind: 'ruling'; rulingId: string; amount: number | null; summary: string | null },
) {
  const now = ctx.clock.now().toISOString();
  const set: Partial<CaseRow> =
    basis.kind === 'minutes'
      ? {
          basis: 'minutes',
          minutes_id: basis.minutesId,
          meeting_id: basis.meetingId,
          ruling_id: null,
          harm: sealWith(ctx, caseAad(row.id, 'harm'), basis.finding.harm),
          harm_size: sealWith(ctx, caseAad(row.id, 'harm_size'), basis.finding.sizeDescription),
          causes: sealWith(ctx, caseAad(row.id, 'causes'), basis.finding.causes),
          established_amount: basis.finding.amountHalalas ?? null,
          is_amount_fixed: 0,
          established_at: now,
        }
      : {
          basis: 'ruling',
          ruling_id: basis.rulingId,
          harm: sealWith(ctx, caseAad(row.id, 'harm'), basis.summary),
          // D3: a final ruling's amount fixes the settlement's; without one, the minutes' amount (if any) stays the reference.
          established_amount: basis.amount ?? row.established_amount,
          is_amount_fixed: basis.amount === null ? 0 : 1,
          established_at: now,
        };
  await moveCase(trx, ctx, row, 'establish', actor, { set });
  await tellFamily(trx, ctx, row, 'compensation.decided', actor, {
    key: `decided:${basis.kind === 'minutes' ? basis.minutesId : basis.rulingId}`,
    params: { outcome: 'ثبت الضرر، وستتواصل معكم الجمعية للتسوية', reasons: '' },
  });
}

export const compensationCommitteeSubject: CommitteeSubject = {
  nameAr: 'قضية التعويض',
  pluralAr: 'قضايا التعويض',
  nameEn: 'Compensation case',
  async awaitingStudy(ctx, { committeeId, limit = 50, scope }) {
    let q = ctx.db
      .selectFrom('compensation_cases as c')
      .selectAll('c')
      .where('c.status', '=', 'opened')
      .where('c.committee_id', '=', committeeId);
    if (scope) q = q.where(caseInScope('c', scope));
    const rows = await q.orderBy('c.opened_at').orderBy('c.id').limit(limit).execute();
    return { items: await briefs(ctx.db, rows), nextCursor: null };
  },
  async briefs(db, _ctx, ids, scope) {
    if (!ids.length) return [];
    let q = db
      .selectFrom('compensation_cases as c')
      .selectAll('c')
      .where('c.id', 'in', [...ids]);
    if (scope) q = q.where(caseInScope('c', scope));
    const rows = await q.execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return briefs(
      db,
      ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as CaseRow] : [])),
    );
  },
  async beginStudy(trx, ctx, actor, id) {
    const row = await trx.selectFrom('compensation_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await moveCase(trx, ctx, row, 'begin-investigation', actorOf(actor));
    await auditCase(trx, ctx, actorOf(actor), 'begin-investigation', id);
    return { status: row.status };
  },
  // D2: harm found (with its size and causes) or no fault; either says why.
  decision: {
    options: ['approve', 'reject'],
    isReasonRequired: (choice) => choice !== 'abstain',
    payload: { schema: harmFinding as unknown as z.ZodType<Record<string, unknown>>, isRequired: (choice) => choice === 'approve' },
  },
  minutesSentence,
  async applyDecision(trx, ctx, subjectActor, id, input) {
    const row = await trx.selectFrom('compensation_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const actor = actorOf(subjectActor);
    // D2: only minutes of a committee holding the investigation purpose establish anything.
    const committeeId = input.meetingId ? await committeeOfMeeting(trx, input.meetingId) : null;
    const investigating = await committeesForPurpose(withDb(ctx, trx), 'investigation');
    if (!committeeId || !investigating.some((c) => c.id === committeeId))
      throw AppError.conflict(
        'compensation.committee-not-investigating',
        'Only minutes of a committee holding the investigation purpose decide a compensation case',
      );
    if (input.outcome === 'rejected') {
      await moveCase(trx, ctx, row, 'find-no-fault', actor, {
        set: {
          outcome_reasons: sealWith(ctx, caseAad(id, 'outcome_reasons'), input.reasons),
          closed_at: ctx.clock.now().toISOString(),
          minutes_id: input.minutesId,
          meeting_id: input.meetingId,
        },
      });
      await tellFamily(trx, ctx, row, 'compensation.decided', actor, {
        key: `decided:${input.minutesId}`,
        params: { outcome: 'لم يثبت خطأ الجمعية', reasons: input.reasons },
      });
      await auditCase(trx, ctx, actor, 'no-fault', id, { minutesId: input.minutesId });
      return { status: row.status };
    }
    const finding = harmFinding.parse(input.payload ?? {});
    await establish(trx, ctx, row, actor, { kind: 'minutes', minutesId: input.minutesId, meetingId: input.meetingId, finding });
    await auditCase(trx, ctx, actor, 'establish', id, {
      basis: 'minutes',
      minutesId: input.minutesId,
      hasAmount: finding.amountHalalas !== undefined,
    });
    return { status: row.status };
  },
};

const actorOf = (actor: SubjectActor): Actor => ({ kind: actor.kind, id: actor.id });

/**
 * D3: a ruling recorded with its scan. Final: the case is established (from opened, under
 * investigation, or after a failed negotiation), its amount (if any) fixed. Not final: recorded only.
 */
export async function recordRuling(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: {
    authority: string;
    rulingNumber: string;
    rulingDay: string;
    isFinal: boolean;
    amountHalalas?: number | undefined;
    summary?: string | undefined;
    file: { fileName: string; bytes: Buffer };
  },
): Promise<CompensationDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await caseForWrite(trx, ctx, principal, id);
    const actor: Actor = { kind: 'staff', id: principal.userId };
    if (!canRecordRuling(row.status as CompensationStatus))
      throw new AppError(
        409,
        'compensation.illegal-transition',
        `A case that is ${row.status} takes no ruling`,
        [],
        {},
        { from: row.status, action: 'record-ruling' },
      );
    const stored = await storeCaseFile(trx, ctx, actor, row, 'compensation-ruling', input.file);
    const now = ctx.clock.now();
    const rulingId = uuidv7(now.getTime());
    await trx
      .insertInto('compensation_rulings')
      .values({
        id: rulingId,
        case_id: id,
        authority: input.authority,
        ruling_number: input.rulingNumber,
        ruling_day: input.rulingDay,
        is_final: input.isFinal ? 1 : 0,
        amount: input.amountHalalas ?? null,
        summary: sealWith(ctx, rulingAad(rulingId), input.summary),
        file_id: stored.id,
        recorded_by: principal.userId,
        recorded_at: now.toISOString(),
      })
      .execute();
    if (input.isFinal) {
      // A final ruling during negotiation fixes the amount without restarting the talks.
      if (row.status === 'established' || row.status === 'negotiating') {
        const amount = input.amountHalalas ?? null;
        await touchCase(trx, ctx, row, {
          basis: 'ruling',
          ruling_id: rulingId,
          established_amount: amount ?? row.established_amount,
          is_amount_fixed: amount === null ? row.is_amount_fixed : 1,
        });
      } else
        await establish(trx, ctx, row, actor, {
          kind: 'ruling',
          rulingId,
          amount: input.amountHalalas ?? null,
          summary: input.summary ?? null,
        });
    }
    await auditCase(trx, ctx, actor, 'ruling', id, {
      rulingId,
      isFinal: input.isFinal,
      fileId: stored.id,
      hasAmount: input.amountHalalas !== undefined,
    });
    return presentDetail(trx, ctx, row, principal);
  });
}
