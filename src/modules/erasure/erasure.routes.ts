import {
  complainantErasureResult,
  complaintReferenceQuery,
  eraseComplainantBody,
  eraseFamilyBody,
  erasureHoldList,
  erasureResult,
  familyIdQuery,
  ledgerList,
  retentionPeriodsBody,
  retentionPeriods as retentionPeriodsSchema,
  retentionReport,
  retentionRunList,
} from '../../contracts/erasure.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { familyInScope } from '../families/index.js';
import { complaintErasureHoldsByReference, eraseComplainant } from './erasure.complainant.js';
import { readLedger } from './erasure.ledger.js';
import { eraseFamily, erasureHolds } from './erasure.service.js';
import { retentionPeriods, setRetentionPeriods } from './retention.periods.js';
import { retentionRuns, runRetention } from './retention.run.js';

// F2 (issue 25 §5–§6): the privacy officer and administrators erase, within their family scope.
const OFFICERS = staffOnly(['privacy-officer', 'administrator'], 'families');
const OFFICERS_SETTINGS = staffOnly(['privacy-officer', 'administrator']);

export function erasureRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/privacy/erasures', {
    config: { policy: OFFICERS },
    schema: { tags: ['privacy'], body: eraseFamilyBody, response: { 201: erasureResult } },
    handler: async (request, reply) => {
      const { familyId, reason, requestRef } = request.body;
      const result = await eraseFamily(ctx, { kind: 'staff', principal: staffOf(request) }, familyId, { reason, requestRef });
      return reply.code(201).send(result);
    },
  });

  app.get('/api/v1/privacy/erasures', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], response: { 200: ledgerList } },
    handler: async () => ({
      items: (await readLedger(ctx.db))
        .filter((e) => e.subject_table === 'families')
        .map((e) => ({
          familyId: e.subject_id,
          number: e.number ?? 0,
          cause: e.cause as 'request' | 'retention',
          requestRef: e.request_ref,
          erasedAt: e.erased_at,
        })),
    }),
  });

  app.get('/api/v1/privacy/erasure-holds', {
    config: { policy: OFFICERS },
    schema: { tags: ['privacy'], querystring: familyIdQuery, response: { 200: erasureHoldList } },
    handler: async (request) => {
      const scoped = await ctx.db
        .selectFrom('families as f')
        .select('f.id')
        .where('f.id', '=', request.query.familyId)
        .where(familyInScope('f.id', staffOf(request).scope))
        .executeTakeFirst();
      if (!scoped) throw AppError.notFound('family.not-found', 'No such family in your scope');
      return { holds: await erasureHolds(ctx, request.query.familyId, request.query.requestRef) };
    },
  });

  // Issue 25 §2, §5: the writer of a complaint or inquiry who is not a registered family (the whole
  // privacy office's, as their requests are); a case a family filed goes with the family's erasure.
  app.post('/api/v1/privacy/complainant-erasures', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], body: eraseComplainantBody, response: { 201: complainantErasureResult } },
    handler: async (request, reply) => {
      const { complaintReference, reason, requestRef } = request.body;
      return reply.code(201).send(await eraseComplainant(ctx, staffOf(request), complaintReference, { reason, requestRef }));
    },
  });

  app.get('/api/v1/privacy/complainant-erasure-holds', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], querystring: complaintReferenceQuery, response: { 200: erasureHoldList } },
    handler: async (request) => ({
      holds: await complaintErasureHoldsByReference(ctx, request.query.complaintReference, request.query.requestRef),
    }),
  });

  app.get('/api/v1/privacy/retention', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], response: { 200: retentionPeriodsSchema } },
    handler: () => retentionPeriods(ctx.db),
  });

  app.put('/api/v1/privacy/retention', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], body: retentionPeriodsBody, response: { 200: retentionPeriodsSchema } },
    handler: (request) => setRetentionPeriods(ctx, staffOf(request), request.body),
  });

  // §6: the dry run — what the nightly job would anonymise now; writes nothing.
  app.get('/api/v1/privacy/retention/preview', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], response: { 200: retentionReport } },
    handler: () => runRetention(ctx, { isDryRun: true }),
  });

  app.get('/api/v1/privacy/retention/runs', {
    config: { policy: OFFICERS_SETTINGS },
    schema: { tags: ['privacy'], response: { 200: retentionRunList } },
    handler: async () => ({ items: await retentionRuns(ctx.db) }),
  });
}
