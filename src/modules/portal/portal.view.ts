import type { FastifyRequest } from 'fastify';
import type { AttestationSummary, FamilyRequestView } from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { portalFamilyOf } from '../../platform/http/auth-plugin.js';
import { uuidv7 } from '../../platform/ids.js';
import { familyCompensationCases } from '../compensation/index.js';
import { familyContact, familyOwnConsents } from '../families/index.js';
import { familyPrivacyRequests } from '../privacy/index.js';
import { attestationSummary, familyRequest, familyRequests, onlineRequestTypes } from '../requests/index.js';
import { currentPrivacyNotice, getAssociation } from '../settings/index.js';
import type { PortalView } from './portal.apply.js';
import { type PortalLanguage, type PortalPageAssets, renderPortalPage, type SignedInFamily } from './portal.page.js';
import { canSendCodes, describeFamily } from './portal.service.js';

/** Which part of the portal the address asks for (`/portal`, `/portal/apply[/:type]`, `/portal/requests/:id`). */
export type PortalPath =
  | { kind: 'home' }
  | { kind: 'apply'; typeCode?: string }
  | { kind: 'request'; requestId: string }
  /** Issue 25 §2–§3: the family's data-subject requests and access copies (`/portal/privacy`). */
  | { kind: 'privacy' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request of the family, or null when it is not the family's (shown as "not found", never another's). */
async function ownRequest(ctx: AppContext, familyId: string, requestId: string): Promise<FamilyRequestView | null> {
  if (!UUID.test(requestId)) return null;
  try {
    return await familyRequest(ctx, familyId, requestId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

async function viewFor(ctx: AppContext, familyId: string, path: PortalPath): Promise<PortalView> {
  if (path.kind === 'apply' && !path.typeCode) return { kind: 'apply', types: await onlineRequestTypes(ctx) };
  if (path.kind === 'apply') {
    const type = (await onlineRequestTypes(ctx)).find((t) => t.code === path.typeCode) ?? null;
    // The form's own key: pressing "start" twice (or a retry) makes one request.
    return {
      kind: 'apply-type',
      type,
      idempotencyKey: `portal-${uuidv7(ctx.clock.now().getTime())}`,
      notice: await currentPrivacyNotice(ctx.db, 'registration'), // issue 20 §4
    };
  }
  if (path.kind === 'request') {
    const request = await ownRequest(ctx, familyId, path.requestId);
    const contact = await familyContact(ctx, familyId);
    const isOpen = request && (request.status === 'draft' || request.status === 'information-requested');
    const summary: AttestationSummary | null =
      isOpen && !request.missing.length && !request.isAttested ? await attestationSummary(ctx, familyId, request.id) : null;
    return {
      kind: 'request',
      request,
      summary,
      canConfirmByCode: canSendCodes(ctx) && Boolean(contact?.mobile),
      agreedChannel: contact?.agreedChannel ?? 'sms',
    };
  }
  if (path.kind === 'privacy') return { kind: 'privacy', requests: await familyPrivacyRequests(ctx, familyId) };
  return { kind: 'home' };
}

/**
 * The HTML of the portal for this request: the family signed in on the portal cookie sees its own
 * requests (through the requests module's functions), everyone else the sign-in form.
 */
export async function portalPageFor(
  ctx: AppContext,
  request: FastifyRequest,
  { language, assets, path = { kind: 'home' } }: { language: PortalLanguage; assets: PortalPageAssets; path?: PortalPath },
): Promise<string> {
  const principal = await portalFamilyOf(ctx.sessions, request);
  let family: SignedInFamily | null = null;
  let view: PortalView = { kind: 'home' };
  if (principal) {
    const me = await describeFamily(ctx, principal, language);
    view = await viewFor(ctx, principal.familyId, path);
    family = { ...me, requests: view.kind === 'home' ? await familyRequests(ctx, principal.familyId) : [] };
    if (view.kind === 'home') {
      family.consents = await familyOwnConsents(ctx, principal.familyId); // issue 20 §3
      family.compensationCases = await familyCompensationCases(ctx, principal.familyId); // issue 23 §5
    }
  }
  return renderPortalPage({
    association: await getAssociation(ctx),
    language,
    assets,
    now: ctx.clock.now(),
    canSignIn: canSendCodes(ctx),
    family,
    view,
    selfPath: /^\/portal(\/[A-Za-z0-9/_-]*)?$/.test(request.url.split('?')[0] ?? '') ? request.url.split('?')[0] : '/portal',
  });
}
