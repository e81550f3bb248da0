import type { z } from 'zod';
import type { answersExportBody } from '../../contracts/survey-answers.js';
import type { AnswerValue, SurveyQuestion } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { writeCsv, writeXlsx } from '../../platform/spreadsheet.js';
import { recordAudit } from '../audit/index.js';
import { complaintReferences } from '../complaints/index.js';
import { familyIdentities } from '../families/index.js';
import { requestReferences } from '../requests/index.js';
import { shownIdentity, submittedOrder, tieBreak } from './surveys.anonymity.js';
import { cellSize, inCell, isVisibleTo, openResponse, versionsOf } from './surveys.cell.js';

/**
 * Export of the responses behind a figure (issue 24 §5; H1, F2), .xlsx or .csv: the same cell, scope
 * and small-cell rule as the answers list; respondents masked as the families' export masks them;
 * free text neutralised against formula injection by the sheet writers (`safeCell`); one audit row
 * with the query and the ids exported.
 */
export const MAX_EXPORT_ROWS = 50_000;
const BATCH = 1000;
type Language = 'ar' | 'en';

const HEADERS: Record<Language, string[]> = {
  ar: [
    'التاريخ',
    'الاستبانة',
    'الإصدار',
    'نوع الحالة',
    'مرجع الحالة',
    'رقم الأسرة',
    'اسم رب الأسرة',
    'رقم الهوية',
    'الجوال',
    'الرضا (١–٥)',
    'صافي الترويج (٠–١٠)',
    'التعليق',
  ],
  en: [
    'Date',
    'Questionnaire',
    'Version',
    'Kind of case',
    'Case reference',
    'Family reference',
    'Head of family',
    'ID number',
    'Mobile',
    'Satisfaction (1–5)',
    'NPS (0–10)',
    'Comment',
  ],
};
const YES_NO: Record<Language, [string, string]> = { ar: ['نعم', 'لا'], en: ['Yes', 'No'] };

function answerText(question: SurveyQuestion, value: AnswerValue | undefined, language: Language): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  const label = (v: string) => {
    const option = question.options?.find((o) => o.value === v);
    return option ? (language === 'ar' ? option.labelAr : option.labelEn) : v;
  };
  if (Array.isArray(value)) return value.map(label).join(language === 'ar' ? '، ' : ', ');
  return typeof value === 'string' ? label(value) : String(value);
}

/** The exported cases' references, as the worklists show them (never the internal id), read through each area's index. */
async function caseReferences(ctx: AppContext, rows: ReadonlyArray<{ case_kind: string; case_id: string | null }>) {
  const ids = (kinds: string[]) => [...new Set(rows.flatMap((r) => (r.case_id && kinds.includes(r.case_kind) ? [r.case_id] : [])))];
  return new Map([
    ...(await requestReferences(ctx.db, ids(['request']))),
    ...(await complaintReferences(ctx.db, ids(['complaint', 'inquiry']))),
  ]);
}

export async function exportSurveyAnswers(
  ctx: AppContext,
  principal: StaffPrincipal,
  { format, ...cell }: z.infer<typeof answersExportBody>,
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const { isSmallCell, showAnonymous } = await cellSize(ctx, cell);
  if (isSmallCell) throw AppError.forbidden('survey.small-cell', 'Fewer than 5 responses: their answers are not opened');
  const visible = ctx.db
    .selectFrom('survey_responses')
    .where((eb) => eb.and([inCell(eb, cell), isVisibleTo(eb, principal, { showAnonymous })]));
  const count = Number((await visible.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (count > MAX_EXPORT_ROWS)
    throw AppError.unprocessable('export.too-many-rows', `Narrow the figure to at most ${MAX_EXPORT_ROWS} answers to export it`);
  const rows = await visible.selectAll().orderBy(submittedOrder).orderBy(tieBreak).execute();
  const language = principal.language;
  const versions = new Map(
    (
      await versionsOf(
        ctx,
        rows.map((r) => r.version_id),
      )
    ).map((v) => [v.id, v]),
  );
  // One column per question id across the versions, named by its newest wording.
  const columns = new Map<string, string>();
  for (const v of [...versions.values()].sort((a, b) => a.version - b.version))
    for (const q of v.questions) columns.set(q.id, language === 'ar' ? q.textAr : q.textEn);
  const familyIds = rows.flatMap((r) => (r.family_id ? [r.family_id] : []));
  const families = new Map<string, Awaited<ReturnType<typeof familyIdentities>> extends Map<string, infer V> ? V : never>();
  for (let i = 0; i < familyIds.length; i += BATCH)
    for (const [id, identity] of await familyIdentities(ctx, principal, familyIds.slice(i, i + BATCH))) families.set(id, identity);
  const references = await caseReferences(ctx, rows);
  const sheet = rows.map((r) => {
    const version = r.version_id ? versions.get(r.version_id) : undefined;
    const family = r.family_id ? families.get(r.family_id) : undefined;
    const { answers, comment } = openResponse(ctx, r);
    return [
      // An anonymous answer shows its month only (shownIdentity), as in the list.
      r.family_id === null ? shownIdentity(r, cell).submittedAt : r.submitted_at.slice(0, 10),
      version ? (language === 'ar' ? version.titleAr : version.titleEn) : '',
      version ? String(version.version) : '',
      r.case_kind,
      r.case_id ? (references.get(r.case_id) ?? '') : '',
      family?.reference ?? '',
      family ? (language === 'ar' ? family.headNameAr : (family.headNameEn ?? family.headNameAr)) : '',
      family?.nationalId ?? '',
      family?.mobile ?? '',
      r.csat === null ? '' : String(r.csat),
      r.nps === null ? '' : String(r.nps),
      comment ?? '',
      ...[...columns.keys()].map((id) => {
        const question = version?.questions.find((q) => q.id === id);
        return question ? answerText(question, answers[id], language) : '';
      }),
    ];
  });
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'survey.export',
    entity: 'survey_response',
    details: { query: { ...cell, format }, ids: rows.map((r) => r.id), familyIds: [...families.keys()] },
  });
  const header = [...HEADERS[language], ...columns.values()];
  const stamp = ctx.clock.now().toISOString().slice(0, 10);
  if (format === 'csv')
    return { fileName: `survey-answers-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', bytes: writeCsv(header, sheet) };
  return {
    fileName: `survey-answers-${stamp}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: await writeXlsx(header, sheet, { sheetName: 'answers' }),
  };
}
