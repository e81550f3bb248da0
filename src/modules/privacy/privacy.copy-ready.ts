import type { Kysely } from 'kysely';
import { formatDualDate } from '../../domain/dates.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { enqueueMessage } from '../notifications/index.js';
import { recipientsOf } from './privacy.actions.js';
import type { RequestRow } from './privacy.policy.js';
import { ABOUT } from './privacy.present.js';

/**
 * Issue 25 §2–§3 (F2): the requester is told, through the outbox, that the access copy is ready —
 * how to receive it and until when (7 days, Hijri and Gregorian) — in the copy's language (the
 * officer picks the requester's). A service message (transactional, purpose `service`): it needs no
 * marketing consent. Nothing of the copy is in it. Only a verified requester is told (a copy is
 * never asked for otherwise; the check keeps it so), once per copy (the dedupe key names the copy).
 */
type Db = Kysely<Database>;
type Language = 'ar' | 'en';

/** F2: the portal offers the copy only to the family that filed the request there (signed in: its identity). */
export const isPortalCopy = (row: Pick<RequestRow, 'channel' | 'family_id'>) => row.channel === 'portal' && row.family_id !== null;

const HOW_TO_RECEIVE: Record<'portal' | 'office', Record<Language, string>> = {
  portal: {
    ar: 'يمكنكم تنزيلها من بوابة الأسر (بياناتي الشخصية) أو استلامها من مقر الجمعية',
    en: 'You can download it from the families’ portal (My personal data) or collect it at the association’s office',
  },
  office: {
    ar: 'يمكنكم استلامها من مقر الجمعية',
    en: 'You can collect it at the association’s office',
  },
};

/** "٢٥ جمادى الآخرة ١٤٤٨ هـ — ١٣ ديسمبر ٢٠٢٦ م ١٠:٠٠ ص": both calendars, like the other messages' dates. */
export function untilText(expiresAt: Date, language: Language): string {
  const d = formatDualDate(expiresAt, { language, withTime: true });
  return `${d.hijri} — ${d.gregorian}`;
}

export async function tellCopyReady(
  trx: Db,
  ctx: AppContext,
  input: { request: RequestRow; copyId: string; language: Language; expiresAt: Date },
): Promise<number> {
  const { request, language } = input;
  if (request.verified_at === null) return 0;
  const howToReceive = HOW_TO_RECEIVE[isPortalCopy(request) ? 'portal' : 'office'][language];
  let written = 0;
  for (const [i, recipient] of (await recipientsOf(trx, ctx, request)).entries()) {
    await enqueueMessage(trx, ctx, {
      event: 'privacy.copy-ready',
      recipient,
      language,
      params: { reference: request.reference, howToReceive, until: untilText(input.expiresAt, language) },
      about: { type: ABOUT, id: request.id },
      dedupeKey: `privacy:${request.id}:copy-ready:${input.copyId}:${i}`,
      actor: { kind: 'system', id: null },
    });
    written++;
  }
  return written;
}
