import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { portalFamilyOf } from '../../platform/http/auth-plugin.js';
import { familyRequests } from '../requests/requests.workflow.js';
import { getAssociation } from '../settings/settings.service.js';
import { type PortalLanguage, type PortalPageAssets, renderPortalPage, type SignedInFamily } from './portal.page.js';
import { canSendCodes, describeFamily } from './portal.service.js';

/**
 * The HTML of `/portal` for this request: the family signed in on the portal cookie sees its own
 * requests (through the requests module's `familyRequests`), everyone else the sign-in form.
 */
export async function portalPageFor(
  ctx: AppContext,
  request: FastifyRequest,
  { language, assets }: { language: PortalLanguage; assets: PortalPageAssets },
): Promise<string> {
  const principal = await portalFamilyOf(ctx.sessions, request);
  let family: SignedInFamily | null = null;
  if (principal) {
    const me = await describeFamily(ctx, principal, language);
    family = { ...me, requests: await familyRequests(ctx, principal.familyId) };
  }
  return renderPortalPage({
    association: await getAssociation(ctx),
    language,
    assets,
    now: ctx.clock.now(),
    canSignIn: canSendCodes(ctx),
    family,
  });
}
