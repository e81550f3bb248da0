import type { Kysely } from 'kysely';
import type { DecisionOutcome, RequestAction } from '../../contracts/requests.js';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { RequestTable } from '../../platform/db/schema-requests.js';
import { enqueueMessage } from '../notifications/index.js';

/**
 * C5: "every status change sends a notification" on the family's agreed channel, through the
 * outbox, in the transaction of the move (issue 27 §2). One message per change, each from the
 * event made for it:
 * - complete → `request.received` (with the C6 deadline);
 * - under study, and back under study once the information arrived → `request.status-changed`;
 * - information requested → `request.information-requested` (with the committee's question);
 * - decided → `request.decided` (outcome and reasons) — the reply itself; `notified` is that
 *   message having been sent, so it sends nothing more;
 * - closed → `request.status-changed`.
 * All are transactional for the `service` purpose: the outbox skips them, saying why, when the
 * family's consent no longer allows contact on that channel (F2).
 */

type Db = Kysely<Database>;

/** Both calendars, for messages: "١٥ شوال ١٤٤٨ هـ — ٢ أبريل ٢٠٢٧ م" style, in the family's language. */
export function dualDay(day: string, language: 'ar' | 'en' = 'ar'): string {
  const d = formatDualDate(day, { language });
  return `${d.hijri} — ${d.gregorian}`;
}

const OUTCOME_TEXT: Record<DecisionOutcome, { ar: string; en: string }> = {
  approved: { ar: 'الموافقة', en: 'approved' },
  'partly-approved': { ar: 'الموافقة الجزئية', en: 'partly approved' },
  rejected: { ar: 'الاعتذار عن الطلب', en: 'not approved' },
};

/** What `{{status}}` says after the moves told through `request.status-changed` (messages go in Arabic). */
const STATUS_TEXT: Partial<Record<RequestAction, string>> = {
  'begin-study': 'قيد الدراسة لدى اللجنة المختصة',
  'information-received': 'استُلمت المعلومات المطلوبة، وعاد الطلب إلى الدراسة',
  close: 'مغلق بعد إبلاغكم بالقرار',
};

export interface FamilyNews {
  /** The request after the move. */
  row: RequestTable;
  action: RequestAction;
  actor: { kind: 'staff' | 'family' | 'system'; id: string | null };
  typeName: string;
  note: string | null;
  /** The decision's reasons, opened (decide only). */
  reasons: string | null;
}

/** C5: the message a move sends the family, if any, in the move's transaction `trx`. */
export async function tellFamily(trx: Db, ctx: AppContext, { row, action, actor, typeName, note, reasons }: FamilyNews): Promise<void> {
  const base = { reference: row.reference, typeName };
  const about = { type: 'request', id: row.id };
  const recipient = { kind: 'family' as const, familyId: row.family_id };
  const send = (event: Parameters<typeof enqueueMessage>[2]['event'], params: Record<string, string>, key: string) =>
    enqueueMessage(trx, ctx, { event, recipient, params, dedupeKey: `request:${row.id}:${key}`, about, actor });
  const status = STATUS_TEXT[action];
  if (action === 'submit') await send('request.received', { ...base, deadline: dualDay(row.deadline_day) }, 'received');
  else if (action === 'request-information')
    await send('request.information-requested', { ...base, note: note ?? '' }, `information:${row.version}`);
  else if (action === 'decide' && row.decision_outcome)
    // The request becomes `notified`, and the C6 clock stops, only once this is sent (requests.told.ts).
    await send(
      'request.decided',
      { ...base, outcome: OUTCOME_TEXT[row.decision_outcome as DecisionOutcome].ar, reasons: reasons ?? '' },
      'decided',
    );
  else if (status)
    // The version makes each change its own message (a request can go back under study more than once).
    await send(
      'request.status-changed',
      { reference: row.reference, status, deadline: dualDay(row.deadline_day) },
      `status:${row.version}`,
    );
}
