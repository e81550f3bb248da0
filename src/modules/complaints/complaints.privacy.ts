import type { Kysely } from 'kysely';
import { normaliseTrackingCode } from '../../domain/tracking-code.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { Recipient } from '../notifications/index.js';
import { writerRecipients } from './complaints.messages.js';
import { open } from './complaints.sealing.js';

/**
 * F2 (issue 25 §2): a complainant or inquirer who asks the privacy officer about their data is
 * identified by the case's reference and its tracking code together — the code alone is what the
 * public tracking page trusts, the reference keeps a typo from naming someone else's case. Answers
 * reach them on the channel their case uses (`writerRecipients`).
 */
type Db = Kysely<Database>;

export interface ComplaintRequester {
  id: string;
  reference: string;
  familyId: string | null;
  writerName: string | null;
}

export async function complaintByTracking(db: Db, ctx: AppContext, reference: string, code: string): Promise<ComplaintRequester | null> {
  const normalised = normaliseTrackingCode(code);
  if (!normalised) return null;
  const indexes = ctx.keys.indexer.candidates(normalised);
  const row = await db
    .selectFrom('complaints')
    .selectAll()
    .where('reference', '=', reference.trim().toUpperCase())
    .where('tracking_index', 'in', indexes)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, reference: row.reference, familyId: row.family_id, writerName: open(ctx, row.id, 'writer_name', row.writer_name) };
}

/** Where an answer about a complaint's writer goes (their mobile, e-mail, linked family or postal address). */
export async function complaintWriterRecipients(db: Db, ctx: AppContext, complaintId: string): Promise<Recipient[]> {
  const row = await db.selectFrom('complaints').selectAll().where('id', '=', complaintId).executeTakeFirst();
  return row ? writerRecipients(db, ctx, row) : [];
}

/** What the erasure area needs to erase a complaint or inquiry's writer (issue 25 §5): the case, and whether a registered family filed it. */
export interface ComplaintForErasure {
  id: string;
  reference: string;
  kind: string;
  familyId: string | null;
}

export async function complaintForErasure(db: Db, reference: string): Promise<ComplaintForErasure | null> {
  const row = await db
    .selectFrom('complaints')
    .select(['id', 'reference', 'kind', 'family_id'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  return row ? { id: row.id, reference: row.reference, kind: row.kind, familyId: row.family_id } : null;
}
