import type { Kysely } from 'kysely';
import type { PrivacyRequestDetail, PrivacyRequestStatus, PrivacyRequestSummary } from '../../contracts/privacy.js';
import { toHijriString } from '../../domain/dates.js';
import { calendarDaysBetween } from '../../domain/privacy-clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { complaintReferences } from '../complaints/index.js';
import { familySummaries } from '../families/index.js';
import { messagesAbout } from '../notifications/index.js';
import { staffNames } from '../staff/index.js';
import { erasureHandOff } from './privacy.hand-off.js';
import { type RequestRow, requestAbilities } from './privacy.policy.js';
import { requestAad, unseal } from './privacy.sealing.js';

/** What leaves the server about a privacy request (F2): the deadline in both calendars, never raw ciphertext. */
type Db = Kysely<Database>;
export const ABOUT = 'privacy-request';

const dual = (day: string) => ({ day, hijri: toHijriString(day) });

export function presentSummary(row: RequestRow, label: string, today: string): PrivacyRequestSummary {
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind as PrivacyRequestSummary['kind'],
    channel: row.channel,
    status: row.status as PrivacyRequestStatus,
    requesterKind: row.requester_kind as 'family' | 'complainant',
    requesterLabel: label,
    receivedAt: row.received_at,
    deadline: dual(row.deadline_day),
    daysLeft: calendarDaysBetween(today, row.deadline_day),
    isExtended: row.extended_at !== null,
  };
}

/** The families' and complaints' references that name each requester in a list. */
export async function requesterLabels(db: Db, rows: readonly RequestRow[]): Promise<Map<string, string>> {
  const families = await familySummaries(
    db,
    rows.flatMap((r) => (r.family_id ? [r.family_id] : [])),
  );
  const complaints = await complaintReferences(
    db,
    rows.flatMap((r) => (r.complaint_id ? [r.complaint_id] : [])),
  );
  return new Map(
    rows.map((r) => {
      const family = r.family_id ? families.get(r.family_id) : undefined;
      const label = family ? `${family.reference} — ${family.name}` : r.complaint_id ? (complaints.get(r.complaint_id) ?? '') : '';
      return [r.id, label];
    }),
  );
}

function erasureOf(ctx: AppContext, row: RequestRow): PrivacyRequestDetail['erasure'] {
  if (row.kind !== 'erasure') return null;
  const [provider] = ctx.hooks.providers(erasureHandOff);
  return provider
    ? { handOffPath: provider.pathFor({ requestId: row.id, familyId: row.family_id }), note: 'hand-off' }
    : { handOffPath: null, note: 'decision-only' };
}

export async function presentDetail(
  db: Db,
  ctx: AppContext,
  row: RequestRow,
  principal: StaffPrincipal,
  today: string,
): Promise<PrivacyRequestDetail> {
  const open = (column: string, value: string | null) => unseal(ctx, requestAad(row.id, column), value);
  const [labels, names, messages, families, complaints] = await Promise.all([
    requesterLabels(db, [row]),
    staffNames(db, [row.extended_by, row.verified_by, row.answered_by, row.correction_linked_by]),
    messagesAbout(db, { type: ABOUT, ids: [row.id] }),
    familySummaries(db, row.family_id ? [row.family_id] : []),
    complaintReferences(db, row.complaint_id ? [row.complaint_id] : []),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const decidedAt = row.answered_at;
  return {
    ...presentSummary(row, labels.get(row.id) ?? '', today),
    familyId: row.family_id,
    familyReference: row.family_id ? (families.get(row.family_id)?.reference ?? null) : null,
    complaintReference: row.complaint_id ? (complaints.get(row.complaint_id) ?? null) : null,
    requesterName: open('requester_name', row.requester_name),
    relation: row.relation,
    details: open('details', row.details),
    receivedDay: dual(row.received_day),
    extension: row.extended_at
      ? { at: row.extended_at, by: name(row.extended_by), reason: open('extension_reason', row.extension_reason) ?? '' }
      : null,
    verification:
      row.verified_at && row.verification_method
        ? {
            method: row.verification_method,
            note: open('verification_note', row.verification_note),
            at: row.verified_at,
            by: name(row.verified_by),
          }
        : null,
    answer: decidedAt
      ? { text: open('answer', row.answer), at: decidedAt, by: name(row.answered_by), refusalReason: row.refusal_reason }
      : null,
    correction:
      row.kind === 'correction' && row.family_id
        ? { editPath: `/families/${row.family_id}/edit`, linkedAt: row.correction_linked_at, linkedBy: name(row.correction_linked_by) }
        : null,
    erasure: erasureOf(ctx, row),
    messages: messages.get(row.id) ?? [],
    abilities: requestAbilities(principal, row, today),
  };
}
