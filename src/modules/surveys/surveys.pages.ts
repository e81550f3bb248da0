import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssociationSettings } from '../../contracts/settings.js';
import type { AnswerIssue, Answers, SurveyQuestion } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { ICON_LINKS } from '../../platform/http/icons.js';
import { PUBLIC } from '../../platform/http/route-policy.js';
import type { App } from '../../platform/http/types.js';
import { getAssociation } from '../settings/index.js';
import { answerSurvey, type OpenSurvey, openSurvey } from './surveys.answer.js';
import { PAGE_SCRIPT } from './surveys.page-script.js';

/**
 * The answer page `/s/<token>` (issue 24 §4; H1, C1): rendered on the server, Arabic first, one
 * plain form that works with no script at all: "Save" keeps the answers so far, "Submit" sends them.
 * One small script (surveys.page-script.ts, 2.8 KB, 1.1 KB gzipped) keeps the answers on the phone and says when the
 * connection dropped, sending again once it is back — so a dropped connection loses nothing. Every token
 * that is not open — unknown, malformed, expired, answered — gets the same page (no oracle), with
 * status 200 like every page here: a 4xx of this app is always problem+json (the input fuzz).
 * Rate-limited per address; `Referrer-Policy: no-referrer`; the logger prints `/s/[token]` (logger.ts).
 */
type Language = 'ar' | 'en';
/** Per address and instance (ARCHITECTURE.md "Throttling"), counted by the app's limiter; past it, 429 problem+json. */
const PAGE_RATE: RateLimitOptions = {
  max: 60,
  timeWindow: '1 minute',
  errorResponseBuilder: (_request, context) =>
    AppError.tooManyRequests('survey.rate-limited', 'Too many requests from this address; try again in a minute', context.ttl / 1000),
};
const FORM_LIMIT_BYTES = 64 * 1024;

const COPY = {
  ar: {
    invalidTitle: 'هذا الرابط لم يعد صالحًا',
    invalidBody: 'ربما انتهت مدته أو سبق استخدامه. شكرًا لكم على وقتكم.',
    thanksTitle: 'شكرًا لكم',
    thanksBody: 'وصلتنا إجاباتكم، وسنعمل بها لتحسين خدماتنا.',
    questions: (n: number) => `${n} أسئلة — أقل من دقيقة`,
    save: 'حفظ الإجابات',
    submit: 'إرسال',
    saved: 'حُفظت إجاباتكم. يمكنكم الإكمال الآن أو لاحقًا قبل انتهاء مدة الرابط.',
    optional: '(اختياري)',
    yes: 'نعم',
    no: 'لا',
    fix: 'يرجى مراجعة الأسئلة المعلَّمة.',
    issue: { 'survey.answer-required': 'هذا السؤال مطلوب.', other: 'هذه الإجابة غير مقبولة.' } as Record<string, string>,
    description: 'استبيان رضا المستفيدين لدى {name}: أسئلة قليلة عن الخدمة التي تلقيتموها.',
    switchLabel: 'English',
    showIf: 'أجيبوا عن هذا السؤال إن انطبق عليكم.',
    low: 'غير راضٍ',
    high: 'راضٍ جدًا',
    offline: 'تعذّر الإرسال: انقطع الاتصال. إجاباتكم محفوظة على هذا الجهاز، وستُرسل وحدها حين يعود الاتصال.',
  },
  en: {
    invalidTitle: 'This link is no longer valid',
    invalidBody: 'It may have expired or already been used. Thank you for your time.',
    thanksTitle: 'Thank you',
    thanksBody: 'We received your answers and will use them to improve our services.',
    questions: (n: number) => `${n} questions — under a minute`,
    save: 'Save answers',
    submit: 'Submit',
    saved: 'Your answers are saved. You can finish now or later, before the link expires.',
    optional: '(optional)',
    yes: 'Yes',
    no: 'No',
    fix: 'Please check the marked questions.',
    issue: { 'survey.answer-required': 'This question needs an answer.', other: 'This answer is not accepted.' } as Record<string, string>,
    description: 'The beneficiary satisfaction survey of {name}: a few questions about the service you received.',
    switchLabel: 'العربية',
    showIf: 'Answer this question if it applies to you.',
    low: 'Not satisfied',
    high: 'Very satisfied',
    offline:
      'Could not send: the connection dropped. Your answers are kept on this phone and will be sent by themselves when the connection is back.',
  },
};

const STYLE = `body{font-family:"IBM Plex Sans Arabic",system-ui,sans-serif;margin:0;background:#f6f8f8;color:#1b1f1f;line-height:1.6}
main{max-width:36rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1rem;background:#0f766e;color:#fff}
header a{color:#fff}fieldset{border:1px solid #cfd8d8;border-radius:.5rem;margin:0 0 1rem;padding:.75rem;background:#fff}
legend{font-weight:600;padding:0 .25rem}.scale{display:flex;flex-wrap:wrap;gap:.25rem}.scale label{flex:1 0 2.5rem;text-align:center;border:1px solid #cfd8d8;border-radius:.5rem;padding:.5rem 0;min-height:2.75rem}
label{display:block;min-height:2.75rem}textarea{width:100%;box-sizing:border-box;min-height:5rem;font:inherit}.ends{display:flex;justify-content:space-between;font-size:.875rem;color:#4a5656}
button{font:inherit;min-height:2.75rem;padding:.5rem 1.25rem;border-radius:.5rem;border:1px solid #0f766e;background:#fff;color:#0f766e;margin-inline-end:.5rem}
button[value=submit]{background:#0f766e;color:#fff}.issue{color:#b42318}.note{background:#e6f4f1;padding:.5rem;border-radius:.5rem}.hint{font-size:.875rem;color:#4a5656}`;

function languageOf(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown>;
  if (query.lang === 'en' || query.lang === 'ar') return query.lang;
  return request.cookies?.sila_lang === 'en' ? 'en' : 'ar';
}

function page(language: Language, association: AssociationSettings, title: string, body: SafeHtml, switchHref: string | null): string {
  const name = language === 'ar' ? association.nameAr : association.nameEn;
  return html`<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${title} · ${name}</title><meta name="description" content="${COPY[language].description.replace('{name}', name)}">${ICON_LINKS}<link rel="stylesheet" href="/s-assets/survey.css"><script src="/s-assets/survey.js" defer></script></head>
<body><header><strong>${name}</strong>${switchHref ? html`<a href="${switchHref}" rel="nofollow">${COPY[language].switchLabel}</a>` : ''}</header>
<main>${body}</main></body></html>`.value;
}

function questionHtml(q: SurveyQuestion, i: number, language: Language, answers: Answers, issue: string | undefined): SafeHtml {
  const t = COPY[language];
  const name = `q.${q.id}`;
  const label = language === 'ar' ? q.textAr : q.textEn;
  const value = answers[q.id];
  const checked = (v: unknown) => ((Array.isArray(value) ? value.includes(v as string) : value === v) ? html` checked` : '');
  const scale = (from: number, to: number) =>
    html`<div class="scale">${Array.from({ length: to - from + 1 }, (_, k) => from + k).map(
      (n) => html`<label><input type="radio" name="${name}" value="${n}"${checked(n)}> ${n}</label>`,
    )}</div><div class="ends"><span>${t.low}</span><span>${t.high}</span></div>`;
  let input: SafeHtml;
  switch (q.kind) {
    case 'csat':
      input = scale(1, 5);
      break;
    case 'nps':
      input = scale(0, 10);
      break;
    case 'yes-no':
      input = html`<label><input type="radio" name="${name}" value="yes"${checked(true)}> ${t.yes}</label><label><input type="radio" name="${name}" value="no"${checked(false)}> ${t.no}</label>`;
      break;
    case 'single':
    case 'multiple':
      input = html`${(q.options ?? []).map(
        (o) =>
          html`<label><input type="${q.kind === 'single' ? 'radio' : 'checkbox'}" name="${name}" value="${o.value}"${checked(o.value)}> ${language === 'ar' ? o.labelAr : o.labelEn}</label>`,
      )}`;
      break;
    case 'text':
      // A fieldset's legend does not name a lone textarea (axe "label"): it is named by the question.
      input = html`<textarea name="${name}" maxlength="2000" aria-labelledby="${`q-${q.id}-text`}">${typeof value === 'string' ? value : ''}</textarea>`;
      break;
  }
  const issueText = issue ? (t.issue[issue] ?? t.issue.other) : null;
  return html`<fieldset id="${`q-${q.id}`}"><legend id="${`q-${q.id}-text`}">${i + 1}. ${label} ${q.isRequired ? '' : html`<span class="hint">${t.optional}</span>`}</legend>
${q.showIf ? html`<p class="hint">${t.showIf}</p>` : ''}${issueText ? html`<p class="issue" role="alert">${issueText}</p>` : ''}${input}</fieldset>`;
}

function formPage(
  language: Language,
  association: AssociationSettings,
  token: string,
  survey: OpenSurvey,
  answers: Answers,
  state: { saved?: boolean; issues?: AnswerIssue[] },
): string {
  const t = COPY[language];
  const title = language === 'ar' ? survey.version.title_ar : survey.version.title_en;
  const issues = new Map((state.issues ?? []).map((i) => [i.pointer.replace('/answers/', ''), i.code]));
  const body = html`<h1>${title}</h1><p class="hint">${t.questions(survey.questions.length)}</p>
${state.saved ? html`<p class="note" role="status">${t.saved}</p>` : ''}${issues.size ? html`<p class="issue" role="alert">${t.fix}</p>` : ''}
<p id="offline" class="issue" role="alert" tabindex="-1" hidden>${t.offline}</p>
<form method="post" action="${`/s/${token}?lang=${language}`}" data-survey>
${survey.questions.map((q, i) => questionHtml(q, i, language, answers, issues.get(q.id)))}
<button type="submit" name="action" value="save">${t.save}</button><button type="submit" name="action" value="submit">${t.submit}</button>
</form>`;
  return page(language, association, title, body, `/s/${token}?lang=${language === 'ar' ? 'en' : 'ar'}`);
}

function messagePage(language: Language, association: AssociationSettings, kind: 'invalid' | 'thanks'): string {
  const t = COPY[language];
  const [title, text] = kind === 'invalid' ? [t.invalidTitle, t.invalidBody] : [t.thanksTitle, t.thanksBody];
  return page(language, association, title, html`<h1>${title}</h1><p>${text}</p>`, null);
}

/** Reads the form's `q.<id>` fields into answers of the version's kinds; unknown ids pass through to be refused. */
export function answersFromForm(form: URLSearchParams, questions: readonly SurveyQuestion[]): Answers {
  const kinds = new Map(questions.map((q) => [q.id, q.kind]));
  const answers: Answers = {};
  for (const key of new Set(form.keys())) {
    if (!key.startsWith('q.')) continue;
    const id = key.slice(2);
    const values = form.getAll(key);
    const kind = kinds.get(id);
    const first = values[0] ?? '';
    if (kind === 'csat' || kind === 'nps') answers[id] = /^\d{1,2}$/.test(first) ? Number(first) : first;
    else if (kind === 'yes-no') answers[id] = first === 'yes' ? true : first === 'no' ? false : first;
    else if (kind === 'multiple') answers[id] = values;
    else answers[id] = first;
  }
  return answers;
}

export function surveyPageRoutes(app: App, ctx: AppContext): void {
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .send(body);

  app.get('/s-assets/survey.css', { config: { policy: PUBLIC } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(STYLE),
  );

  app.get('/s-assets/survey.js', { config: { policy: PUBLIC } }, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(PAGE_SCRIPT),
  );

  app.get<{ Params: { token: string } }>('/s/:token', { config: { policy: PUBLIC, rateLimit: PAGE_RATE } }, async (request, reply) => {
    const language = languageOf(request);
    const association = await getAssociation(ctx);
    const survey = await openSurvey(ctx, request.params.token);
    if (!survey) return send(reply, 200, messagePage(language, association, 'invalid'));
    return send(reply, 200, formPage(language, association, request.params.token, survey, survey.draft, {}));
  });

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (_request, body, done) => done(null, new URLSearchParams(body as string)),
    );
    scope.post<{ Params: { token: string } }>('/s/:token', { config: { policy: PUBLIC, rateLimit: PAGE_RATE } }, async (request, reply) => {
      const language = languageOf(request);
      const association = await getAssociation(ctx);
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      const isFinal = form.get('action') === 'submit';
      const outcome = await answerSurvey(ctx, request.params.token, (questions) => answersFromForm(form, questions), { isFinal });
      if (outcome.state === 'invalid') return send(reply, 200, messagePage(language, association, 'invalid'));
      if (outcome.state === 'submitted') return send(reply, 200, messagePage(language, association, 'thanks'));
      if (outcome.state === 'saved')
        return send(reply, 200, formPage(language, association, request.params.token, outcome.survey, outcome.answers, { saved: true }));
      return send(
        reply,
        200,
        formPage(language, association, request.params.token, outcome.survey, outcome.answers, { issues: outcome.issues }),
      );
    });
  });
}
