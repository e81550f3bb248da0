import { z } from 'zod';
import {
  consentPurpose,
  consentPurposeParams,
  createConsentPurposeBody,
  createPrivacyNoticeBody,
  privacyNotice,
  privacyNoticeParams,
  updateConsentPurposeBody,
} from '../../contracts/settings.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import * as consent from './settings.consent.js';

const ADMIN = staffOnly(['administrator']);
const ANY_STAFF = staffOnly('any-role');

/** Settings → consent purposes and privacy notices (issue 20 §3–§4, F2): staff read, administrators edit. */
export function consentSettingsRoutes(app: App, ctx: AppContext): void {
  app.get('/api/v1/settings/consent-purposes', {
    config: { policy: ANY_STAFF },
    schema: { tags: ['settings'], response: { 200: z.array(consentPurpose) } },
    handler: () => consent.listConsentPurposes(ctx.db),
  });

  app.post('/api/v1/settings/consent-purposes', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], body: createConsentPurposeBody, response: { 201: consentPurpose } },
    handler: async (request, reply) =>
      reply.code(201).send(await consent.createConsentPurpose(ctx, { id: staffOf(request).userId }, request.body)),
  });

  app.patch('/api/v1/settings/consent-purposes/:code', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], params: consentPurposeParams, body: updateConsentPurposeBody, response: { 200: consentPurpose } },
    handler: (request) => consent.updateConsentPurpose(ctx, { id: staffOf(request).userId }, request.params.code, request.body),
  });

  // Registration forms read the current notice, so every staff member may.
  app.get('/api/v1/settings/privacy-notices/:kind', {
    config: { policy: ANY_STAFF },
    schema: { tags: ['settings'], params: privacyNoticeParams, response: { 200: z.array(privacyNotice) } },
    handler: (request) => consent.listPrivacyNotices(ctx.db, request.params.kind),
  });

  app.post('/api/v1/settings/privacy-notices/:kind', {
    config: { policy: ADMIN },
    schema: { tags: ['settings'], params: privacyNoticeParams, body: createPrivacyNoticeBody, response: { 201: privacyNotice } },
    handler: async (request, reply) =>
      reply.code(201).send(await consent.createPrivacyNotice(ctx, { id: staffOf(request).userId }, request.params.kind, request.body)),
  });
}
