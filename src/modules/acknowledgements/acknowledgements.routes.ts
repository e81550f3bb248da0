import {
  acknowledgeBody,
  acknowledgedResponse,
  contractParty,
  contractPartyBody,
  contractPartyList,
  exemptionBody,
  exemptionList,
  exemptionParams,
  exemptionResponse,
  headedDepartmentList,
  liftedResponse,
  myAcknowledgements,
  receiptParams,
  receiptResponse,
  remindBody,
  remindResponse,
  requirementBody,
  requirementResponse,
  sendLinkBody,
  sendLinkResponse,
  versionOverviewList,
  versionParams,
  versionStatus as versionStatusSchema,
} from '../../contracts/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { openWhileGated, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { headedDepartments } from './acknowledgements.departments.js';
import { liftExemption, listExemptions, recordExemption } from './acknowledgements.exemptions.js';
import { exportStatus, listOverview, recordReceipt, remindPending, versionStatus } from './acknowledgements.hr.js';
import { acknowledgeVersion, myPending } from './acknowledgements.mine.js';
import { createParty, listParties, sendLink } from './acknowledgements.parties.js';
import { ACK_HR, ACK_REQUIRERS } from './acknowledgements.policy.js';
import { clearRequirement, getRequirement, setRequirement } from './acknowledgements.requirements.js';

const tags = ['acknowledgements'];
const HR = staffOnly(ACK_HR);
const REQUIRERS = staffOnly(ACK_REQUIRERS);
/** R1: a staff member's own acknowledgements stay open while an overdue one closes the rest. */
const OWN = openWhileGated(staffOnly('any-role', 'self'));
const CONFIRM_RATE = { max: 30, timeWindow: '1 minute' };

export function acknowledgementRoutes(app: App, ctx: AppContext): void {
  // -- the requirement on a version (documents editors and administrators; HR reads it) --
  app.get('/api/v1/acknowledgements/requirements/:versionId', {
    config: { policy: staffOnly([...new Set([...ACK_REQUIRERS, ...ACK_HR])]) },
    schema: { tags, params: versionParams, response: { 200: requirementResponse } },
    handler: async (request) => ({ requirement: await getRequirement(ctx, request.params.versionId) }),
  });
  app.put('/api/v1/acknowledgements/requirements/:versionId', {
    config: { policy: REQUIRERS },
    schema: { tags, params: versionParams, body: requirementBody, response: { 200: requirementResponse } },
    handler: async (request) => ({ requirement: await setRequirement(ctx, staffOf(request), request.params.versionId, request.body) }),
  });
  app.delete('/api/v1/acknowledgements/requirements/:versionId', {
    config: { policy: REQUIRERS },
    schema: { tags, params: versionParams, response: { 200: requirementResponse } },
    handler: async (request) => {
      await clearRequirement(ctx, staffOf(request), request.params.versionId);
      return { requirement: null };
    },
  });

  // -- the signed-in staff member's own (R1) --
  app.get('/api/v1/acknowledgements/mine', {
    config: { policy: OWN },
    schema: { tags, response: { 200: myAcknowledgements } },
    handler: async (request) => ({ items: await myPending(ctx, staffOf(request)) }),
  });
  app.post('/api/v1/acknowledgements/mine/:versionId', {
    config: { policy: OWN, rateLimit: CONFIRM_RATE },
    schema: { tags, params: versionParams, body: acknowledgeBody, response: { 200: acknowledgedResponse } },
    handler: (request) => acknowledgeVersion(ctx, staffOf(request), request.params.versionId, request.body),
  });
  // R2: the departments and sections the caller heads, with each copy received or not (only their own).
  app.get('/api/v1/acknowledgements/departments/mine', {
    config: { policy: staffOnly('any-role', 'self') },
    schema: { tags, response: { 200: headedDepartmentList } },
    handler: async (request) => ({ items: await headedDepartments(ctx, staffOf(request)) }),
  });
  // R2: the head of a department records its receipt of the copy.
  app.post('/api/v1/acknowledgements/versions/:versionId/departments/:departmentId/receipt', {
    config: { policy: staffOnly('any-role', 'self') },
    schema: { tags, params: receiptParams, response: { 200: receiptResponse } },
    handler: async (request) => ({
      receivedAt: await recordReceipt(ctx, staffOf(request), request.params.versionId, request.params.departmentId),
    }),
  });

  // -- HR (R2) --
  app.get('/api/v1/acknowledgements/versions', {
    config: { policy: HR },
    schema: { tags, response: { 200: versionOverviewList } },
    handler: async () => ({ items: await listOverview(ctx) }),
  });
  app.get('/api/v1/acknowledgements/versions/:versionId', {
    config: { policy: HR },
    schema: { tags, params: versionParams, response: { 200: versionStatusSchema } },
    handler: (request) => versionStatus(ctx, staffOf(request), request.params.versionId),
  });
  app.post('/api/v1/acknowledgements/versions/:versionId/reminders', {
    config: { policy: HR },
    schema: { tags, params: versionParams, body: remindBody, response: { 200: remindResponse } },
    handler: async (request) => ({
      reminded: await remindPending(ctx, staffOf(request), request.params.versionId, request.body.staffIds),
    }),
  });
  app.get('/api/v1/acknowledgements/versions/:versionId/export', {
    config: { policy: HR },
    schema: { tags, params: versionParams },
    handler: async (request, reply) => {
      const file = await exportStatus(ctx, staffOf(request), request.params.versionId);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  });
  app.post('/api/v1/acknowledgements/versions/:versionId/links', {
    config: { policy: HR },
    schema: { tags, params: versionParams, body: sendLinkBody, response: { 200: sendLinkResponse } },
    handler: (request) => sendLink(ctx, staffOf(request), request.params.versionId, request.body.partyId),
  });

  // -- contract parties and exemptions (P-SCOPE) --
  app.get('/api/v1/acknowledgements/parties', {
    config: { policy: HR },
    schema: { tags, response: { 200: contractPartyList } },
    handler: async () => ({ items: await listParties(ctx) }),
  });
  app.post('/api/v1/acknowledgements/parties', {
    config: { policy: HR },
    schema: { tags, body: contractPartyBody, response: { 201: contractParty } },
    handler: async (request, reply) => reply.code(201).send(await createParty(ctx, staffOf(request), request.body)),
  });
  app.post('/api/v1/acknowledgements/exemptions', {
    config: { policy: HR },
    schema: { tags, body: exemptionBody, response: { 201: exemptionResponse } },
    handler: async (request, reply) => reply.code(201).send(await recordExemption(ctx, staffOf(request), request.body)),
  });
  app.get('/api/v1/acknowledgements/versions/:versionId/exemptions', {
    config: { policy: HR },
    schema: { tags, params: versionParams, response: { 200: exemptionList } },
    handler: async (request) => ({ items: await listExemptions(ctx, staffOf(request), request.params.versionId) }),
  });
  app.delete('/api/v1/acknowledgements/exemptions/:exemptionId', {
    config: { policy: HR },
    schema: { tags, params: exemptionParams, response: { 200: liftedResponse } },
    handler: async (request) => ({ liftedAt: await liftExemption(ctx, staffOf(request), request.params.exemptionId) }),
  });
}
