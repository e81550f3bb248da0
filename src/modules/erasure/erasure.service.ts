import { ERASURE_REASONS } from '../../contracts/erasure.js';
import type { AppContext } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { personalDataSources } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { familyInScope } from '../families/index.js';
import { type ErasedTable, eraseByRegistry, reclaimErasedSpace } from './erasure.engine.js';
import { isInLedger, nextFamilyNumber, writeLedger } from './erasure.ledger.js';

/**
 * Issue 25 §5 (F2; docs/decisions/014-erasure.md): a family's erasure — by a privacy officer or an
 * administrator answering a request, or by the retention job. Refused while a legal hold stands
 * (409 naming it) and a second time (409 `privacy.already-erased`); a family outside the officer's
 * scope is not found (404). One transaction: the registry walk, the ledger entry, the audit row.
 */
export interface EraseOptions {
  reason: string;
  /** The privacy area's data-subject request carried out (it does not hold its own erasure). */
  requestRef?: string;
  /** Retention reclaims space once per page of erasures instead (merging the index rewrites it whole). */
  isReclaimDeferred?: boolean;
}

export interface ErasureHoldFound {
  name: string;
  label: { ar: string; en: string };
  references: string[];
}

export interface ErasureResult {
  familyId: string;
  number: number;
  erasedAt: string;
  tables: ErasedTable[];
}

export type ErasureActor = { kind: 'staff'; principal: StaffPrincipal } | { kind: 'system' };

const knownReason = (reason: string) => ((ERASURE_REASONS as readonly string[]).includes(reason) ? reason : 'other');

const sources = (ctx: AppContext) => ctx.hooks.provider(personalDataSources, 'app')();

/** Every legal hold standing on the family's erasure (empty: none). */
export async function erasureHolds(ctx: AppContext, familyId: string, except?: string): Promise<ErasureHoldFound[]> {
  const found: ErasureHoldFound[] = [];
  for (const hold of sources(ctx).holds) {
    const references = await hold.find(ctx.db, familyId, except);
    if (references.length) found.push({ name: hold.name, label: hold.label, references });
  }
  return found;
}

async function assertErasable(ctx: AppContext, actor: ErasureActor, familyId: string, except?: string): Promise<void> {
  let query = ctx.db.selectFrom('families as f').select('f.id').where('f.id', '=', familyId);
  if (actor.kind === 'staff') query = query.where(familyInScope('f.id', actor.principal.scope));
  if (!(await query.executeTakeFirst())) throw AppError.notFound('family.not-found', 'No such family in your scope');
  if (await isInLedger(ctx.db, 'families', familyId))
    throw AppError.conflict('privacy.already-erased', 'This family has already been erased');
  const holds = await erasureHolds(ctx, familyId, except);
  if (holds.length)
    throw new AppError(
      409,
      'privacy.erasure-held',
      `Erasure is held by ${holds.map((h) => `${h.label.en} (${h.references.join(', ')})`).join('; ')}`,
      [],
      {},
      { holds },
    );
}

export async function eraseFamily(
  ctx: AppContext,
  actor: ErasureActor,
  familyId: string,
  { reason, requestRef, isReclaimDeferred = false }: EraseOptions,
): Promise<ErasureResult> {
  await assertErasable(ctx, actor, familyId, requestRef);
  const { tables } = sources(ctx);
  const now = ctx.clock.now();
  let result: ErasureResult;
  try {
    result = await ctx.db.transaction().execute(async (trx) => {
      const number = await nextFamilyNumber(trx);
      const erased = await eraseByRegistry(trx, ctx.keys, tables, { kind: 'family', familyId, n: number });
      await writeLedger(trx, {
        at: now,
        subject_table: 'families',
        subject_id: familyId,
        number,
        cause: actor.kind === 'staff' ? 'request' : 'retention',
        request_ref: requestRef ?? null,
        erased_by: actor.kind === 'staff' ? actor.principal.userId : null,
        erased_at: now.toISOString(),
      });
      await recordAudit(trx, {
        at: now,
        actor: actor.kind === 'staff' ? { kind: 'staff', id: actor.principal.userId } : { kind: 'system', id: null },
        action: 'family.erase',
        entity: 'family',
        entityId: familyId,
        fields: erased.map((t) => t.table),
        // Audit rows cannot be rewritten: only a known reason code is kept, never free text (decision 014).
        details: { number, reason: knownReason(reason), requestRef: requestRef ?? null, rows: erased },
      });
      return { familyId, number, erasedAt: now.toISOString(), tables: erased };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.conflict('privacy.already-erased', 'This family has already been erased');
    throw error;
  }
  if (!isReclaimDeferred) await reclaimErasedSpace(ctx.db, ['families', ...result.tables.map((t) => t.table)]);
  return result;
}
