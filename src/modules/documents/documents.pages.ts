import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { searchText } from '../../contracts/common.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { getAssociation } from '../settings/index.js';
import { documentFormRoutes } from './documents.forms.js';
import { FORMS_COPY } from './documents.forms-copy.js';
import { PAGE_COPY } from './documents.page-copy.js';
import { type PublicDocument, type PublicVersion, publicDocument, publicKinds, publicLibrary, publicPdf } from './documents.public.js';
import { dayText, fill, type Language, layout, readCss, renderText } from './documents.render.js';
import { PDF_PUBLIC_PREFIX, publicPdfUrl } from './documents.store.js';

/**
 * The public library (issue 26 §1; B1–B5): `/documents` lists public documents by kind with a
 * search, each with its version in force; `/documents/<slug>` shows the version in force and its
 * history; `/documents/<slug>/v/<n>` one published version. Drafts, withdrawn versions and staff-only
 * documents answer 404. A published public PDF is served inline at its content hash, cached a year;
 * every other file of Sila stays an attachment (platform/files/file-store.ts).
 */
const LANGUAGE_COOKIE = 'sila_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

const langQuery = { lang: z.enum(['ar', 'en']).optional() };
const slugParam = z.string().max(60);

function versionFacts(version: PublicVersion, language: Language): SafeHtml {
  const t = PAGE_COPY[language];
  const row = version.row;
  const summary = language === 'ar' ? row.change_summary_ar : (row.change_summary_en ?? row.change_summary_ar);
  const pdf = language === 'en' && version.fileEn ? version.fileEn : version.fileAr;
  return html`<dl>
  <div class="row"><dt>${t.effective}</dt><dd>${dayText(row.effective_on, language)}</dd></div>
  ${row.approved_by ? html`<div class="row"><dt>${t.approved}</dt><dd><bdi>${row.approved_by}</bdi></dd></div>` : ''}
  ${row.approved_on ? html`<div class="row"><dt>${t.approvedOn}</dt><dd>${dayText(row.approved_on, language)}</dd></div>` : ''}
  ${summary ? html`<div class="row"><dt>${t.changes}</dt><dd>${summary}</dd></div>` : ''}
</dl>
${pdf ? html`<p><a class="button" href="${publicPdfUrl(pdf.sha256)}" type="application/pdf">${t.pdf}</a></p>` : ''}`;
}

function versionText(version: PublicVersion, language: Language): SafeHtml {
  const t = PAGE_COPY[language];
  const row = version.row;
  if (language === 'en' && row.body_en)
    return html`${row.is_english_summary ? html`<p class="intro"><strong>${t.summaryNote}</strong></p>` : ''}${renderText(row.body_en)}`;
  if (!row.body_ar) return html``;
  const note = language === 'en' ? html`<p class="intro">${t.arabicOnly}</p>` : '';
  return html`${note}<div lang="ar" dir="rtl">${renderText(row.body_ar)}</div>`;
}

const titleOf = (doc: PublicDocument, language: Language) => (language === 'ar' ? doc.doc.title_ar : doc.doc.title_en);

function libraryBody(
  language: Language,
  docs: PublicDocument[],
  kinds: Awaited<ReturnType<typeof publicKinds>>,
  q: string,
  kind: string,
): SafeHtml {
  const t = PAGE_COPY[language];
  const kindName = (k: { name_ar: string; name_en: string }) => (language === 'ar' ? k.name_ar : k.name_en);
  const groups = kinds
    .map((k) => ({ kind: k, docs: docs.filter((d) => d.doc.kind === k.code) }))
    .filter((g) => g.docs.length)
    .map(
      (g) => html`<section aria-labelledby="kind-${g.kind.code}">
  <h2 id="kind-${g.kind.code}">${kindName(g.kind)}</h2>
  ${g.docs.map((d) => {
    const upcoming = d.versions.find((v) => v.state === 'upcoming');
    const previous = d.versions.filter((v) => v.state === 'previous').length;
    const state = d.inForce
      ? fill(t.inForceSince, { date: dayText(d.inForce.row.effective_on, language) })
      : upcoming
        ? fill(t.upcomingFrom, { date: dayText(upcoming.row.effective_on, language) })
        : t.notInForceYet;
    return html`<article class="card">
  <h3><a href="/documents/${d.doc.slug}">${titleOf(d, language)}</a></h3>
  <p>${state}${d.inForce ? html` · ${fill(t.version, { n: d.inForce.row.number })}` : ''}</p>
  ${previous ? html`<p class="hint">${fill(t.previousCount, { n: previous })}</p>` : ''}
</article>`;
  })}
</section>`,
    );
  const chips = [
    html`<a href="/documents"${kind ? '' : html` aria-current="page"`}>${t.allKinds}</a>`,
    ...kinds.map((k) => html`<a href="/documents?kind=${k.code}"${kind === k.code ? html` aria-current="page"` : ''}>${kindName(k)}</a>`),
  ];
  return html`<h1>${t.title}</h1>
<p class="intro">${t.intro}</p>
<form class="card" method="get" action="/documents" role="search">
  <div class="field"><label for="q">${t.search}</label><input id="q" name="q" type="search" value="${q}" maxlength="100"></div>
  ${kind ? html`<input type="hidden" name="kind" value="${kind}">` : ''}
  <button class="button primary" type="submit">${t.searchButton}</button>
</form>
<nav aria-label="${t.kindsLabel}"><p class="links">${chips.map((c, i) => html`${i ? ' · ' : ''}${c}`)}</p></nav>
<section class="card" aria-labelledby="request-forms">
  <h2 id="request-forms"><a href="/documents/forms">${FORMS_COPY[language].libraryLink}</a></h2>
  <p>${FORMS_COPY[language].libraryLinkHint}</p>
</section>
${groups.length ? groups : html`<p class="card">${t.none}</p>`}`;
}

function documentBody(language: Language, doc: PublicDocument, shown: PublicVersion): SafeHtml {
  const t = PAGE_COPY[language];
  const label = { 'in-force': t.inForce, upcoming: t.upcoming, previous: t.previous }[shown.state];
  const history = doc.versions.map(
    (v) => html`<article class="card">
  <h3>${v.row.id === shown.row.id ? fill(t.version, { n: v.row.number }) : html`<a href="/documents/${doc.doc.slug}/v/${v.row.number}">${fill(t.version, { n: v.row.number })}</a>`} · ${
    { 'in-force': t.inForce, upcoming: t.upcoming, previous: t.previous }[v.state]
  }</h3>
  ${versionFacts(v, language)}
</article>`,
  );
  return html`<h1>${titleOf(doc, language)}</h1>
${doc.inForce ? '' : html`<p class="intro">${t.notInForceYet}</p>`}
<section class="card" aria-labelledby="shown">
  <h2 id="shown">${label} · ${fill(t.version, { n: shown.row.number })}</h2>
  ${versionFacts(shown, language)}
</section>
<section class="document-text">${versionText(shown, language)}</section>
<section aria-labelledby="history"><h2 id="history">${t.history}</h2>${history}</section>`;
}

export function documentPageRoutes(app: App, ctx: AppContext, { webDir }: { webDir: string | undefined }): void {
  const css = readCss(webDir);
  const languageOf = (request: FastifyRequest<{ Querystring: { lang?: Language } }>, reply: FastifyReply): Language => {
    const chosen = request.query.lang;
    if (chosen) reply.setCookie(LANGUAGE_COOKIE, chosen, { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, httpOnly: false });
    return chosen ?? (request.cookies[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ar');
  };
  const send = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  const render = async (language: Language, title: string, pagePath: string, body: SafeHtml) =>
    layout({
      language,
      association: await getAssociation(ctx),
      css,
      title,
      description: PAGE_COPY[language].description,
      path: pagePath,
      body,
    });
  // B5, C2, G2 (issue 26 §3): the request forms, in the same frame; registered before `/documents/:slug`.
  documentFormRoutes(app, ctx, {
    languageOf,
    send,
    render: async (page) => layout({ ...page, association: await getAssociation(ctx), css }),
  });

  app.get('/documents', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: z.object({ ...langQuery, q: searchText(100).optional(), kind: z.string().max(50).optional() }) },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const { q = '', kind = '' } = request.query;
      const [docs, kinds] = await Promise.all([publicLibrary(ctx, { q, kind }), publicKinds(ctx)]);
      const params = new URLSearchParams({ ...(q ? { q } : {}), ...(kind ? { kind } : {}) }).toString();
      const body = libraryBody(language, docs, kinds, q, kind);
      return send(reply, await render(language, PAGE_COPY[language].title, `/documents${params ? `?${params}` : ''}`, body));
    },
  });

  app.get('/documents/:slug', {
    config: { policy: PUBLIC },
    schema: { hide: true, params: z.object({ slug: slugParam }), querystring: z.object(langQuery) },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const doc = await publicDocument(ctx, request.params.slug);
      if (!doc) throw AppError.notFound('document.not-found', 'No such document');
      const shown = doc.inForce ?? doc.versions.find((v) => v.state === 'upcoming') ?? (doc.versions[0] as PublicVersion);
      const body = documentBody(language, doc, shown);
      return send(reply, await render(language, titleOf(doc, language), `/documents/${doc.doc.slug}`, body));
    },
  });

  app.get('/documents/:slug/v/:number', {
    config: { policy: PUBLIC },
    schema: { hide: true, params: z.object({ slug: slugParam, number: z.string().regex(/^\d{1,6}$/) }), querystring: z.object(langQuery) },
    handler: async (request, reply) => {
      const language = languageOf(request, reply);
      const doc = await publicDocument(ctx, request.params.slug);
      const shown = doc?.versions.find((v) => v.row.number === Number(request.params.number));
      if (!doc || !shown) throw AppError.notFound('document.not-found', 'No such published version');
      const body = documentBody(language, doc, shown);
      return send(reply, await render(language, titleOf(doc, language), `/documents/${doc.doc.slug}/v/${shown.row.number}`, body));
    },
  });

  // Only a published public version's PDF, viewed inline; its address is its content hash, so it is cached for a year.
  app.get(`${PDF_PUBLIC_PREFIX}:file`, {
    config: { policy: PUBLIC },
    schema: { hide: true, params: z.object({ file: z.string().max(80) }) },
    handler: async (request, reply) => {
      const match = /^([0-9a-f]{64})\.pdf$/.exec(request.params.file);
      const file = match ? await publicPdf(ctx, match[1] as string) : null;
      if (!file) throw AppError.notFound('document.not-found', 'No such published document file');
      const asciiName = file.name.replace(/[^\x20-\x7e]/g, '_').replaceAll('"', '_');
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
          .header('x-content-type-options', 'nosniff')
          // No `sandbox` here: it turns off the browsers' PDF viewers (the file would only download). The
          // bytes were checked to be a PDF, editors published it, nosniff holds the type, nothing frames it.
          .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(file.bytes)
      );
    },
  });
}
