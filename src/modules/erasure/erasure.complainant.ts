import { ERASURE_REASONS } from '../../contracts/erasure.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { personalDataSources } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { type ComplaintForErasure, complaintForErasure } from '../complaints/index.js';
import { type ErasedTable, eraseByRegistry, reclaimErasedSpace } from './erasure.engine.js';
import { isInLedger, writeLedger } from './erasure.ledger.js';
import type { EraseOptions, ErasureHoldFound } from './erasure.service.js';

/**
 * Issue 25 §2, §5 (F2; docs/decisions/014-erasure.md): the erasure of one complaint or inquiry filed
 * by someone who is not a registered family — the requester a privacy request identifies by the
 * case's reference and tracking code. The registry's walk, rooted at that case, destroys what its
 * declarations name (the writer's name, mobile, ID number, e-mail and free text, the lookup hashes,
 * the attachments' bytes, the messages sent to the writer about it) and keeps the facts: that it
 * existed, its kind, topic, dates, steps and outcome. Refused while a hold registered for complaints
 * stands (the case still open, an open request about it: 409 naming it), a second time (409
 * `privacy.already-erased`), and for a case a registered family filed (409: the family's erasure
 * covers it). One transaction with its ledger entry — `sila restore` re-applies it — and audit row.
 */
export interface ComplaintErasureResult {
  complaintId: string;
  reference: string;
  erasedAt: string;
  tables: ErasedTable[];
}

const sources = (ctx: AppContext) => ctx.hooks.provider(personalDataSources, 'app')();
const knownReason = (reason: string) => ((ERASURE_REASONS as readonly string[]).includes(reason) ? reason : 'other');

async function caseOf(ctx: AppContext, reference: string): Promise<ComplaintForErasure> {
  const found = await complaintForErasure(ctx.db, reference);
  if (!found) throw AppError.notFound('complaint.not-found', 'No complaint or inquiry has this reference');
  return found;
}

/** Every hold standing on the case's erasure (empty: none); `except` is the erasure request carried out. */
export async function complaintErasureHolds(ctx: AppContext, complaintId: string, except?: string): Promise<ErasureHoldFound[]> {
  const found: ErasureHoldFound[] = [];
  for (const hold of sources(ctx).holds) {
    const references = (await hold.findForComplaint?.(ctx.db, complaintId, except)) ?? [];
    if (references.length) found.push({ name: hold.name, label: hold.label, references });
  }
  return found;
}

/** The holds on the erasure of the case with this reference (404 when there is none). */
export async function complaintErasureHoldsByReference(ctx: AppContext, reference: string, except?: string): Promise<ErasureHoldFound[]> {
  return complaintErasureHolds(ctx, (await caseOf(ctx, reference)).id, except);
}

const alreadyErased = () => AppError.conflict('privacy.already-erased', 'This complaint’s writer has already been erased');

export async function eraseComplainant(
  ctx: AppContext,
  principal: StaffPrincipal,
  reference: string,
  { reason, requestRef }: Omit<EraseOptions, 'isReclaimDeferred'>,
): Promise<ComplaintErasureResult> {
  const found = await caseOf(ctx, reference);
  if (found.familyId)
    throw AppError.conflict('privacy.complaint-of-family', 'A registered family filed this case: its erasure is the family’s erasure');
  if (await isInLedger(ctx.db, 'complaints', found.id)) throw alreadyErased();
  const holds = await complaintErasureHolds(ctx, found.id, requestRef);
  if (holds.length)
    throw new AppError(
      409,
      'privacy.erasure-held',
      `Erasure is held by ${holds.map((h) => `${h.label.en} (${h.references.join(', ')})`).join('; ')}`,
      [],
      {},
      { holds },
    );
  const { tables } = sources(ctx);
  const now = ctx.clock.now();
  let erased: ErasedTable[];
  try {
    erased = await ctx.db.transaction().execute(async (trx) => {
      const done = await eraseByRegistry(trx, ctx.keys, tables, { kind: 'records', table: 'complaints', ids: [found.id] });
      await writeLedger(trx, {
        at: now,
        subject_table: 'complaints',
        subject_id: found.id,
        number: null,
        cause: 'request',
        request_ref: requestRef ?? null,
        erased_by: principal.userId,
        erased_at: now.toISOString(),
      });
      await recordAudit(trx, {
        at: now,
        actor: { kind: 'staff', id: principal.userId },
        action: 'complaint.erase',
        entity: found.kind === 'inquiry' ? 'inquiry' : 'complaint',
        entityId: found.id,
        fields: done.map((t) => t.table),
        // Audit rows cannot be rewritten: a reason code and references only, never free text (decision 014).
        details: { reference: found.reference, reason: knownReason(reason), requestRef: requestRef ?? null, rows: done },
      });
      return done;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyErased();
    throw error;
  }
  await reclaimErasedSpace(
    ctx.db,
    erased.map((t) => t.table),
  );
  return { complaintId: found.id, reference: found.reference, erasedAt: now.toISOString(), tables: erased };
}
