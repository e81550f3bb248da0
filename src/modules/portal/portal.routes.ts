import { z } from 'zod';
import { idParams, okSchema } from '../../contracts/common.js';
import { portalCaseList } from '../../contracts/compensation.js';
import {
  portalAttestationBody,
  portalCodeSentResponse,
  portalLanguageBody,
  portalMeResponse,
  portalSignInStartBody,
  portalSignInStartResponse,
  portalSignInVerifyBody,
} from '../../contracts/portal.js';
import {
  attestation,
  attestationSummary as attestationSummarySchema,
  createOnlineRequestBody,
  familyRequestView,
  REQUEST_FILE_MAX_BYTES,
  requestDocumentParams,
  requestType,
  updateRequestBody,
} from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { readUpload } from '../../platform/files/uploads.js';
import { AppError } from '../../platform/http/app-error.js';
import { clearPortalCookie, PORTAL_COOKIE, setPortalCookie } from '../../platform/http/auth-plugin.js';
import { familyOnly, PUBLIC } from '../../platform/http/route-policy.js';
import { type App, familyOf } from '../../platform/http/types.js';
import { familyCompensationCases } from '../compensation/index.js';
import {
  addOnlineDocument,
  attestationSummary,
  createOnlineRequest,
  familyRequest,
  familyRequests,
  onlineRequestTypes,
  removeOnlineDocument,
  submitOnlineRequest,
  updateOnlineRequest,
} from '../requests/index.js';
import { portalAttestationRoutes } from './portal.attestation-routes.js';
import { assertApplicationNotice } from './portal.consents.js';
import { startAttestation, verifyAttestation } from './portal.requests.js';
import * as portal from './portal.service.js';

/** Per-address limits on top of the database throttle (ARCHITECTURE.md "Throttling"). */
const SIGN_IN_RATE = { max: 30, timeWindow: '1 minute' };
const FAMILY = familyOnly();

/** The beneficiary portal's API (issue 5 §2, §9): sign-in by one-time code and the family's own records. */
export function portalRoutes(app: App, ctx: AppContext): void {
  const isHttps = ctx.config.publicUrl?.startsWith('https:') ?? false;

  app.post('/api/v1/portal/sign-in/start', {
    config: { policy: PUBLIC, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], body: portalSignInStartBody, response: { 202: portalSignInStartResponse } },
    handler: async (request, reply) => {
      const answer = await portal.startSignIn(ctx, { ...request.body, address: request.ip });
      return reply.code(202).send(answer);
    },
  });

  app.post('/api/v1/portal/sign-in/verify', {
    config: { policy: PUBLIC, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], body: portalSignInVerifyBody, response: { 200: portalMeResponse } },
    handler: async (request, reply) => {
      const { token, session } = await portal.verifySignIn(ctx, {
        ...request.body,
        address: request.ip,
        previousToken: request.cookies[PORTAL_COOKIE],
      });
      setPortalCookie(request, reply, token, isHttps);
      return reply.send(await portal.describeFamily(ctx, { familyId: session.principal_id, csrfToken: session.csrf_token }));
    },
  });

  app.post('/api/v1/portal/sign-out', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: okSchema } },
    handler: async (request, reply) => {
      await portal.signOut(ctx, familyOf(request));
      clearPortalCookie(reply);
      return { ok: true as const };
    },
  });

  app.get('/api/v1/portal/me', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: portalMeResponse } },
    handler: (request) => portal.describeFamily(ctx, familyOf(request)),
  });

  // -- the family's own compensation cases (issue 23 §5): step and dates, no staff names or notes --
  app.get('/api/v1/portal/compensation-cases', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: portalCaseList } },
    handler: async (request) => ({ items: await familyCompensationCases(ctx, familyOf(request).familyId) }),
  });

  // -- the family's own requests (§9): only its records; another family's request → 404 --
  app.get('/api/v1/portal/requests', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: z.object({ items: z.array(familyRequestView) }) } },
    handler: async (request) => ({ items: await familyRequests(ctx, familyOf(request).familyId) }),
  });

  app.get('/api/v1/portal/requests/:id', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: idParams, response: { 200: familyRequestView } },
    handler: (request) => familyRequest(ctx, familyOf(request).familyId, request.params.id),
  });

  // C2: the types a family can apply for online, their criteria and checklist shown before anything is filled.
  app.get('/api/v1/portal/request-types', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], response: { 200: z.object({ items: z.array(requestType) }) } },
    handler: async () => ({ items: await onlineRequestTypes(ctx) }),
  });

  // Online application (A: channel `website`); the idempotency key makes one request of a double submit.
  app.post('/api/v1/portal/requests', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], body: createOnlineRequestBody, response: { 201: familyRequestView } },
    handler: async (request, reply) => {
      await assertApplicationNotice(ctx, request.body.privacyNoticeVersion); // F2, issue 20 §4
      return reply.code(201).send(await createOnlineRequest(ctx, familyOf(request).familyId, request.body));
    },
  });

  app.patch('/api/v1/portal/requests/:id', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: idParams, body: updateRequestBody, response: { 200: familyRequestView } },
    handler: (request) => updateOnlineRequest(ctx, familyOf(request).familyId, request.params.id, request.body),
  });

  // C3: a document for a checklist item, multipart (`itemKey` before `file`), through the file store with
  // the staff uploads' refusals (type read from the bytes, SVG, a path in the name, size): nothing stored.
  app.post('/api/v1/portal/requests/:id/documents', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: idParams, consumes: ['multipart/form-data'], response: { 201: familyRequestView } },
    handler: async (request, reply) => {
      // The name as sent, so that a name with a path is refused rather than silently cut.
      const file = await readUpload(request, { maxBytes: REQUEST_FILE_MAX_BYTES, preservePath: true });
      const itemKey = file.field('itemKey');
      if (!itemKey)
        throw AppError.badRequest('request.invalid', 'Say which checklist item the file is for', [
          { pointer: '/itemKey', code: 'field.required', detail: 'Send the itemKey field before the file' },
        ]);
      const view = await addOnlineDocument(ctx, familyOf(request).familyId, request.params.id, {
        itemKey,
        fileName: file.fileName,
        bytes: file.bytes,
      });
      return reply.code(201).send(view);
    },
  });

  // A document uploaded by mistake, taken back before the request is sent (voids a confirmation, C4).
  app.delete('/api/v1/portal/requests/:id/documents/:documentId', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: requestDocumentParams, response: { 200: familyRequestView } },
    handler: (request) => removeOnlineDocument(ctx, familyOf(request).familyId, request.params.id, request.params.documentId),
  });

  // C2, C3: refused with 422 and the missing items until complete and attested.
  app.post('/api/v1/portal/requests/:id/submit', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: idParams, response: { 200: familyRequestView } },
    handler: (request) => submitOnlineRequest(ctx, familyOf(request).familyId, request.params.id),
  });

  // C4 online: what the family is about to confirm, a code by SMS, the code back.
  app.get('/api/v1/portal/requests/:id/attestation', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: idParams, response: { 200: attestationSummarySchema } },
    handler: (request) => attestationSummary(ctx, familyOf(request).familyId, request.params.id),
  });

  app.post('/api/v1/portal/requests/:id/attestation/start', {
    config: { policy: FAMILY, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], params: idParams, body: portalLanguageBody.optional(), response: { 202: portalCodeSentResponse } },
    handler: async (request, reply) => {
      const answer = await startAttestation(ctx, familyOf(request), request.params.id, {
        address: request.ip,
        language: request.body?.language,
      });
      return reply.code(202).send(answer);
    },
  });

  app.post('/api/v1/portal/requests/:id/attestation/verify', {
    config: { policy: FAMILY, rateLimit: SIGN_IN_RATE },
    schema: { tags: ['portal'], params: idParams, body: portalAttestationBody, response: { 200: attestation } },
    handler: (request) => verifyAttestation(ctx, familyOf(request), request.params.id, { ...request.body, address: request.ip }),
  });

  // C4, D2 (issue 22): subjects of other kinds, by the same code.
  portalAttestationRoutes(app, ctx);
}
