import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bulkResults } from '../../contracts/bulk.js';
import { idParams } from '../../contracts/common.js';
import {
  absence,
  absenceBody,
  answerTemplateList,
  attachmentParams,
  bulkComplaintStepBody,
  caseDetail,
  caseList,
  compensationBody,
  complaintCounts,
  complaintListQuery,
  complaintStepBody,
  contactOfficer,
  contactOfficerBody,
  contactOfficerPatch,
  entryBody,
  entryParams,
  inquiryCounts,
  inquiryListQuery,
  inquiryStepBody,
  intakeBody,
  intakeResult,
  officerRoster,
  oversight,
  publicContactOfficers,
  settlementBody,
  staffLookup,
  staffLookupQuery,
} from '../../contracts/complaints.js';
import type { StaffRole } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { sendStoredFile } from '../../platform/files/file-store.js';
import { readUpload, readUploadForm } from '../../platform/files/uploads.js';
import { AppError } from '../../platform/http/app-error.js';
import { eachRecord } from '../../platform/http/bulk.js';
import { fieldErrorsFromZodIssues } from '../../platform/http/problem.js';
import { PUBLIC, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { complaintCounts as complaintCountsOf, inquiryCounts as inquiryCountsOf } from './complaints.counts.js';
import { answerTemplates, inquiryStep } from './complaints.inquiries.js';
import { intakeCase } from './complaints.intake.js';
import { addEntry, addEvidence, completeTask, escalateToCompensation, recordSettlement } from './complaints.investigation.js';
import * as officers from './complaints.officers.js';
import { CASE_INTAKE } from './complaints.policy.js';
import { getCase, readCaseFile } from './complaints.present.js';
import { getComplaintsSettings } from './complaints.settings.js';
import { complaintStep, complaintStepBrief, lookupStaff } from './complaints.steps.js';
import { listComplaints, listInquiries, oversight as oversightFigures } from './complaints.worklists.js';

/**
 * Staff routes of complaints and inquiries (issue 6 §4–§9). Roles: reception (and contact officers,
 * for inquiries from any channel) register, volunteers on a family's behalf (A6); the follow-up committee handles complaints; contact
 * officers handle inquiries routed to them; management reads all and the oversight figures;
 * administrators manage the contact-officer register. Finer rules (conflict of interest, whose
 * inquiry) are the service's.
 */
// Volunteers read what they filed (A6, issue 27 §3); the service shows them nothing else (complaints.policy.ts `canSee`).
export const COMPLAINT_READERS: StaffRole[] = ['follow-up-committee', 'management', 'reception', 'contact-officer', 'volunteer'];
const COMPLAINT_STEPPERS: StaffRole[] = ['follow-up-committee', 'reception', 'contact-officer'];
const COMPLAINT_HANDLERS: StaffRole[] = ['follow-up-committee'];
export const INQUIRY_READERS: StaffRole[] = ['contact-officer', 'management', 'reception', 'volunteer'];
const INQUIRY_STEPPERS: StaffRole[] = ['contact-officer', 'reception'];
const MAX_SCANS = 5;

const invalid = (issues: z.core.$ZodIssue[]) =>
  AppError.badRequest('request.invalid', 'The request is not valid', fieldErrorsFromZodIssues(issues));

/** Scans and evidence are read up to the administrator's limit (settings), the one the file store checks. */
const maxUploadBytes = async (ctx: AppContext) => (await getComplaintsSettings(ctx)).maxUploadBytes;

/** JSON, or multipart with the JSON in `data` and the files in `file` fields. */
async function readIntake(ctx: AppContext, request: FastifyRequest) {
  if (!request.isMultipart()) {
    const parsed = intakeBody.safeParse(request.body);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return { body: parsed.data, files: [] };
  }
  const form = await readUploadForm(request, { maxBytes: await maxUploadBytes(ctx), maxFiles: MAX_SCANS, isFileRequired: false });
  const raw = form.field('data');
  let data: unknown;
  try {
    data = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    throw AppError.badRequest('request.invalid', 'The data field is not JSON', [
      { pointer: '/data', code: 'field.invalid', detail: 'Not JSON' },
    ]);
  }
  const parsed = intakeBody.safeParse(data);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return { body: parsed.data, files: form.files };
}

async function readOneFile(ctx: AppContext, request: FastifyRequest) {
  const file = await readUpload(request, { maxBytes: await maxUploadBytes(ctx) });
  const text = file.field('note')?.trim();
  return { fileName: file.fileName, bytes: file.bytes, note: text ? text.slice(0, 2000) : undefined };
}

export function complaintStaffRoutes(app: App, ctx: AppContext): void {
  // ---- intake (§4) ----
  app.post('/api/v1/complaints/intake', {
    config: { policy: staffOnly(CASE_INTAKE, 'families') },
    schema: { tags: ['complaints'], consumes: ['application/json', 'multipart/form-data'], response: { 201: intakeResult } },
    handler: async (request, reply) => {
      const { body, files } = await readIntake(ctx, request);
      return reply.code(201).send(await intakeCase(ctx, staffOf(request), body, files));
    },
  });

  // ---- complaints (§5, §6) ----
  app.get('/api/v1/complaints', {
    config: { policy: staffOnly(COMPLAINT_READERS) },
    schema: { tags: ['complaints'], querystring: complaintListQuery, response: { 200: caseList } },
    handler: (request) => listComplaints(ctx, staffOf(request), request.query),
  });
  app.get('/api/v1/complaints/counts', {
    config: { policy: staffOnly(COMPLAINT_READERS) },
    schema: { tags: ['complaints'], response: { 200: complaintCounts } },
    handler: (request) => complaintCountsOf(ctx, staffOf(request)),
  });
  app.get('/api/v1/complaints/oversight', {
    config: { policy: staffOnly(['management']) },
    schema: { tags: ['complaints'], response: { 200: oversight } },
    handler: (request) => oversightFigures(ctx, staffOf(request)),
  });
  // The assess step's picker (§5, §6): anyone on the staff may be concerned, not only the committee.
  app.get('/api/v1/complaints/staff-lookup', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], querystring: staffLookupQuery, response: { 200: staffLookup } },
    handler: (request) => lookupStaff(ctx, request.query),
  });
  app.get('/api/v1/complaints/:id', {
    config: { policy: staffOnly(COMPLAINT_READERS) },
    schema: { tags: ['complaints'], params: idParams, response: { 200: caseDetail } },
    handler: (request) => getCase(ctx, staffOf(request), 'complaint', request.params.id),
  });
  app.post('/api/v1/complaints/:id/steps', {
    config: { policy: staffOnly(COMPLAINT_STEPPERS) },
    schema: { tags: ['complaints'], params: idParams, body: complaintStepBody, response: { 200: caseDetail } },
    handler: (request) => complaintStep(ctx, staffOf(request), request.params.id, request.body),
  });
  // Issue 19 §5: each complaint through the single step's checks and transaction, refused ones left as they were.
  app.post('/api/v1/complaints/bulk/steps', {
    config: { policy: staffOnly(COMPLAINT_STEPPERS) },
    schema: { tags: ['complaints'], body: bulkComplaintStepBody, response: { 200: bulkResults } },
    handler: (request) => eachRecord(request.body.ids, (id) => complaintStepBrief(ctx, staffOf(request), id, request.body.step)),
  });
  app.post('/api/v1/complaints/:id/entries', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], params: idParams, body: entryBody, response: { 201: caseDetail } },
    handler: async (request, reply) => reply.code(201).send(await addEntry(ctx, staffOf(request), request.params.id, request.body)),
  });
  app.post('/api/v1/complaints/:id/entries/:entryId/done', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], params: entryParams, response: { 200: caseDetail } },
    handler: (request) => completeTask(ctx, staffOf(request), request.params.id, request.params.entryId),
  });
  app.post('/api/v1/complaints/:id/evidence', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], params: idParams, consumes: ['multipart/form-data'], response: { 201: caseDetail } },
    handler: async (request, reply) =>
      reply.code(201).send(await addEvidence(ctx, staffOf(request), request.params.id, await readOneFile(ctx, request))),
  });
  app.post('/api/v1/complaints/:id/settlement', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], params: idParams, body: settlementBody, response: { 200: caseDetail } },
    handler: (request) => recordSettlement(ctx, staffOf(request), request.params.id, request.body.terms),
  });
  app.post('/api/v1/complaints/:id/compensation', {
    config: { policy: staffOnly(COMPLAINT_HANDLERS) },
    schema: { tags: ['complaints'], params: idParams, body: compensationBody, response: { 200: caseDetail } },
    handler: (request) => escalateToCompensation(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get('/api/v1/complaints/:id/files/:fileId', {
    config: { policy: staffOnly(COMPLAINT_READERS) },
    schema: { tags: ['complaints'], params: attachmentParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await readCaseFile(ctx, staffOf(request), 'complaint', request.params.id, request.params.fileId)),
  });

  // ---- inquiries (§7) ----
  app.get('/api/v1/inquiries', {
    config: { policy: staffOnly(INQUIRY_READERS) },
    schema: { tags: ['complaints'], querystring: inquiryListQuery, response: { 200: caseList } },
    handler: (request) => listInquiries(ctx, staffOf(request), request.query),
  });
  app.get('/api/v1/inquiries/counts', {
    config: { policy: staffOnly(INQUIRY_READERS) },
    schema: { tags: ['complaints'], response: { 200: inquiryCounts } },
    handler: (request) => inquiryCountsOf(ctx, staffOf(request)),
  });
  app.get('/api/v1/inquiries/answer-templates', {
    config: { policy: staffOnly(['contact-officer']) },
    schema: { tags: ['complaints'], response: { 200: answerTemplateList } },
    handler: () => answerTemplates(ctx),
  });
  app.get('/api/v1/inquiries/:id', {
    config: { policy: staffOnly(INQUIRY_READERS) },
    schema: { tags: ['complaints'], params: idParams, response: { 200: caseDetail } },
    handler: (request) => getCase(ctx, staffOf(request), 'inquiry', request.params.id),
  });
  app.post('/api/v1/inquiries/:id/steps', {
    config: { policy: staffOnly(INQUIRY_STEPPERS) },
    schema: { tags: ['complaints'], params: idParams, body: inquiryStepBody, response: { 200: caseDetail } },
    handler: (request) => inquiryStep(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get('/api/v1/inquiries/:id/files/:fileId', {
    config: { policy: staffOnly(INQUIRY_READERS) },
    schema: { tags: ['complaints'], params: attachmentParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await readCaseFile(ctx, staffOf(request), 'inquiry', request.params.id, request.params.fileId)),
  });

  // ---- the contact-officer register (§8, G1) ----
  app.get('/api/v1/contact-officers', {
    config: { policy: staffOnly(['administrator', 'management']) },
    schema: { tags: ['complaints'], response: { 200: z.object({ items: z.array(contactOfficer) }) } },
    handler: () => officers.listContactOfficers(ctx),
  });
  app.post('/api/v1/contact-officers', {
    config: { policy: staffOnly(['administrator']) },
    schema: { tags: ['complaints'], body: contactOfficerBody, response: { 201: contactOfficer } },
    handler: async (request, reply) => reply.code(201).send(await officers.createContactOfficer(ctx, staffOf(request), request.body)),
  });
  app.patch('/api/v1/contact-officers/:id', {
    config: { policy: staffOnly(['administrator']) },
    schema: { tags: ['complaints'], params: idParams, body: contactOfficerPatch, response: { 200: contactOfficer } },
    handler: (request) => officers.updateContactOfficer(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get('/api/v1/officer-absences', {
    config: { policy: staffOnly(['administrator', 'management', 'contact-officer']) },
    schema: { tags: ['complaints'], response: { 200: officerRoster } },
    handler: () => officers.officerRoster(ctx),
  });
  // :id is the staff member (an administrator for anyone, a contact officer for themself).
  app.put('/api/v1/officer-absences/:id', {
    config: { policy: staffOnly(['administrator', 'contact-officer']) },
    schema: { tags: ['complaints'], params: idParams, body: absenceBody, response: { 200: absence } },
    handler: (request) => officers.setAbsence(ctx, staffOf(request), request.params.id, request.body),
  });
  app.get('/api/v1/public/contact-officers', {
    config: { policy: PUBLIC },
    schema: { tags: ['public'], response: { 200: publicContactOfficers } },
    handler: () => officers.publicContactOfficers(ctx),
  });
}
