import { idParams } from '../../contracts/common.js';
import {
  answerBody,
  breachDetail,
  breachList,
  breachListQuery,
  closeBreachBody,
  createBreachBody,
  createRequestBody,
  decideBreachBody,
  extendBody,
  informBody,
  notifyRegulatorBody,
  portalCopyParams,
  portalPrivacyRequestAnswer,
  portalPrivacyRequestBody,
  portalPrivacyRequestList,
  privacyRequestDetail,
  privacyRequestList,
  privacySettings,
  processingRecord as processingRecordSchema,
  refuseBody,
  requestListQuery,
  verifyBody,
} from '../../contracts/privacy.js';
import type { AppContext } from '../../platform/context.js';
import { sendStoredFile } from '../../platform/files/file-store.js';
import { familyOnly, staffOnly } from '../../platform/http/route-policy.js';
import { type App, familyOf, staffOf } from '../../platform/http/types.js';
import { answerRequest, extendRequest, linkCorrection, refuseRequest, verifyRequest } from './privacy.actions.js';
import { closeBreach, decideBreach, getBreach, informPeople, listBreaches, notifyRegulator, recordBreach } from './privacy.breaches.js';
import { READERS } from './privacy.policy.js';
import { downloadFamilyCopy, familyPrivacyRequests, fileFromPortal } from './privacy.portal.js';
import { processingRecord } from './privacy.record.js';
import { createRequest, getRequest, listRequests } from './privacy.requests.js';
import { getPrivacySettings, updatePrivacySettings } from './privacy.settings.js';

/**
 * Data-subject requests' API (issue 25 §2, F2), each route a pipeline: policy → schema → one service.
 * Privacy officers and administrators open the routes; the services keep writes to the officers and
 * every record within the caller's scope (404 outside it).
 */
const POLICY = staffOnly([...READERS], 'families');
const TAGS = ['privacy'];
const BASE = '/api/v1/privacy/requests';

export function privacyRequestRoutes(app: App, ctx: AppContext): void {
  app.get(BASE, {
    config: { policy: POLICY },
    schema: { tags: TAGS, querystring: requestListQuery, response: { 200: privacyRequestList } },
    handler: (request) => listRequests(ctx, staffOf(request), request.query),
  });
  app.post(BASE, {
    config: { policy: POLICY },
    schema: { tags: TAGS, body: createRequestBody, response: { 201: privacyRequestDetail } },
    handler: async (request, reply) => reply.code(201).send(await createRequest(ctx, staffOf(request), request.body)),
  });
  app.get(`${BASE}/:id`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: privacyRequestDetail } },
    handler: (request) => getRequest(ctx, staffOf(request), request.params.id),
  });
  app.post(`${BASE}/:id/verification`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: verifyBody, response: { 200: privacyRequestDetail } },
    handler: (request) => verifyRequest(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BASE}/:id/answer`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: answerBody, response: { 200: privacyRequestDetail } },
    handler: (request) => answerRequest(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BASE}/:id/refusal`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: refuseBody, response: { 200: privacyRequestDetail } },
    handler: (request) => refuseRequest(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BASE}/:id/extension`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: extendBody, response: { 200: privacyRequestDetail } },
    handler: (request) => extendRequest(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BASE}/:id/correction-link`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: privacyRequestDetail } },
    handler: (request) => linkCorrection(ctx, staffOf(request), request.params.id),
  });
  // F2 (issue 25 §2): a family files a request from the portal, its sign-in the identity check.
  app.post('/api/v1/portal/privacy-requests', {
    config: { policy: familyOnly() },
    schema: { tags: ['portal'], body: portalPrivacyRequestBody, response: { 201: portalPrivacyRequestAnswer } },
    handler: async (request, reply) => reply.code(201).send(await fileFromPortal(ctx, familyOf(request), request.body)),
  });
  // Issue 25 §2–§3: the family's own portal requests and its access copy (7 days; another family's → 404).
  app.get('/api/v1/portal/privacy-requests', {
    config: { policy: familyOnly() },
    schema: { tags: ['portal'], response: { 200: portalPrivacyRequestList } },
    handler: async (request) => ({ items: await familyPrivacyRequests(ctx, familyOf(request).familyId) }),
  });
  app.get('/api/v1/portal/privacy-requests/:id/access-copy/:format', {
    config: { policy: familyOnly() },
    schema: { tags: ['portal'], params: portalCopyParams },
    handler: async (request, reply) =>
      sendStoredFile(reply, await downloadFamilyCopy(ctx, familyOf(request), request.params.id, request.params.format)),
  });
  // Issue 25 §7: the record of processing, generated from the registry and the settings.
  app.get('/api/v1/privacy/record', {
    config: { policy: POLICY },
    schema: { tags: TAGS, response: { 200: processingRecordSchema } },
    handler: (request) => processingRecord(ctx, staffOf(request)),
  });
  app.get('/api/v1/privacy/settings', {
    config: { policy: POLICY },
    schema: { tags: TAGS, response: { 200: privacySettings } },
    handler: () => getPrivacySettings(ctx),
  });
  app.put('/api/v1/privacy/settings', {
    config: { policy: staffOnly(['administrator', 'privacy-officer']) },
    schema: { tags: TAGS, body: privacySettings, response: { 200: privacySettings } },
    handler: (request) => updatePrivacySettings(ctx, staffOf(request), request.body),
  });
}

const BREACHES = '/api/v1/privacy/breaches';

/** The breach register's API (issue 25 §8, F2): the privacy officers record and act, administrators read. */
export function privacyBreachRoutes(app: App, ctx: AppContext): void {
  app.get(BREACHES, {
    config: { policy: POLICY },
    schema: { tags: TAGS, querystring: breachListQuery, response: { 200: breachList } },
    handler: (request) => listBreaches(ctx, staffOf(request), request.query),
  });
  app.post(BREACHES, {
    config: { policy: POLICY },
    schema: { tags: TAGS, body: createBreachBody, response: { 201: breachDetail } },
    handler: async (request, reply) => reply.code(201).send(await recordBreach(ctx, staffOf(request), request.body)),
  });
  app.get(`${BREACHES}/:id`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, response: { 200: breachDetail } },
    handler: (request) => getBreach(ctx, staffOf(request), request.params.id),
  });
  app.post(`${BREACHES}/:id/decision`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: decideBreachBody, response: { 200: breachDetail } },
    handler: (request) => decideBreach(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BREACHES}/:id/regulator-notification`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: notifyRegulatorBody, response: { 200: breachDetail } },
    handler: (request) => notifyRegulator(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BREACHES}/:id/people-informed`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: informBody, response: { 200: breachDetail } },
    handler: (request) => informPeople(ctx, staffOf(request), request.params.id, request.body),
  });
  app.post(`${BREACHES}/:id/closure`, {
    config: { policy: POLICY },
    schema: { tags: TAGS, params: idParams, body: closeBreachBody, response: { 200: breachDetail } },
    handler: (request) => closeBreach(ctx, staffOf(request), request.params.id, request.body),
  });
}
