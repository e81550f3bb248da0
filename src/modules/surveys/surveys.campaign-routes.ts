import { idParams } from '../../contracts/common.js';
import {
  campaign,
  campaignList,
  campaignListQuery,
  campaignPreview,
  campaignPreviewBody,
  createCampaignBody,
} from '../../contracts/survey-campaigns.js';
import type { AppContext } from '../../platform/context.js';
import { staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { previewCampaign } from './surveys.campaign-audience.js';
import { CAMPAIGN_ROLES } from './surveys.campaign-policy.js';
import { cancelCampaign, createCampaign, getCampaign, listCampaigns } from './surveys.campaigns.js';

/** Issue 24 §3 (H1): periodic campaigns, run by management (and administrators) within their scope. */
const CAMPAIGNS = staffOnly(CAMPAIGN_ROLES, 'families');

export function surveyCampaignRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/surveys/campaigns/preview', {
    config: { policy: CAMPAIGNS },
    schema: { tags: ['surveys'], body: campaignPreviewBody, response: { 200: campaignPreview } },
    handler: (request) => previewCampaign(ctx, staffOf(request), request.body),
  });
  app.get('/api/v1/surveys/campaigns', {
    config: { policy: CAMPAIGNS },
    schema: { tags: ['surveys'], querystring: campaignListQuery, response: { 200: campaignList } },
    handler: (request) => listCampaigns(ctx, staffOf(request), request.query),
  });
  app.post('/api/v1/surveys/campaigns', {
    config: { policy: CAMPAIGNS },
    schema: { tags: ['surveys'], body: createCampaignBody, response: { 201: campaign } },
    handler: async (request, reply) => reply.code(201).send(await createCampaign(ctx, staffOf(request), request.body)),
  });
  app.get('/api/v1/surveys/campaigns/:id', {
    config: { policy: CAMPAIGNS },
    schema: { tags: ['surveys'], params: idParams, response: { 200: campaign } },
    handler: (request) => getCampaign(ctx, staffOf(request), request.params.id),
  });
  app.post('/api/v1/surveys/campaigns/:id/cancel', {
    config: { policy: CAMPAIGNS },
    schema: { tags: ['surveys'], params: idParams, response: { 200: campaign } },
    handler: (request) => cancelCampaign(ctx, staffOf(request), request.params.id),
  });
}
