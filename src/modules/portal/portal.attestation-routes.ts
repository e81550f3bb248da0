import { subjectAttestation, subjectAttestationState, subjectParams } from '../../contracts/attestations.js';
import { portalAttestationBody, portalCodeSentResponse, portalLanguageBody } from '../../contracts/portal.js';
import type { AppContext } from '../../platform/context.js';
import { familyOnly } from '../../platform/http/route-policy.js';
import { type App, familyOf } from '../../platform/http/types.js';
import { familySubject, startSubjectAttestation, verifySubjectAttestation } from './portal.attestations.js';

/** C4, D2 online (issue 22): the family attests a subject of any kind with a code on its phone. */
const FAMILY = familyOnly();
const CODE_RATE = { max: 30, timeWindow: '1 minute' };

export function portalAttestationRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/portal/attestations/:kind/:id', {
    config: { policy: FAMILY },
    schema: { tags: ['portal'], params: subjectParams, response: { 200: subjectAttestationState } },
    handler: (request) => familySubject(ctx, familyOf(request), request.params.kind, request.params.id),
  });

  app.post('/api/v1/portal/attestations/:kind/:id/start', {
    config: { policy: FAMILY, rateLimit: CODE_RATE },
    schema: { tags: ['portal'], params: subjectParams, body: portalLanguageBody.optional(), response: { 202: portalCodeSentResponse } },
    handler: async (request, reply) => {
      const answer = await startSubjectAttestation(ctx, familyOf(request), request.params.kind, request.params.id, {
        address: request.ip,
        language: request.body?.language,
      });
      return reply.code(202).send(answer);
    },
  });

  app.post('/api/v1/portal/attestations/:kind/:id/verify', {
    config: { policy: FAMILY, rateLimit: CODE_RATE },
    schema: { tags: ['portal'], params: subjectParams, body: portalAttestationBody, response: { 200: subjectAttestation } },
    handler: (request) =>
      verifySubjectAttestation(ctx, familyOf(request), request.params.kind, request.params.id, { ...request.body, address: request.ip }),
  });
}
