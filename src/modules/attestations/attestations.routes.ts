import {
  subjectAttestationState as stateSchema,
  subjectAttestation,
  subjectParams,
  subjectSignatureBody,
} from '../../contracts/attestations.js';
import { REQUEST_FILE_MAX_BYTES } from '../../contracts/requests.js';
import { normaliseFormCode } from '../../domain/attestation-form-code.js';
import type { AppContext } from '../../platform/context.js';
import { readUpload } from '../../platform/files/uploads.js';
import { AppError } from '../../platform/http/app-error.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { subjectAttestationForm } from './attestation.form.js';
import { ATTESTATION_WITNESSES, attestSubjectByPaper, attestSubjectBySignature, subjectAttestationState } from './attestations.service.js';

/** Attestations of subjects of any kind, for the staff who witness them (issue 22; C4). */
const WITNESS = staffOnly(ATTESTATION_WITNESSES, 'families');
/** A scan, at most as large as a request's files (5 MB). */
const EVIDENCE_MAX_BYTES = REQUEST_FILE_MAX_BYTES;

export function attestationRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/attestations/:kind/:id', {
    config: { policy: WITNESS },
    schema: { tags: ['attestations'], params: subjectParams, response: { 200: stateSchema } },
    handler: (request) => subjectAttestationState(ctx, staffOf(request), request.params.kind, request.params.id),
  });

  app.get('/api/v1/attestations/:kind/:id/form', {
    config: { policy: WITNESS },
    schema: { tags: ['attestations'], params: subjectParams },
    handler: async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await subjectAttestationForm(ctx, staffOf(request), request.params.kind, request.params.id)),
  });

  app.post('/api/v1/attestations/:kind/:id/signature', {
    config: { policy: WITNESS },
    schema: { tags: ['attestations'], params: subjectParams, body: subjectSignatureBody, response: { 201: subjectAttestation } },
    handler: async (request, reply) =>
      reply.code(201).send(await attestSubjectBySignature(ctx, staffOf(request), request.params.kind, request.params.id, request.body)),
  });

  // C4: the signed paper form's scan, with the code printed on it (multipart: `formCode`, then `file`).
  app.post('/api/v1/attestations/:kind/:id/paper', {
    config: { policy: WITNESS },
    schema: { tags: ['attestations'], params: subjectParams, consumes: ['multipart/form-data'], response: { 201: subjectAttestation } },
    handler: async (request, reply) => {
      const form = await readUpload(request, { maxBytes: EVIDENCE_MAX_BYTES, preservePath: true });
      const typed = form.field('formCode');
      const printedCode = normaliseFormCode(typed);
      if (printedCode === null)
        throw AppError.badRequest('attestation.invalid', 'Type the code printed on the signed form', [
          {
            pointer: '/formCode',
            code: typed?.trim() ? 'attestation.form-code-invalid' : 'field.required',
            detail: 'The code printed on the attestation form (12 hexadecimal digits, or the whole SHA-256)',
          },
        ]);
      const saved = await attestSubjectByPaper(ctx, staffOf(request), request.params.kind, request.params.id, {
        fileName: form.fileName,
        bytes: form.bytes,
        printedCode,
      });
      return reply.code(201).send(saved);
    },
  });
}
