import { z } from 'zod';
import { subjectKind } from './committees.js';

/**
 * Attestations of subjects of any kind (issue 22; C4, D2). Staff (a witness):
 * - `GET /api/v1/attestations/:kind/:id` (the data as it is now, its SHA-256 and the latest attestation)
 * - `GET /api/v1/attestations/:kind/:id/form` (the printable Arabic form, HTML)
 * - `POST /api/v1/attestations/:kind/:id/signature` (a signature drawn on the screen, JSON)
 * - `POST /api/v1/attestations/:kind/:id/paper` (the signed form's scan: multipart `formCode` then `file`)
 * The family, in the portal: `GET /api/v1/portal/attestations/:kind/:id`, `POST …/start` (a code by
 * SMS), `POST …/verify` (the code back). Service requests keep their own routes (contracts/requests.ts).
 */
export const ATTESTATION_METHODS = ['signature-pad', 'paper', 'one-time-code'] as const;

export const subjectParams = z.strictObject({ kind: subjectKind, id: z.uuid('field.invalid-id') });

export const subjectAttestation = z.object({
  id: z.string(),
  subjectKind,
  subjectId: z.string(),
  method: z.enum(ATTESTATION_METHODS),
  /** SHA-256 (hex) of the subject's canonical data when attested (domain/attestation.ts). */
  dataSha256: z.string(),
  evidenceFileId: z.string().nullable(),
  witnessId: z.string().nullable(),
  attestedAt: z.string(),
  voidedAt: z.string().nullable(),
  /** `data-changed` (any change voids it) or `superseded` (attested again). */
  voidReason: z.string().nullable(),
  /** Not voided and of the data as it is now. */
  isValid: z.boolean(),
});

export const attestedLine = z.object({ labelAr: z.string(), labelEn: z.string(), value: z.string() });

export const subjectAttestationState = z.object({
  subjectKind,
  subjectId: z.string(),
  reference: z.string(),
  titleAr: z.string(),
  titleEn: z.string(),
  lines: z.array(attestedLine),
  /** The SHA-256 of the data as it is now; send it back when attesting (409 when it changed meanwhile). */
  dataSha256: z.string(),
  /** The printed form's code: the hash's first 12 hex digits, in groups of four. */
  formCode: z.string(),
  isAttestable: z.boolean(),
  /** The latest attestation, valid or not. */
  latest: subjectAttestation.nullable(),
  isAttested: z.boolean(),
});

/** A signature drawn on the screen: a PNG data URL, and the hash of the data the screen showed. */
export const subjectSignatureBody = z.strictObject({
  signaturePng: z
    .string()
    .max(2_000_000, 'file.too-large')
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'attestation.signature-format'),
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/, 'field.invalid'),
});

export type SubjectAttestation = z.infer<typeof subjectAttestation>;
export type SubjectAttestationState = z.infer<typeof subjectAttestationState>;
export type SubjectSignatureBody = z.infer<typeof subjectSignatureBody>;
