import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { getAssociation } from '../settings/settings.service.js';
import { type PublicLanguage, type PublicPageAssets, renderPublicHome } from './public-home.js';

const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

interface ManifestChunk {
  file: string;
  css?: string[];
  isEntry?: boolean;
}

function readPublicAssets(webDir: string | undefined): PublicPageAssets {
  const manifestPath = webDir ? path.join(webDir, '.vite', 'manifest.json') : undefined;
  if (!manifestPath || !existsSync(manifestPath)) return { css: [], scripts: [] };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['public/public.ts'];
  if (!entry) return { css: [], scripts: [] };
  return { css: (entry.css ?? []).map((f) => `/${f}`), scripts: [`/${entry.file}`] };
}

const NOT_BUILT = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صلة</title></head>
<body><p>واجهة الموظفين لم تُبنَ بعد. شغّل <code>npm run build</code>.</p><p lang="en" dir="ltr">The staff app is not built yet. Run <code>npm run build</code>.</p></body></html>`;

/**
 * The pages people open (ARCHITECTURE.md "Public URLs"): `/` rendered on the server, `/staff`
 * the staff app. The HTML already carries lang="ar" dir="rtl" (the default language).
 */
export async function webRoutes(app: App, ctx: AppContext, { webDir }: { webDir: string | undefined }): Promise<void> {
  const publicAssets = readPublicAssets(webDir);
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

  app.get('/', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: z.object({ lang: z.enum(['ar', 'en']).optional() }) },
    handler: async (request, reply) => {
      const chosen = request.query.lang;
      const language: PublicLanguage = chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
      if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
      const association = await getAssociation(ctx);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(renderPublicHome({ association, language, assets: publicAssets, now: ctx.clock.now() }));
    },
  });

  const sendStaff = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(staffHtml);
  app.get('/staff', { config: { policy: PUBLIC }, schema: { hide: true }, handler: sendStaff });
  app.get('/staff/*', { config: { policy: PUBLIC }, schema: { hide: true }, handler: sendStaff });
}
