import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../contracts/common.js';
import { consentLinkBody, consentLinkView, consentLinkWithdrawBody, familyConsents, recordConsentBody } from '../../contracts/families.js';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC, staffOnly } from '../../platform/http/route-policy.js';
import { type App, staffOf } from '../../platform/http/types.js';
import { getAssociation } from '../settings/index.js';
import { consentPage, type Language } from './families.consent-page.js';
import { describeConsentLink, getFamilyConsents, recordFamilyConsent, withdrawByLink } from './families.consent-service.js';
import { FAMILY_READERS, FAMILY_REGISTRARS } from './families.policy.js';

const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;
/** Per-address limit on the public link's API (tokens carry a 96-bit HMAC; this only keeps noise down). */
const LINK_RATE = { max: 30, timeWindow: '1 minute' };

/** Consent per purpose (issue 20 §3, F2): the family page's API, the withdrawal link's API and page. */
export function consentRoutes(app: App, ctx: AppContext, webDir: string | undefined): void {
  app.get('/api/v1/families/:id/consents', {
    config: { policy: staffOnly(FAMILY_READERS, 'families') },
    schema: { tags: ['families'], params: idParams, response: { 200: familyConsents } },
    handler: (request) => getFamilyConsents(ctx, staffOf(request), request.params.id),
  });

  app.post('/api/v1/families/:id/consents', {
    config: { policy: staffOnly(FAMILY_REGISTRARS, 'families') },
    schema: { tags: ['families'], params: idParams, body: recordConsentBody, response: { 200: familyConsents } },
    handler: (request) => recordFamilyConsent(ctx, staffOf(request), request.params.id, request.body),
  });

  // The token travels in the body: it is a bearer secret and stays out of access logs.
  app.post('/api/v1/public/consent/link', {
    config: { policy: PUBLIC, rateLimit: LINK_RATE },
    schema: { tags: ['public'], body: consentLinkBody, response: { 200: consentLinkView } },
    handler: (request) => describeConsentLink(ctx, request.body.token),
  });

  app.post('/api/v1/public/consent/withdraw', {
    config: { policy: PUBLIC, rateLimit: LINK_RATE },
    schema: { tags: ['public'], body: consentLinkWithdrawBody, response: { 200: consentLinkView } },
    handler: (request) => withdrawByLink(ctx, request.body.token, request.body.confirmEndOfService),
  });

  const querystring = z.object({ lang: z.enum(['ar', 'en']).optional() });
  app.get('/consent', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring },
    handler: async (request: FastifyRequest<{ Querystring: { lang?: Language } }>, reply: FastifyReply) => {
      const chosen = request.query.lang;
      if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
      const language: Language = chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
      const page = consentPage({ language, association: await getAssociation(ctx), webDir });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    },
  });
}
