import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { APPLE_TOUCH_ICON, ICON_ICO, ICON_SVG } from '../../platform/http/icons.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { entryAssets } from '../../platform/http/web-assets.js';
import { type PortalPath, portalPageFor } from '../portal/index.js';
import { getAssociation } from '../settings/index.js';
import { type PublicLanguage, renderPublicHome } from './public-home.js';

const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;
/** The icons keep their names (browsers ask for `/favicon.ico` by itself), so a week, not a year. */
const ICON_CACHE = 'public, max-age=604800';

function pageLanguage(request: FastifyRequest<{ Querystring: { lang?: 'ar' | 'en' } }>, reply: FastifyReply): PublicLanguage {
  const chosen = request.query.lang;
  if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
  return chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
}

const NOT_BUILT = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صلة</title></head>
<body><p>واجهة الموظفين لم تُبنَ بعد. شغّل <code>npm run build</code>.</p><p lang="en" dir="ltr">The staff app is not built yet. Run <code>npm run build</code>.</p></body></html>`;

/**
 * The pages people open (ARCHITECTURE.md "Public URLs"): `/` rendered on the server, `/staff`
 * the staff app. The HTML already carries lang="ar" dir="rtl" (the default language).
 */
export async function webRoutes(app: App, ctx: AppContext, { webDir }: { webDir: string | undefined }): Promise<void> {
  const publicAssets = entryAssets(webDir, 'public/public.ts');
  const portalAssets = entryAssets(webDir, 'portal/portal.ts');
  const staffHtmlPath = webDir ? path.join(webDir, 'staff.html') : undefined;
  const staffHtml = staffHtmlPath && existsSync(staffHtmlPath) ? readFileSync(staffHtmlPath, 'utf8') : NOT_BUILT;

  if (webDir && existsSync(path.join(webDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: path.join(webDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      immutable: true,
      maxAge: ONE_YEAR_S * 1000,
      allowedPath: (pathName) => !pathName.includes('..'),
    });
  }

  // Issue 27 §8: one icon for the public pages and the staff app, in the forms browsers ask for.
  const icons = [
    ['/favicon.ico', 'image/x-icon', ICON_ICO],
    ['/favicon.svg', 'image/svg+xml', ICON_SVG],
    ['/apple-touch-icon.png', 'image/png', APPLE_TOUCH_ICON],
  ] as const;
  for (const [url, type, body] of icons) {
    app.get(url, { config: { policy: PUBLIC }, schema: { hide: true } }, (_request, reply) =>
      reply.type(type).header('cache-control', ICON_CACHE).send(body),
    );
  }

  app.get('/', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: z.object({ lang: z.enum(['ar', 'en']).optional() }) },
    handler: async (request, reply) => {
      const language = pageLanguage(request, reply);
      const association = await getAssociation(ctx);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(renderPublicHome({ association, language, assets: publicAssets, now: ctx.clock.now() }));
    },
  });

  // The beneficiary portal (issue 5 §2, §9): its own light entry; personal data, so never cached.
  app.get('/portal', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: z.object({ lang: z.enum(['ar', 'en']).optional() }) },
    handler: async (request, reply) => {
      const language = pageLanguage(request, reply);
      const page = await portalPageFor(ctx, request, { language, assets: portalAssets });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
    },
  });

  // The online application (issue 5 §2): the types, one type's criteria and checklist, one request.
  const portalQuery = z.object({ lang: z.enum(['ar', 'en']).optional() });
  const portalPage = async (request: FastifyRequest<{ Querystring: { lang?: 'ar' | 'en' } }>, reply: FastifyReply, path: PortalPath) => {
    const language = pageLanguage(request, reply);
    const page = await portalPageFor(ctx, request, { language, assets: portalAssets, path });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);
  };
  app.get('/portal/apply', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: portalQuery },
    handler: (request, reply) => portalPage(request, reply, { kind: 'apply' }),
  });
  app.get('/portal/apply/:type', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: portalQuery, params: z.object({ type: z.string().max(100) }) },
    handler: (request, reply) => portalPage(request, reply, { kind: 'apply', typeCode: request.params.type }),
  });
  app.get('/portal/requests/:id', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: portalQuery, params: z.object({ id: z.string().max(100) }) },
    handler: (request, reply) => portalPage(request, reply, { kind: 'request', requestId: request.params.id }),
  });
  // Issue 25 §2–§3 (F2): the family's data-subject requests and its access copy.
  app.get('/portal/privacy', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: portalQuery },
    handler: (request, reply) => portalPage(request, reply, { kind: 'privacy' }),
  });

  const sendStaff = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(staffHtml);
  app.get('/staff', { config: { policy: PUBLIC }, schema: { hide: true }, handler: sendStaff });
  app.get('/staff/*', { config: { policy: PUBLIC }, schema: { hide: true }, handler: sendStaff });
}
