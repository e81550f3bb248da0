import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import {
  createDocumentBody,
  createKindBody,
  documentDetail as documentDetailSchema,
  documentKind,
  documentList,
  documentListQuery,
  documentVersionParams,
  kindParams,
  updateDocumentBody,
  updateKindBody,
  versionBody,
  versionFileParams,
  withdrawBody,
} from '../../contracts/documents.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { readUpload } from '../../platform/files/uploads.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { createDocument, createKind, documentDetail, listDocuments, listKinds, updateDocument, updateKind } from './documents.service.js';
import {
  addVersion,
  attachPdf,
  editDraft,
  MAX_DOCUMENT_PDF_BYTES,
  publishVersion,
  sendVersionFile,
  withdrawVersion,
} from './documents.versions.js';

/** Issue 26 §1: documents editors and administrators manage the library; kinds are an administrator's setting. */
export const DOCUMENT_EDITORS: readonly StaffRole[] = ['documents-editor', 'administrator'];
const EDITORS = staffOnly(DOCUMENT_EDITORS);
const ADMIN = staffOnly(['administrator']);
const tags = ['documents'];

export function documentRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/documents/kinds', {
    config: { policy: EDITORS },
    schema: { tags, response: { 200: z.object({ items: z.array(documentKind) }) } },
    handler: async () => ({ items: await listKinds(ctx) }),
  });
  app.post('/api/v1/documents/kinds', {
    config: { policy: ADMIN },
    schema: { tags, body: createKindBody, response: { 201: documentKind } },
    handler: async (request, reply) => reply.code(201).send(await createKind(ctx, staffOf(request), request.body)),
  });
  app.patch('/api/v1/documents/kinds/:code', {
    config: { policy: ADMIN },
    schema: { tags, params: kindParams, body: updateKindBody, response: { 200: documentKind } },
    handler: (request) => updateKind(ctx, staffOf(request), request.params.code, request.body),
  });

  app.get('/api/v1/documents', {
    config: { policy: EDITORS },
    schema: { tags, querystring: documentListQuery, response: { 200: documentList } },
    handler: (request) => listDocuments(ctx, request.query),
  });
  app.post('/api/v1/documents', {
    config: { policy: EDITORS },
    schema: { tags, body: createDocumentBody, response: { 201: documentDetailSchema } },
    handler: async (request, reply) => reply.code(201).send(await createDocument(ctx, staffOf(request), request.body)),
  });
  app.get('/api/v1/documents/:id', {
    config: { policy: EDITORS },
    schema: { tags, params: idParams, response: { 200: documentDetailSchema } },
    handler: (request) => documentDetail(ctx, request.params.id),
  });
  app.patch('/api/v1/documents/:id', {
    config: { policy: EDITORS },
    schema: { tags, params: idParams, body: updateDocumentBody, response: { 200: documentDetailSchema } },
    handler: (request) => updateDocument(ctx, staffOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/documents/:id/versions', {
    config: { policy: EDITORS },
    schema: { tags, params: idParams, body: versionBody, response: { 201: documentDetailSchema } },
    handler: async (request, reply) => reply.code(201).send(await addVersion(ctx, staffOf(request), request.params.id, request.body)),
  });
  app.patch('/api/v1/documents/:id/versions/:versionId', {
    config: { policy: EDITORS },
    schema: { tags, params: documentVersionParams, body: versionBody, response: { 200: documentDetailSchema } },
    handler: (request) => editDraft(ctx, staffOf(request), request.params.id, request.params.versionId, request.body),
  });
  app.post('/api/v1/documents/:id/versions/:versionId/publish', {
    config: { policy: EDITORS },
    schema: { tags, params: documentVersionParams, response: { 200: documentDetailSchema } },
    handler: (request) => publishVersion(ctx, staffOf(request), request.params.id, request.params.versionId),
  });
  app.post('/api/v1/documents/:id/versions/:versionId/withdraw', {
    config: { policy: EDITORS },
    schema: { tags, params: documentVersionParams, body: withdrawBody, response: { 200: documentDetailSchema } },
    handler: (request) => withdrawVersion(ctx, staffOf(request), request.params.id, request.params.versionId, request.body.reason),
  });

  // A PDF of a draft, per language (the store reads the type from the bytes: only a real PDF is kept).
  app.post('/api/v1/documents/:id/versions/:versionId/files/:language', {
    config: { policy: EDITORS },
    schema: { tags, params: versionFileParams, consumes: ['multipart/form-data'], response: { 201: documentDetailSchema } },
    handler: async (request, reply) => {
      const upload = await readUpload(request, { maxBytes: MAX_DOCUMENT_PDF_BYTES, noFileCode: 'document.no-file' });
      const { id, versionId, language } = request.params;
      return reply.code(201).send(await attachPdf(ctx, staffOf(request), { documentId: id, versionId, language }, upload));
    },
  });
  app.get('/api/v1/documents/:id/versions/:versionId/files/:language', {
    config: { policy: EDITORS },
    schema: { tags, params: versionFileParams },
    handler: (request, reply) => {
      const { id, versionId, language } = request.params;
      return sendVersionFile(ctx, reply, { documentId: id, versionId, language });
    },
  });
}
