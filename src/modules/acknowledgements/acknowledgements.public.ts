import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { acknowledgedResponse, linkDocument, openLinkBody, publicAcknowledgeBody } from '../../contracts/acknowledgements.js';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { getAssociation } from '../settings/index.js';
import { ackPage, type Language } from './acknowledgements.page.js';
import { acknowledgeByLink, openLink } from './acknowledgements.parties.js';

const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;
/** P-SCOPE: per-address limit on the link's API (a token carries 160 random bits; this keeps guessing and noise down). */
const LINK_RATE = { max: 20, timeWindow: '1 minute' };

/** The contract party's page `/ack#<token>` and its public API (issue 26 §4, P-SCOPE). */
export function acknowledgementPublicRoutes(app: App, ctx: AppContext, webDir: string | undefined): void {
  // The token travels in the body: a bearer secret stays out of access logs.
  app.post('/api/v1/public/acknowledgements/link', {
    config: { policy: PUBLIC, rateLimit: LINK_RATE },
    schema: { tags: ['public'], body: openLinkBody, response: { 200: linkDocument } },
    handler: (request) => openLink(ctx, request.body.token),
  });
  app.post('/api/v1/public/acknowledgements', {
    config: { policy: PUBLIC, rateLimit: LINK_RATE },
    schema: { tags: ['public'], body: publicAcknowledgeBody, response: { 200: acknowledgedResponse.pick({ acknowledgedAt: true }) } },
    handler: (request) => acknowledgeByLink(ctx, request.body),
  });

  const querystring = z.object({ lang: z.enum(['ar', 'en']).optional() });
  app.get('/ack', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring },
    handler: async (request: FastifyRequest<{ Querystring: { lang?: Language } }>, reply: FastifyReply) => {
      const chosen = request.query.lang;
      if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
      const language: Language = chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
      const page = ackPage({ language, association: await getAssociation(ctx), webDir });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    },
  });
}
