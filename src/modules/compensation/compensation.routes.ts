import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  answerBody,
  caseDetail,
  caseList,
  compensationSettings,
  documentQuery,
  fileParams,
  idParams,
  listQuery,
  openCaseBody,
  oversight,
  paymentFields,
  roundBody,
  roundParams,
  rulingFields,
  settlementBody,
  transitionBody,
} from '../../contracts/compensation.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { sendStoredFile } from '../../platform/files/file-store.js';
import { readUploadForm } from '../../platform/files/uploads.js';
import { AppError } from '../../platform/http/app-error.js';
import { fieldErrorsFromZodIssues } from '../../platform/http/problem.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { attachClaimScan, caseFile, FILE_MAX_BYTES, getCase, listCases, openCase, transitionCase } from './compensation.cases.js';
import { recordRuling } from './compensation.guard.js';
import { addRound, answerRound, approveRound } from './compensation.negotiation.js';
import { compensationOversight } from './compensation.oversight.js';
import { recordPayment } from './compensation.payments.js';
import { getCompensationSettings, updateCompensationSettings } from './compensation.settings.js';
import { saveSettlementTerms, settleCase, settlementDocument } from './compensation.settlement.js';

/**
 * Compensation cases' API (issue 23), each route a pipeline: policy → schema → one service call.
 * The roles open the routes; the services decide who sees which case (management and the
 * investigation committee's members, within their scope, never the staff concerned).
 */
export const WORKERS: StaffRole[] = ['management', 'committee-member', 'follow-up-committee'];
const POLICY = staffOnly(WORKERS, 'families');
const TAGS = ['compensation'];

const invalid = (issues: z.core.$ZodIssue[]) =>
  AppError.badRequest('request.invalid', 'The request is not valid', fieldErrorsFromZodIssues(issues));

/** A multipart form: its text fields parsed by `schema`, and at most one file (required or not). */
async function readForm<T extends z.ZodType>(
  request: FastifyRequest,
  schema: T,
  { isFileRequired, noFileCode }: { isFileRequired: boolean; noFileCode: string },
) {
  const form = await readUploadForm(request, { maxBytes: FILE_MAX_BYTES, maxFiles: 1, isFileRequired, noFileCode, preservePath: true });
  const names = ['authority', 'rulingNumber', 'rulingDay', 'isFinal', 'amountHalalas', 'summary', 'method', 'paidDay', 'reference'];
  const fields = Object.fromEntries(names.flatMap((name) => (form.field(name) === undefined ? [] : [[name, form.field(name)]])));
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return { data: parsed.data as z.output<T>, file: form.files[0] };
}

export function compensationRoutes(app: App, ctx: AppContext): void {
  const base = '/api/v1/compensation-cases';
  app.get(base, {
    config: { policy: POLICY },
    schema: { tags: TAGS, querystring: listQuery, response: { 200: caseList } },
    handler: (request) => listCases(ctx, staffOf(request), request.query),
  });
  app.post(base, {
    config: { policy: POLICY },
    schema: { tags: TAGS, body: openCaseBody, response: { 201: caseDetail } },
    handler: async (request, reply) => reply.code(201).send(await openCase(ctx, staffOf(request), request.body)),
  });
  app.get('/api/v1/compensation-oversight', {
    config: { policy: POLICY },
    schema: { tags: TAGS, response: { 200: oversight } },
    handler: (request) => compensationOversight(ctx, staffOf(request)),
  });
  app.get('/api/v1/compensation-settings', {
    config: { policy: staffOnly(['administrator', 'management']) },
    schema: { tags: TAGS, response: { 200: compensationSettings } },
    handler: () => getCompensationSettings(ctx),
  });
  app.put('/api/v1/compensation-settings', {
    config: { policy: staffOnly(['administrator']) },
    schema: { tags: TAGS, body: compensationSettings, response: { 200: compensationSettings } },
    handler: (request) => updateCompensationSettings(ctx, staffOf(request), request.body),
  });
  app.get(`${base}/:id`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: caseDetail } },
    handler: (request) => getCase(ctx, staffOf(request), request.params.id),
  });
  app.post(`${base}/:id/transitions`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: transitionBody, response: { 200: caseDetail } },
    handler: (request) => transitionCase(ctx, staffOf(request), request.params.id, request.body),
  });
  // Issue 23 §1: the scanned claim (multipart `file`).
  app.post(`${base}/:id/claim-scan`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, consumes: ['multipart/form-data'], response: { 200: caseDetail } },
    handler: async (request) => {
      const { file } = await readForm(request, rulingFields.partial(), { isFileRequired: true, noFileCode: 'compensation.scan-required' });
      return attachClaimScan(ctx, staffOf(request), request.params.id, file as { fileName: string; bytes: Buffer });
    },
  });
  // D3: a ruling with its scan (multipart: the fields, then `file`); without the document: 400.
  app.post(`${base}/:id/rulings`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, consumes: ['multipart/form-data'], response: { 201: caseDetail } },
    handler: async (request, reply) => {
      const { data, file } = await readForm(request, rulingFields, {
        isFileRequired: true,
        noFileCode: 'compensation.ruling-document-required',
      });
      const saved = await recordRuling(ctx, staffOf(request), request.params.id, {
        ...data,
        file: file as { fileName: string; bytes: Buffer },
      });
      return reply.code(201).send(saved);
    },
  });
  app.post(`${base}/:id/rounds`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: roundBody, response: { 201: caseDetail } },
    handler: async (request, reply) => reply.code(201).send(await addRound(ctx, staffOf(request), request.params.id, request.body)),
  });
  app.post(`${base}/:id/rounds/:roundId/approval`, {
    config: { policy: staffOnly(['management'], 'families') },
    schema: { tags: TAGS, params: roundParams, response: { 200: caseDetail } },
    handler: (request) => approveRound(ctx, staffOf(request), request.params.id, request.params.roundId),
  });
  app.post(`${base}/:id/rounds/:roundId/answer`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: roundParams, body: answerBody, response: { 200: caseDetail } },
    handler: (request) => answerRound(ctx, staffOf(request), request.params.id, request.params.roundId, request.body),
  });
  app.put(`${base}/:id/settlement`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: settlementBody, response: { 200: caseDetail } },
    handler: (request) => saveSettlementTerms(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get(`${base}/:id/settlement/document`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, querystring: documentQuery },
    handler: async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await settlementDocument(ctx, staffOf(request), request.params.id, request.query.language)),
  });
  app.post(`${base}/:id/settle`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: caseDetail } },
    handler: (request) => settleCase(ctx, staffOf(request), request.params.id),
  });
  // Issue 23 §4: a payment or delivery (multipart: the fields, then the receipt's scan in `file`, optional).
  app.post(`${base}/:id/payments`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, consumes: ['multipart/form-data'], response: { 201: caseDetail } },
    handler: async (request, reply) => {
      const { data, file } = await readForm(request, paymentFields, { isFileRequired: false, noFileCode: 'request.no-file' });
      return reply.code(201).send(await recordPayment(ctx, staffOf(request), request.params.id, { ...data, file }));
    },
  });
  app.get(`${base}/:id/files/:fileId`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: fileParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await caseFile(ctx, staffOf(request), request.params.id, request.params.fileId)),
  });
}
