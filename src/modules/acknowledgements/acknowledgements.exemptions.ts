import type { Exemption, ExemptionBody } from '../../contracts/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { documentOfVersion } from '../documents/index.js';
import { staffNames } from '../staff/index.js';

/**
 * P-SCOPE (issue 26 §4): someone for whom the regulations issue a policy of their own is exempt from
 * this document — a staff member or a contract party — recorded with the policy that replaces it.
 * An exemption holds for every version of the document (the HR view and the sign-in step leave the
 * person out, acknowledgements.members.ts) until HR lifts it; recording, listing and lifting are audited.
 */
async function documentIdOf(ctx: AppContext, versionId: string): Promise<string> {
  const version = await documentOfVersion(ctx.db, versionId);
  if (!version) throw AppError.notFound('document.version-not-found', 'No such document version');
  return version.documentId;
}

export async function recordExemption(ctx: AppContext, principal: StaffPrincipal, body: ExemptionBody) {
  const documentId = await documentIdOf(ctx, body.versionId);
  if (body.partyId && !(await ctx.db.selectFrom('contract_parties').select('id').where('id', '=', body.partyId).executeTakeFirst()))
    throw AppError.notFound('acknowledgement.party-not-found', 'No such contract party');
  if (body.staffUserId && !(await ctx.db.selectFrom('staff_users').select('id').where('id', '=', body.staffUserId).executeTakeFirst()))
    throw AppError.notFound('staff.not-found', 'No such staff member');
  let earlier = ctx.db.selectFrom('ack_exemptions').select('id').where('document_id', '=', documentId);
  earlier = body.staffUserId
    ? earlier.where('staff_user_id', '=', body.staffUserId)
    : earlier.where('contract_party_id', '=', body.partyId ?? '');
  if (await earlier.executeTakeFirst())
    throw AppError.conflict('acknowledgement.already-exempt', 'This person is already exempt from this document');
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('ack_exemptions')
      .values({
        id,
        document_id: documentId,
        staff_user_id: body.staffUserId ?? null,
        contract_party_id: body.partyId ?? null,
        replaced_by: body.replacedBy,
        recorded_at: now.toISOString(),
        recorded_by: principal.userId,
      })
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.exempt',
      entity: 'document',
      entityId: documentId,
      details: { exemptionId: id, staffUserId: body.staffUserId ?? null, partyId: body.partyId ?? null },
    });
  });
  return { id, recordedAt: now.toISOString() };
}

/** The exemptions from `versionId`'s document, newest first, with who is exempt and who recorded it. */
export async function listExemptions(ctx: AppContext, principal: StaffPrincipal, versionId: string): Promise<Exemption[]> {
  const documentId = await documentIdOf(ctx, versionId);
  const rows = await ctx.db
    .selectFrom('ack_exemptions')
    .leftJoin('contract_parties', 'contract_parties.id', 'ack_exemptions.contract_party_id')
    .select([
      'ack_exemptions.id',
      'ack_exemptions.staff_user_id',
      'ack_exemptions.contract_party_id',
      'ack_exemptions.replaced_by',
      'ack_exemptions.recorded_at',
      'ack_exemptions.recorded_by',
      'contract_parties.name as party_name',
    ])
    .where('ack_exemptions.document_id', '=', documentId)
    .orderBy('ack_exemptions.recorded_at', 'desc')
    .orderBy('ack_exemptions.id', 'desc')
    .execute();
  const names = await staffNames(
    ctx.db,
    rows.flatMap((r) => [r.staff_user_id, r.recorded_by]),
  );
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'acknowledgement.exemptions-view',
    entity: 'document',
    entityId: documentId,
    details: { exemptionIds: rows.map((r) => r.id) },
  });
  return rows.map((r) => ({
    id: r.id,
    documentId,
    person: r.staff_user_id ? 'staff' : 'party',
    staffUserId: r.staff_user_id,
    partyId: r.contract_party_id,
    personName: (r.staff_user_id ? names.get(r.staff_user_id) : r.party_name) ?? '—',
    replacedBy: r.replaced_by,
    recordedAt: r.recorded_at,
    recordedByName: names.get(r.recorded_by) ?? null,
  }));
}

/** HR lifts an exemption (the person's own policy no longer applies): they are asked again from now on. */
export async function liftExemption(ctx: AppContext, principal: StaffPrincipal, exemptionId: string): Promise<string> {
  const row = await ctx.db.selectFrom('ack_exemptions').selectAll().where('id', '=', exemptionId).executeTakeFirst();
  if (!row) throw AppError.notFound('acknowledgement.exemption-not-found', 'No such exemption');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('ack_exemptions').where('id', '=', exemptionId).executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw AppError.notFound('acknowledgement.exemption-not-found', 'No such exemption');
    // The audit row keeps what was lifted (who and since when); the replacing policy's text stays out of it.
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: principal.userId },
      action: 'acknowledgement.exemption-lift',
      entity: 'document',
      entityId: row.document_id,
      details: {
        exemptionId,
        staffUserId: row.staff_user_id,
        partyId: row.contract_party_id,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
      },
    });
  });
  return now.toISOString();
}
