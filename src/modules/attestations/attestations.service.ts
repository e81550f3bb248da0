import type { Kysely } from 'kysely';
import type { SubjectAttestation, SubjectAttestationState, SubjectSignatureBody } from '../../contracts/attestations.js';
import { REQUEST_FILE_MAX_BYTES } from '../../contracts/requests.js';
import { formCode } from '../../domain/attestation-form-code.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto/digest.js';
import type { Database } from '../../platform/db/schema.js';
import type { SubjectAttestationTable } from '../../platform/db/schema-committees.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { assertWritableScope } from '../../platform/http/write-scope.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';
import { visibleFamily } from '../families/index.js';
import { type AttestedSubject, attestationSubjectOf } from './attestation-subjects.js';
import { type CaptureInput, captureAttestation } from './attestations.capture.js';

/**
 * Attestation of any subject (C4, D2; issue 22): the SHA-256 of the canonical data its kind supplies,
 * captured on the screen with a staff witness, by the signed paper form's scan, or by a one-time code
 * on the family's phone (portal). Any change to the data voids it: an attestation counts only while
 * its hash is the data's hash now, and the kind voids it in the transaction that changes the data
 * (`voidChangedAttestation`), as requests do when a family's data changes.
 */
type Db = Kysely<Database>;
type Actor = { kind: 'staff' | 'family'; id: string };

/** Who witnesses an attestation: the staff who meet families (C4), as for requests. */
export const ATTESTATION_WITNESSES: readonly StaffRole[] = ['reception', 'contact-officer', 'volunteer'];
/** A scan or signature, at most as large as a request's files (5 MB). */
const EVIDENCE_MAX_BYTES = REQUEST_FILE_MAX_BYTES;

const notFound = () => AppError.notFound('attestation.not-found', 'Nothing to attest here');

export async function loadSubject(db: Db, ctx: AppContext, kind: string, id: string) {
  const subject = await attestationSubjectOf(ctx, kind).attestedData(db, ctx, id);
  if (!subject) throw notFound();
  return { subject, dataSha256: sha256Hex(subject.canonical) };
}

async function latestOf(db: Db, kind: string, id: string): Promise<SubjectAttestationTable | undefined> {
  return db
    .selectFrom('subject_attestations')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .orderBy('attested_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

function present(row: SubjectAttestationTable, dataSha256: string): SubjectAttestation {
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    method: row.method as SubjectAttestation['method'],
    dataSha256: row.data_sha256,
    evidenceFileId: row.evidence_file_id,
    witnessId: row.witness_id,
    attestedAt: row.attested_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    isValid: row.voided_at === null && row.data_sha256 === dataSha256,
  };
}

async function stateOf(db: Db, kind: string, id: string, subject: AttestedSubject, dataSha256: string): Promise<SubjectAttestationState> {
  const latest = await latestOf(db, kind, id);
  const shown = latest ? present(latest, dataSha256) : null;
  return {
    subjectKind: kind,
    subjectId: id,
    reference: subject.reference,
    titleAr: subject.titleAr,
    titleEn: subject.titleEn,
    lines: [...subject.lines],
    dataSha256,
    formCode: formCode(dataSha256),
    isAttestable: subject.isAttestable,
    latest: shown,
    isAttested: shown?.isValid ?? false,
  };
}

/** The subject if the staff member may see its family (F2); 404 otherwise, as on every read. */
export async function staffSubject(ctx: AppContext, principal: StaffPrincipal, kind: string, id: string) {
  const loaded = await loadSubject(ctx.db, ctx, kind, id);
  const family = await visibleFamily(ctx, principal, loaded.subject.familyId);
  if (!family) throw notFound();
  return { ...loaded, family };
}

/** The data as it is now and the latest attestation; each read is audited (the lines name the family's data). */
export async function subjectAttestationState(
  ctx: AppContext,
  principal: StaffPrincipal,
  kind: string,
  id: string,
): Promise<SubjectAttestationState> {
  const { subject, dataSha256 } = await staffSubject(ctx, principal, kind, id);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'attestation.view',
    entity: kind,
    entityId: id,
  });
  return stateOf(ctx.db, kind, id, subject, dataSha256);
}

/**
 * Records an attestation of the subject's data as it is now, in `trx` (C4): the capture's checks
 * (the data shown, the printed form, the evidence), then the earlier attestation superseded.
 */
export async function recordSubjectAttestation(
  trx: Db,
  ctx: AppContext,
  actor: Actor,
  kind: string,
  id: string,
  input: CaptureInput,
): Promise<SubjectAttestation> {
  const { subject, dataSha256 } = await loadSubject(trx, ctx, kind, id);
  if (!subject.isAttestable) throw AppError.conflict('attestation.not-attestable', 'This can no longer be attested');
  const evidence = await captureAttestation(
    trx,
    ctx,
    { dataSha256, owner: { type: 'subject-attestation', id }, dataChangedCode: 'attestation.data-changed', maxBytes: EVIDENCE_MAX_BYTES },
    input,
  );
  const now = ctx.clock.now();
  await trx
    .updateTable('subject_attestations')
    .set({ voided_at: now.toISOString(), void_reason: 'superseded' })
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
  const row: SubjectAttestationTable = {
    id: uuidv7(now.getTime()),
    subject_kind: kind,
    subject_id: id,
    family_id: subject.familyId,
    method: input.method,
    evidence_file_id: evidence?.id ?? null,
    data_sha256: dataSha256,
    witness_id: input.witnessId,
    attested_at: now.toISOString(),
    voided_at: null,
    void_reason: null,
  };
  await trx.insertInto('subject_attestations').values(row).execute();
  await recordAudit(trx, {
    at: now,
    actor,
    action: 'attestation.record',
    entity: kind,
    entityId: id,
    details: { attestationId: row.id, method: input.method, dataSha256, evidenceFileId: row.evidence_file_id },
  });
  return present(row, dataSha256);
}

/**
 * C4 for the kind's own checks (a compensation settlement is settled only while attested): whether a
 * live attestation binds `dataSha256` now. A new attestation supersedes the live one and changed data
 * voids it, so at most one is live.
 */
export async function isSubjectAttested(db: Db, kind: string, id: string, dataSha256: string): Promise<boolean> {
  const live = await db
    .selectFrom('subject_attestations')
    .select('id')
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .where('voided_at', 'is', null)
    .where('data_sha256', '=', dataSha256)
    .executeTakeFirst();
  return Boolean(live);
}

/**
 * C4: the subject's data changed (the kind calls this in the transaction that changed it): a live
 * attestation of other data is voided, audited. Returns whether one was.
 */
export async function voidChangedAttestation(
  trx: Db,
  ctx: AppContext,
  actor: Actor | { kind: 'system'; id: null },
  kind: string,
  id: string,
) {
  const { dataSha256 } = await loadSubject(trx, ctx, kind, id);
  const live = await trx
    .selectFrom('subject_attestations')
    .select(['id', 'data_sha256'])
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', id)
    .where('voided_at', 'is', null)
    .execute();
  const stale = live.filter((row) => row.data_sha256 !== dataSha256);
  if (stale.length === 0) return false;
  const now = ctx.clock.now();
  await trx
    .updateTable('subject_attestations')
    .set({ voided_at: now.toISOString(), void_reason: 'data-changed' })
    .where(
      'id',
      'in',
      stale.map((row) => row.id),
    )
    .execute();
  await recordAudit(trx, {
    at: now,
    actor,
    action: 'attestation.void',
    entity: kind,
    entityId: id,
    details: { attestations: stale.map((row) => row.id), reason: 'data-changed' },
  });
  return true;
}

async function staffWrite(ctx: AppContext, principal: StaffPrincipal, kind: string, id: string) {
  const { family } = await staffSubject(ctx, principal, kind, id);
  // F2: the attestation lands on the family; it must be within the witness's scope.
  assertWritableScope(principal.scope, { category: family.category, office: family.office });
}

export async function attestSubjectBySignature(
  ctx: AppContext,
  principal: StaffPrincipal,
  kind: string,
  id: string,
  body: SubjectSignatureBody,
): Promise<SubjectAttestation> {
  await staffWrite(ctx, principal, kind, id);
  const bytes = Buffer.from(body.signaturePng.slice(body.signaturePng.indexOf(',') + 1), 'base64');
  return ctx.db.transaction().execute((trx) =>
    recordSubjectAttestation(trx, ctx, { kind: 'staff', id: principal.userId }, kind, id, {
      method: 'signature-pad',
      expectedSha256: body.dataSha256,
      evidence: { fileName: 'signature.png', bytes },
      witnessId: principal.userId,
    }),
  );
}

export async function attestSubjectByPaper(
  ctx: AppContext,
  principal: StaffPrincipal,
  kind: string,
  id: string,
  input: { fileName: string; bytes: Buffer; printedCode: string },
): Promise<SubjectAttestation> {
  await staffWrite(ctx, principal, kind, id);
  return ctx.db.transaction().execute((trx) =>
    recordSubjectAttestation(trx, ctx, { kind: 'staff', id: principal.userId }, kind, id, {
      method: 'paper',
      printedCode: input.printedCode,
      evidence: { fileName: input.fileName, bytes: input.bytes },
      witnessId: principal.userId,
    }),
  );
}

/** The family's own subject (portal): 404 when it is not this family's. */
export async function familySubjectAttestation(ctx: AppContext, familyId: string, kind: string, id: string) {
  const { subject, dataSha256 } = await loadSubject(ctx.db, ctx, kind, id);
  if (subject.familyId !== familyId) throw notFound();
  return stateOf(ctx.db, kind, id, subject, dataSha256);
}

/** C4 online: the portal verified the family's code; the attestation is recorded in the portal's transaction. */
export async function attestSubjectByCode(
  trx: Db,
  ctx: AppContext,
  familyId: string,
  kind: string,
  id: string,
  expectedSha256?: string,
): Promise<SubjectAttestation> {
  const { subject } = await loadSubject(trx, ctx, kind, id);
  if (subject.familyId !== familyId) throw notFound();
  return recordSubjectAttestation(trx, ctx, { kind: 'family', id: familyId }, kind, id, {
    method: 'one-time-code',
    ...(expectedSha256 !== undefined ? { expectedSha256 } : {}),
    witnessId: null,
  });
}
