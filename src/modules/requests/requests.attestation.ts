import { REQUEST_FILE_MAX_BYTES, type RequestStatus, type SignatureAttestationBody } from '../../contracts/requests.js';
import { isBeforeDecision } from '../../domain/request-status.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { captureAttestation } from '../attestations/index.js';
import { recordAudit } from '../audit/index.js';
import { assertFamilyNotErased } from '../families/index.js';
import { normaliseFormCode } from './attestation-form-code.js';
import { loadVisible, staffActor } from './requests.access.js';
import { type Actor, addHistory, type Db, loadState } from './requests.core.js';
import { assertPlainName } from './requests.documents.js';
import { canWorkOn } from './requests.policy.js';
import { present } from './requests.present.js';

// ---- attestation (C4) ----

/**
 * Records an attestation of the data as it is now, in `trx`: the evidence (signature, scan or
 * nothing for a one-time code), the time, the witness and the SHA-256. `expectedSha256` is what the
 * family was shown: 409 `request.data-changed` when the data changed since.
 */
export async function recordAttestation(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  requestId: string,
  input: {
    method: 'signature-pad' | 'paper' | 'one-time-code';
    expectedSha256?: string;
    /** The paper form's code as typed (normalised hex, a prefix of the hash the form printed). */
    printedCode?: string;
    evidence?: { fileName: string; bytes: Buffer };
    witnessId: string | null;
  },
) {
  const row = await trx.selectFrom('requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!row) throw AppError.notFound('request.not-found', 'No such request');
  await assertFamilyNotErased(ctx, row.family_id, trx); // issue 25 §5 (F2): no signature or scan added to an erased family
  if (!isBeforeDecision(row.status as RequestStatus) || row.status === 'under-study')
    throw AppError.conflict('request.not-attestable', 'Only a request being prepared is attested');
  const state = await loadState(trx, ctx, row);
  // C4, issue 22: the capture every subject kind shares (the data shown, the printed form, the evidence).
  const evidence = await captureAttestation(
    trx,
    ctx,
    {
      dataSha256: state.dataSha256,
      owner: { type: 'request-attestation', id: row.id },
      dataChangedCode: 'request.data-changed',
      maxBytes: REQUEST_FILE_MAX_BYTES,
    },
    input,
  );
  const now = ctx.clock.now();
  const id = uuidv7(now.getTime());
  if (row.current_attestation_id)
    await trx
      .updateTable('request_attestations')
      .set({ voided_at: now.toISOString(), void_reason: 'superseded' })
      .where('id', '=', row.current_attestation_id)
      .where('voided_at', 'is', null)
      .execute();
  const attestation = {
    id,
    request_id: row.id,
    method: input.method,
    evidence_file_id: evidence?.id ?? null,
    data_sha256: state.dataSha256,
    witness_id: input.witnessId,
    attested_at: now.toISOString(),
    voided_at: null,
    void_reason: null,
  };
  await trx.insertInto('request_attestations').values(attestation).execute();
  await trx
    .updateTable('requests')
    .set({ current_attestation_id: id, updated_at: now.toISOString(), version: row.version + 1 })
    .where('id', '=', row.id)
    .execute();
  await addHistory(trx, ctx, row.id, { event: 'attested', from: row.status, to: row.status, actor, note: input.method });
  await recordAudit(trx, {
    at: now,
    actor,
    action: 'request.attest',
    entity: 'request',
    entityId: row.id,
    details: { attestationId: id, method: input.method, dataSha256: state.dataSha256, evidenceFileId: evidence?.id ?? null },
  });
  return attestation;
}

export async function attestBySignature(ctx: AppContext, principal: StaffPrincipal, id: string, body: SignatureAttestationBody) {
  const row = await loadVisible(ctx, principal, id);
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  const bytes = Buffer.from(body.signaturePng.slice(body.signaturePng.indexOf(',') + 1), 'base64');
  await ctx.db.transaction().execute((trx) =>
    recordAttestation(trx, ctx, staffActor(principal), id, {
      method: 'signature-pad',
      expectedSha256: body.dataSha256,
      evidence: { fileName: 'signature.png', bytes },
      witnessId: principal.userId,
    }),
  );
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}

export async function attestByPaper(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  input: { fileName: string; bytes: Buffer; formCode: string | undefined },
) {
  const row = await loadVisible(ctx, principal, id);
  if (!canWorkOn(principal, { createdBy: row.created_by, status: row.status }))
    throw AppError.forbidden('request.read-only', 'You may read this request but not change it');
  // C4: the code printed on the signed form, typed by staff: it names the data the family signed.
  const printedCode = normaliseFormCode(input.formCode);
  if (printedCode === null)
    throw AppError.badRequest('request.invalid', 'Type the code printed on the signed form', [
      {
        pointer: '/formCode',
        code: input.formCode?.trim() ? 'attestation.form-code-invalid' : 'field.required',
        detail: 'The code printed on the attestation form (12 hexadecimal digits, or the whole SHA-256)',
      },
    ]);
  assertPlainName(input.fileName);
  await ctx.db.transaction().execute((trx) =>
    recordAttestation(trx, ctx, staffActor(principal), id, {
      method: 'paper',
      printedCode,
      evidence: { fileName: input.fileName, bytes: input.bytes },
      witnessId: principal.userId,
    }),
  );
  return present(ctx, principal, await loadVisible(ctx, principal, id));
}
