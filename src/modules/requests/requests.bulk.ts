import { bulkResults } from '../../contracts/bulk.js';
import { type BulkTransitionBody, bulkTransitionBody, requestExportBody } from '../../contracts/requests.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import { eachRecord } from '../../platform/http/bulk.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { writeXlsx } from '../../platform/spreadsheet.js';
import { recordAudit } from '../audit/index.js';
import { visibilityOf } from './requests.access.js';
import { moveRequest } from './requests.moves.js';
import { REQUEST_MOVERS, REQUEST_READERS } from './requests.policy.js';
import { NO_DEADLINE, visibleRequests, withNames } from './requests.repo.js';

/**
 * Bulk actions on the requests worklist (issue 19 §5): a move on several requests — each through
 * `moveRequest` (the single move's checks and transaction, without presenting the request), so scope, the completeness and attestation gates (C3, C4) and the state
 * machine are checked for each as for one, and a refused request is left as it was — and the chosen
 * requests as a spreadsheet, read within the caller's sight and audited like a list (F2).
 */
export async function bulkTransition(ctx: AppContext, principal: StaffPrincipal, body: BulkTransitionBody) {
  return eachRecord(body.ids, (id) => moveRequest(ctx, principal, id, { action: body.action, ...(body.note ? { note: body.note } : {}) }));
}

const HEADERS = {
  ar: [
    'الرقم المرجعي',
    'نوع الطلب',
    'رقم الأسرة',
    'الأسرة',
    'الحالة',
    'قناة الاستلام',
    'تاريخ الاستلام',
    'موعد القرار',
    'موعد القرار (هجري)',
  ],
  en: ['Reference', 'Request type', 'Family reference', 'Family', 'Status', 'Channel', 'Received', 'Decision due', 'Decision due (Hijri)'],
};

// The staff app's words for each status (src/web/i18n), for people reading the sheet.
const STATUS_NAMES: Record<'ar' | 'en', Record<string, string>> = {
  ar: {
    draft: 'مسودة',
    complete: 'مكتمل بانتظار اللجنة',
    'under-study': 'قيد دراسة اللجنة',
    'information-requested': 'بانتظار معلومات من الأسرة',
    decided: 'صدر القرار',
    notified: 'أُبلغت الأسرة',
    closed: 'مغلق',
  },
  en: {
    draft: 'Draft',
    complete: 'Complete, awaiting the committee',
    'under-study': 'Under study',
    'information-requested': 'Waiting for the family',
    decided: 'Decided',
    notified: 'Family told',
    closed: 'Closed',
  },
};

const READ_CHUNK = 500;

export async function exportRequests(ctx: AppContext, principal: StaffPrincipal, ids: readonly string[]) {
  const language = principal.language;
  const visibility = await visibilityOf(ctx, principal);
  const wanted = [...new Set(ids)];
  const byId = new Map<string, string[]>();
  for (let i = 0; i < wanted.length; i += READ_CHUNK) {
    const chunk = wanted.slice(i, i + READ_CHUNK);
    // Only requests the caller may read: an id outside their sight is left out, as a list would.
    const rows = await withNames(visibleRequests(ctx.db, visibility).where('requests.id', 'in', chunk)).execute();
    for (const row of rows) {
      const hasDeadline = row.deadline_day !== NO_DEADLINE;
      const due = hasDeadline ? formatDualDate(row.deadline_day, { language }) : null;
      byId.set(row.id, [
        row.reference,
        language === 'ar' ? row.type_name_ar : row.type_name_en,
        row.family_reference,
        row.family_name,
        STATUS_NAMES[language][row.status] ?? row.status,
        row.channel,
        row.created_at.slice(0, 10),
        due?.gregorian ?? '',
        due?.hijri ?? '',
      ]);
    }
  }
  // In the order the worklist showed them.
  const exported = wanted.filter((id) => byId.has(id));
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'request.export',
    entity: 'request',
    details: { ids: exported },
  });
  const stamp = ctx.clock.now().toISOString().slice(0, 10);
  return {
    fileName: `requests-${stamp}.xlsx`,
    bytes: await writeXlsx(
      HEADERS[language],
      exported.map((id) => byId.get(id) as string[]),
    ),
  };
}

export function requestBulkRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/requests/bulk/transitions', {
    config: { policy: staffOnly(REQUEST_MOVERS, 'families') },
    schema: { tags: ['requests'], body: bulkTransitionBody, response: { 200: bulkResults } },
    handler: (request) => bulkTransition(ctx, staffOf(request), request.body),
  });

  app.post('/api/v1/requests/export', {
    config: { policy: staffOnly(REQUEST_READERS, 'families') },
    schema: { tags: ['requests'], body: requestExportBody },
    handler: async (request, reply) => {
      const file = await exportRequests(ctx, staffOf(request), request.body.ids);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  });
}
