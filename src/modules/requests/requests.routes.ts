import type { FastifyRequest } from 'fastify';
import { idParams } from '../../contracts/common.js';
import {
  createRequestBody,
  createRequestTypeBody,
  REQUEST_FILE_MAX_BYTES,
  requestChannelCounts,
  requestCounts,
  requestDocumentParams,
  requestHandedOver,
  requestList,
  requestListQuery,
  requestType,
  requestTypeList,
  requestTypeParams,
  requestTypeVersionList,
  serviceRequest,
  signatureAttestationBody,
  transitionBody,
  updateRequestBody,
  updateRequestTypeBody,
} from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { sendStoredFile } from '../../platform/files/file-store.js';
import { readUpload } from '../../platform/files/uploads.js';
import { AppError } from '../../platform/http/app-error.js';
import { fieldErrorsFromZodIssues } from '../../platform/http/problem.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import * as types from './request-types.service.js';
import { attestByPaper, attestBySignature } from './requests.attestation.js';
import { countRequestsByChannel } from './requests.channels.js';
import { addDocument, readRequestFile, removeDocument } from './requests.documents.js';
import { createRequest, updateRequest } from './requests.intake.js';
import { transitionRequest } from './requests.moves.js';
import { REQUEST_INTAKE, REQUEST_MOVERS, REQUEST_READERS, REQUEST_TYPE_ADMINS } from './requests.policy.js';
import { getRequest } from './requests.present.js';
import { attestationForm } from './requests.print.js';
import { countRequests, listRequests } from './requests.worklists.js';

/** Service requests and request types (issue 5; docs/design/service-requests.md "API"). */
const READ = staffOnly(REQUEST_READERS, 'families');
const INTAKE = staffOnly(REQUEST_INTAKE, 'families');
const ADMIN = staffOnly(REQUEST_TYPE_ADMINS);

/** A document or a scan with its text fields; the name kept as sent, so a name with a path is refused rather than silently cut. */
const readUploadedFile = (request: FastifyRequest) => readUpload(request, { maxBytes: REQUEST_FILE_MAX_BYTES, preservePath: true });

export function requestRoutes(app: App, ctx: AppContext): void {
  // ---- request types ----
  app.get('/api/v1/settings/request-types', {
    config: { policy: ADMIN },
    schema: { tags: ['requests'], response: { 200: requestTypeList } },
    handler: async () => ({ items: await types.listRequestTypes(ctx, { activeOnly: false }) }),
  });

  app.post('/api/v1/settings/request-types', {
    config: { policy: ADMIN },
    schema: { tags: ['requests'], body: createRequestTypeBody, response: { 201: requestType } },
    handler: async (request, reply) => reply.code(201).send(await types.createRequestType(ctx, staffOf(request), request.body)),
  });

  app.get('/api/v1/settings/request-types/:code', {
    config: { policy: ADMIN },
    schema: { tags: ['requests'], params: requestTypeParams, response: { 200: requestType } },
    handler: (request) => types.getRequestType(ctx, request.params.code),
  });

  app.put('/api/v1/settings/request-types/:code', {
    config: { policy: ADMIN },
    schema: { tags: ['requests'], params: requestTypeParams, body: updateRequestTypeBody, response: { 200: requestType } },
    handler: (request) => types.updateRequestType(ctx, staffOf(request), request.params.code, request.body),
  });

  // B5, C2 (issue 26 §3): one snapshot per create or edit, newest first.
  app.get('/api/v1/settings/request-types/:code/versions', {
    config: { policy: ADMIN },
    schema: { tags: ['requests'], params: requestTypeParams, response: { 200: requestTypeVersionList } },
    handler: async (request) => ({ items: await types.requestTypeVersions(ctx, request.params.code) }),
  });

  // Intake shows each type's criteria and checklist (C2).
  app.get('/api/v1/request-types', {
    config: { policy: staffOnly('any-role') },
    schema: { tags: ['requests'], response: { 200: requestTypeList } },
    handler: async () => ({ items: await types.listRequestTypes(ctx, { activeOnly: true }) }),
  });

  // ---- requests ----
  app.post('/api/v1/requests', {
    config: { policy: INTAKE },
    schema: { tags: ['requests'], body: createRequestBody, response: { 200: serviceRequest, 201: serviceRequest } },
    handler: async (request, reply) => {
      const { request: created, isNew } = await createRequest(ctx, staffOf(request), request.body);
      return reply.code(isNew ? 201 : 200).send(created);
    },
  });

  app.get('/api/v1/requests', {
    config: { policy: READ },
    schema: { tags: ['requests'], querystring: requestListQuery, response: { 200: requestList } },
    handler: (request) => listRequests(ctx, staffOf(request), request.query),
  });

  app.get('/api/v1/requests/counts', {
    config: { policy: READ },
    schema: { tags: ['requests'], response: { 200: requestCounts } },
    handler: (request) => countRequests(ctx, staffOf(request)),
  });

  // A1–A6 (issue 27 §3): the oversight page's requests by channel.
  app.get('/api/v1/requests/channels', {
    config: { policy: READ },
    schema: { tags: ['requests'], response: { 200: requestChannelCounts } },
    handler: (request) => countRequestsByChannel(ctx, staffOf(request)),
  });

  app.get('/api/v1/requests/:id', {
    config: { policy: READ },
    schema: { tags: ['requests'], params: idParams, response: { 200: serviceRequest } },
    handler: (request) => getRequest(ctx, staffOf(request), request.params.id),
  });

  app.patch('/api/v1/requests/:id', {
    config: { policy: INTAKE },
    schema: { tags: ['requests'], params: idParams, body: updateRequestBody, response: { 200: serviceRequest } },
    handler: (request) => updateRequest(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/requests/:id/documents', {
    config: { policy: INTAKE },
    schema: { tags: ['requests'], params: idParams, consumes: ['multipart/form-data'], response: { 201: serviceRequest } },
    handler: async (request, reply) => {
      const form = await readUploadedFile(request);
      const itemKey = form.field('itemKey');
      if (!itemKey)
        throw AppError.badRequest('request.invalid', 'Say which checklist item the file is for', [
          { pointer: '/itemKey', code: 'field.required', detail: 'Send the itemKey field before the file' },
        ]);
      const result = await addDocument(ctx, staffOf(request), request.params.id, {
        itemKey,
        fileName: form.fileName,
        bytes: form.bytes,
      });
      return reply.code(201).send(result);
    },
  });

  app.get('/api/v1/requests/:id/documents/:documentId', {
    config: { policy: READ },
    schema: { tags: ['requests'], params: requestDocumentParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await readRequestFile(ctx, staffOf(request), request.params.id, request.params.documentId)),
  });

  app.delete('/api/v1/requests/:id/documents/:documentId', {
    config: { policy: INTAKE },
    schema: { tags: ['requests'], params: requestDocumentParams, response: { 200: serviceRequest } },
    handler: (request) => removeDocument(ctx, staffOf(request), request.params.id, request.params.documentId),
  });

  app.get('/api/v1/requests/:id/attestation-form', {
    config: { policy: INTAKE },
    schema: { tags: ['requests'], params: idParams },
    handler: async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await attestationForm(ctx, staffOf(request), request.params.id)),
  });

  // C4: a signature drawn on the screen (JSON), or the signed paper form's scan (multipart).
  app.post('/api/v1/requests/:id/attestations', {
    config: { policy: INTAKE },
    schema: {
      tags: ['requests'],
      params: idParams,
      // JSON: the signature drawn on the screen (documented with its example); a multipart body
      // (`formCode`: the code printed on the form, then `file`) carries the scan of the signed paper form: no JSON body (null).
      body: signatureAttestationBody.nullish().meta({ examples: signatureAttestationBody.meta()?.examples }),
      consumes: ['application/json', 'multipart/form-data'],
      response: { 201: serviceRequest },
    },
    handler: async (request, reply) => {
      const principal = staffOf(request);
      if (request.isMultipart()) {
        const form = await readUploadedFile(request);
        const result = await attestByPaper(ctx, principal, request.params.id, {
          fileName: form.fileName,
          bytes: form.bytes,
          formCode: form.field('formCode'),
        });
        return reply.code(201).send(result);
      }
      const parsed = signatureAttestationBody.safeParse(request.body);
      if (!parsed.success)
        throw AppError.badRequest('request.invalid', 'The attestation is not valid', fieldErrorsFromZodIssues(parsed.error.issues));
      return reply.code(201).send(await attestBySignature(ctx, principal, request.params.id, parsed.data));
    },
  });

  app.post('/api/v1/requests/:id/transitions', {
    config: { policy: staffOnly(REQUEST_MOVERS, 'families') },
    // 202 (A6): the move went through but took the request out of the caller's sight (a volunteer's
    // submitted request goes to reception and the committee): where it went, not the request.
    schema: {
      tags: ['requests'],
      params: idParams,
      body: transitionBody,
      response: { 200: serviceRequest, 202: requestHandedOver },
    },
    handler: async (request, reply) => {
      const result = await transitionRequest(ctx, staffOf(request), request.params.id, request.body);
      return 'isHandedOver' in result ? reply.code(202).send(result) : result;
    },
  });
}
