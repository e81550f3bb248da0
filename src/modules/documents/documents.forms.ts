import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ChecklistItem, RequestTypeVersion } from '../../contracts/requests.js';
import type { AppContext } from '../../platform/context.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { type PublicRequestForm, publicRequestForm, publicRequestForms } from '../requests/index.js';
import { getAssociation } from '../settings/index.js';
import { blankForm, FORMS_CSS } from './documents.blank-form.js';
import { FORMS_COPY, type FormsCopy } from './documents.forms-copy.js';
import { dayText, fill, type Language, renderText } from './documents.render.js';

/**
 * The public request forms (issue 26 §3; B5, C2, G2): `/documents/forms` lists every active request
 * type with its eligibility criteria and the checklist of required data and documents;
 * `/documents/forms/<type-code>` shows the version in force and its history and prints as a blank
 * Arabic form (documents.blank-form.ts) for the letter and fax channels. An inactive or unknown type
 * answers 404. Everything typed by administrators is escaped by `html` (script shows as text).
 */
export interface FormPageKit {
  languageOf: (request: FastifyRequest<{ Querystring: { lang?: Language } }>, reply: FastifyReply) => Language;
  send: (reply: FastifyReply, page: string) => unknown;
  render: (options: {
    language: Language;
    title: string;
    description: string;
    path: string;
    body: SafeHtml;
    head: SafeHtml;
  }) => Promise<string>;
}

const langQuery = z.object({ lang: z.enum(['ar', 'en']).optional() });
const head = html`<style>${FORMS_CSS}</style>`;
const nameOf = (type: { nameAr: string; nameEn: string }, language: Language) => (language === 'ar' ? type.nameAr : type.nameEn);

function criteriaAndChecklist(
  t: FormsCopy,
  language: Language,
  type: Pick<RequestTypeVersion, 'criteriaAr' | 'criteriaEn' | 'checklist'>,
  id: string,
) {
  const criteria = (language === 'ar' ? type.criteriaAr : type.criteriaEn).split('\n').filter((l) => l.trim());
  const items = (kind: ChecklistItem['kind']) => type.checklist.filter((i) => i.kind === kind);
  const list = (entries: ChecklistItem[]) =>
    html`<ul class="checklist">${entries.map(
      (i) =>
        html`<li>${language === 'ar' ? i.labelAr : i.labelEn} <span class="tag">(${i.isRequired ? t.required : t.optional})</span></li>`,
    )}</ul>`;
  return html`<h3 id="${id}-criteria">${t.criteria}</h3>
<ul class="criteria" aria-labelledby="${id}-criteria">${criteria.map((c) => html`<li>${c}</li>`)}</ul>
${items('field').length ? html`<h3>${t.fields}</h3>${list(items('field'))}` : ''}
${items('document').length ? html`<h3>${t.documents}</h3>${list(items('document'))}` : ''}`;
}

function listBody(t: FormsCopy, language: Language, forms: PublicRequestForm[]): SafeHtml {
  const cards = forms.map(({ type, versions }) => {
    const inForce = versions[0];
    return html`<article class="card" aria-labelledby="form-${type.code}">
  <h2 id="form-${type.code}"><a href="/documents/forms/${type.code}">${nameOf(type, language)}</a></h2>
  <p class="facts">${fill(t.version, { n: type.version })}${inForce ? html` · ${fill(t.inForceSince, { date: dayText(inForce.createdAt, language) })}` : ''}</p>
  <p>${t.replyWithin(type.responseWorkingDays)}</p>
  ${criteriaAndChecklist(t, language, type, `form-${type.code}`)}
  <p><a href="/documents/forms/${type.code}">${t.openForm}<span class="visually-hidden">: ${nameOf(type, language)}</span></a></p>
</article>`;
  });
  return html`<h1>${t.title}</h1>
<p class="intro">${t.intro}</p>
${cards.length ? cards : html`<p class="card">${t.none}</p>`}`;
}

/** What an edit changed, against the version before it. */
function changesOf(t: FormsCopy, lang: Language, version: RequestTypeVersion, before: RequestTypeVersion | undefined): string {
  if (!before) return t.firstVersion;
  const changed: string[] = [
    version.nameAr !== before.nameAr || version.nameEn !== before.nameEn ? t.changes.names : null,
    version.criteriaAr !== before.criteriaAr || version.criteriaEn !== before.criteriaEn ? t.changes.criteria : null,
    JSON.stringify(version.checklist) !== JSON.stringify(before.checklist) ? t.changes.checklist : null,
    version.responseWorkingDays !== before.responseWorkingDays ? t.changes.days : null,
    version.isActive !== before.isActive ? t.changes.offered : null,
  ].filter((c) => c !== null);
  return changed.join(lang === 'ar' ? '، ' : ', ') || '—';
}

function formBody(t: FormsCopy, lang: Language, form: PublicRequestForm): SafeHtml {
  const { type, versions } = form;
  const history = versions.map(
    (v, i) => html`<article class="card">
  <h3>${fill(t.version, { n: v.version })} · ${v.version === type.version ? t.inForce : t.previous}</h3>
  <p>${fill(t.from, { date: dayText(v.createdAt, lang) })}</p>
  <p>${t.changed}: ${changesOf(t, lang, v, versions[i + 1])}</p>
  ${v.version === type.version ? '' : html`<details><summary>${t.criteria}</summary>${renderText(lang === 'ar' ? v.criteriaAr : v.criteriaEn)}</details>`}
</article>`,
  );
  return html`<div class="screen-only">
<h1>${nameOf(type, lang)}</h1>
<section class="card" aria-labelledby="in-force">
  <h2 id="in-force">${t.inForce} · ${fill(t.version, { n: type.version })}</h2>
  ${versions[0] ? html`<p class="facts">${fill(t.inForceSince, { date: dayText(versions[0].createdAt, lang) })}</p>` : ''}
  <p>${t.replyWithin(type.responseWorkingDays)}</p>
  ${criteriaAndChecklist(t, lang, type, 'in-force')}
  <p><a class="button primary" href="/portal/apply/${type.code}">${t.apply}</a></p>
</section>
<section class="card" aria-labelledby="print">
  <h2 id="print">${t.printTitle}</h2>
  <p>${t.printHint}</p>
</section>
<section aria-labelledby="history"><h2 id="history">${t.history}</h2>${history}</section>
<p><a href="/documents/forms">${t.allForms}</a></p>
</div>`;
}

export function documentFormRoutes(app: App, ctx: AppContext, kit: FormPageKit): void {
  app.get('/documents/forms', {
    config: { policy: PUBLIC },
    schema: { hide: true, querystring: langQuery },
    handler: async (request, reply) => {
      const lang = kit.languageOf(request, reply);
      const t = FORMS_COPY[lang];
      const body = html`<div class="forms">${listBody(t, lang, await publicRequestForms(ctx))}</div>`;
      return kit.send(
        reply,
        await kit.render({ language: lang, title: t.title, description: t.description, path: '/documents/forms', body, head }),
      );
    },
  });

  app.get('/documents/forms/:code', {
    config: { policy: PUBLIC },
    schema: { hide: true, params: z.object({ code: z.string().max(60) }), querystring: langQuery },
    handler: async (request, reply) => {
      const lang = kit.languageOf(request, reply);
      const t = FORMS_COPY[lang];
      const form = await publicRequestForm(ctx, request.params.code);
      if (!form) {
        // An unknown or withdrawn type: a page that says so and leads back to the list, with 404.
        const body = html`<h1>${t.notFound}</h1><p class="intro">${t.notFoundHint}</p><p><a href="/documents/forms">${t.allForms}</a></p>`;
        reply.code(404);
        return kit.send(
          reply,
          await kit.render({
            language: lang,
            title: t.notFound,
            description: t.description,
            path: request.url.split('?')[0] ?? '/documents/forms',
            body,
            head,
          }),
        );
      }
      const association = await getAssociation(ctx);
      const body = html`<div class="forms">${formBody(t, lang, form)}${blankForm(form.type, form.versions[0], association)}</div>`;
      const path = `/documents/forms/${form.type.code}`;
      return kit.send(
        reply,
        await kit.render({ language: lang, title: nameOf(form.type, lang), description: t.description, path, body, head }),
      );
    },
  });
}
