import type { PortalCompensationCase } from '../../contracts/compensation.js';
import type { FamilyConsents } from '../../contracts/families.js';
import type { FamilyRequestView, RequestStatus } from '../../contracts/requests.js';
import type { AssociationSettings } from '../../contracts/settings.js';
import { formatDualDate, riyadhCalendarDay } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { ICON_LINKS } from '../../platform/http/icons.js';
import { applyChooseView, applyTypeView, type PortalView, requestLink, requestView } from './portal.apply.js';
import { compensationSection } from './portal.compensation.js';
import { portalConsentsSection } from './portal.consents.js';
import { PORTAL_COPY, type PortalCopy } from './portal.copy.js';
import { portalPrivacySection, portalPrivacyView } from './portal.privacy.js';

/**
 * The beneficiary portal's page at `/portal` (issue 5 §2, §9), rendered on the server like the
 * public home: the sign-in form for everyone, or — for a signed-in family — its requests with the
 * status, what is missing, the deadline in both calendars, the decision and its reasons. The small
 * script (src/web/portal/portal.ts) only sends the two sign-in forms and the sign-out; every text it
 * shows comes from this page's data attributes, so it carries no copy of its own.
 */
export type PortalLanguage = 'ar' | 'en';

export interface PortalPageAssets {
  css: string[];
  scripts: string[];
}

export interface SignedInFamily {
  reference: string;
  headName: string;
  csrfToken: string;
  requests: FamilyRequestView[];
  /** The family's consents, shown on the home view (issue 20 §3). */
  consents?: FamilyConsents | null;
  /** The family's compensation cases, step and dates only (issue 23 §5). */
  compensationCases?: readonly PortalCompensationCase[];
}

export interface PortalPageInput {
  association: AssociationSettings;
  language: PortalLanguage;
  assets: PortalPageAssets;
  now: Date;
  /** An SMS gateway is configured: codes can be sent. */
  canSignIn: boolean;
  family: SignedInFamily | null;
  /** What the signed-in family opened: its requests (default), the application, or one request. */
  view?: PortalView;
  /** The page's own path, so that switching the language stays on it (default `/portal`). */
  selfPath?: string;
}

const ltr = (value: string) => html`<bdi dir="ltr">${value}</bdi>`;

function signInSection(t: PortalCopy, association: AssociationSettings, canSignIn: boolean): SafeHtml {
  if (!canSignIn) {
    return html`<section class="card notice" aria-labelledby="unavailable-heading">
  <h2 id="unavailable-heading">${t.unavailableTitle}</h2>
  <p>${t.unavailable} ${ltr(association.phone)}.</p>
</section>`;
  }
  return html`<section class="card" aria-labelledby="sign-in-heading">
  <h2 id="sign-in-heading">${t.signInTitle}</h2>
  <form id="start-form" class="portal-form" novalidate
    data-msg-national-id="${t.errorNationalId}" data-msg-throttled="${t.errorThrottled}"
    data-msg-unavailable="${t.unavailable}" data-msg-generic="${t.errorGeneric}">
    <label for="national-id">${t.nationalIdLabel}</label>
    <p id="national-id-hint" class="hint">${t.nationalIdHint}</p>
    <input id="national-id" name="nationalId" type="text" inputmode="numeric" autocomplete="off" dir="ltr"
      maxlength="14" required aria-describedby="national-id-hint start-error">
    <p id="start-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button">${t.sendCode}</button>
  </form>
  <form id="verify-form" class="portal-form" novalidate hidden
    data-msg-invalid="${t.errorCode}" data-msg-format="${t.errorCodeFormat}" data-msg-throttled="${t.errorThrottled}"
    data-msg-generic="${t.errorGeneric}">
    <p id="code-sent" class="sent" role="status">${t.codeSent}</p>
    <label for="code">${t.codeLabel}</label>
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" dir="ltr"
      maxlength="6" required aria-describedby="code-sent verify-error">
    <p id="verify-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button">${t.signIn}</button>
    <button type="button" id="restart" class="button secondary">${t.restart}</button>
  </form>
  <noscript><p class="error">${t.noScript}</p></noscript>
</section>
<section class="card" aria-labelledby="not-registered-heading">
  <h2 id="not-registered-heading">${t.notRegisteredTitle}</h2>
  <p>${t.notRegistered} ${ltr(association.phone)}.</p>
</section>`;
}

function statusLabel(t: PortalCopy, status: RequestStatus): string {
  return t.statuses[status];
}

function requestCard(t: PortalCopy, language: PortalLanguage, digits: AssociationSettings['digits'], request: FamilyRequestView): SafeHtml {
  const isAr = language === 'ar';
  const typeName = isAr ? request.typeNameAr : request.typeNameEn;
  const submitted = formatDualDate(request.createdAt, { language, digits });
  const deadline = request.deadlineDay ? formatDualDate(request.deadlineDay, { language, digits }) : null;
  const rows: SafeHtml[] = [
    html`<div class="row"><dt>${t.submittedOn}</dt><dd><time>${submitted.hijri}</time> · <time>${submitted.gregorian}</time></dd></div>`,
    html`<div class="row"><dt>${t.deadline}</dt><dd>${
      deadline ? html`<time>${deadline.hijri}</time> · <time>${deadline.gregorian}</time>` : t.noDeadline
    }</dd></div>`,
  ];
  if (request.missing.length) {
    rows.push(
      html`<div class="row"><dt>${t.missing}</dt><dd><ul class="missing">${request.missing.map(
        (item) => html`<li>${isAr ? item.labelAr : item.labelEn}</li>`,
      )}</ul></dd></div>`,
    );
  }
  if (!request.isAttested && (request.status === 'draft' || request.status === 'information-requested')) {
    rows.push(html`<div class="row"><dt>${t.attestation}</dt><dd>${t.notAttested}</dd></div>`);
  }
  if (request.decision) {
    rows.push(html`<div class="row"><dt>${t.decision}</dt><dd>${t.outcomes[request.decision.outcome]}</dd></div>`);
    rows.push(html`<div class="row"><dt>${t.reasons}</dt><dd class="reasons">${request.decision.reasons}</dd></div>`);
  }
  return html`<article class="card request" aria-labelledby="request-${request.id}">
  <header class="request-head">
    <h2 id="request-${request.id}">${typeName}</h2>
    <p class="reference">${t.requestNumber} ${ltr(request.reference)}</p>
    <p class="status status-${request.status}">${statusLabel(t, request.status)}</p>
  </header>
  <dl>${rows}</dl>
  ${requestLink(t, request)}
</article>`;
}

function familySection(t: PortalCopy, input: PortalPageInput, family: SignedInFamily): SafeHtml {
  const { language, association } = input;
  const view = input.view ?? { kind: 'home' };
  const bar = html`<div class="family-bar">
  <p>${t.welcome} <strong>${family.headName}</strong><br><span class="muted">${t.familyNumber} ${ltr(family.reference)}</span></p>
  <form id="sign-out-form" data-msg-generic="${t.errorGeneric}"><button type="submit" class="button secondary">${t.signOut}</button></form>
</div>`;
  if (view.kind === 'apply') return html`${bar}${applyChooseView(t, language, association, view.types)}`;
  if (view.kind === 'apply-type') return html`${bar}${applyTypeView(t, language, view.type, view.idempotencyKey, view.notice)}`;
  if (view.kind === 'request') return html`${bar}${requestView(t, { language, association }, view)}`;
  if (view.kind === 'privacy') return html`${bar}${portalPrivacyView(language, association.digits, view.requests)}`;
  return html`${bar}
<p class="new-request"><a class="button" href="/portal/apply">${t.apply.newRequest}</a></p>
<h2 class="section-title">${t.myRequests}</h2>
${
  family.requests.length
    ? family.requests.map((request) => requestCard(t, language, association.digits, request))
    : html`<section class="card empty"><p>${t.noRequests} ${ltr(association.phone)}.</p></section>`
}
${compensationSection(language, association.digits, family.compensationCases ?? [])}
${family.consents ? portalConsentsSection(language, family.consents) : ''}
${portalPrivacySection(language)}`;
}

/** The page's `<meta name="description">` (issue 27 §8), `{name}` the association's. */
const DESCRIPTION = {
  ar: 'بوابة الأسر المستفيدة من {name}: ادخل برقم الهوية ورمز لمرة واحدة يصل إلى جوالك لتتابع طلباتك وتقدّم طلبًا جديدًا.',
  en: 'The families’ portal of {name}: sign in with your ID number and a one-time code sent to your mobile to follow your requests and apply.',
} as const;

/** The whole page; `lang` and `dir` already set for the chosen language. */
export function renderPortalPage(input: PortalPageInput): string {
  const { association, language, assets, now, family } = input;
  const t = PORTAL_COPY[language];
  const isAr = language === 'ar';
  const name = isAr ? association.nameAr : association.nameEn;
  const today = formatDualDate(riyadhCalendarDay(now), { language, digits: association.digits });
  const page = html`<!doctype html>
<html lang="${language}" dir="${isAr ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${name}</title>
<meta name="description" content="${DESCRIPTION[language].replace('{name}', name)}">
${ICON_LINKS}
${family ? html`<meta name="sila-csrf" content="${family.csrfToken}">` : ''}
${assets.css.map((href) => html`<link rel="stylesheet" href="${href}">`)}
</head>
<body class="public portal" data-primary="${association.primaryColor}">
<header class="masthead">
  <div class="wrap">
    <p class="brand"><a href="/">صلة <span>Sila</span></a></p>
    <a class="switch" href="${input.selfPath ?? '/portal'}?lang=${t.switchLang}" lang="${t.switchLang}" hreflang="${t.switchLang}">${t.switchLabel}</a>
  </div>
</header>
<main class="wrap">
  <h1>${t.title}</h1>
  <p class="tagline">${name}</p>
  ${family ? familySection(t, input, family) : html`<p class="intro">${t.intro}</p>${signInSection(t, association, input.canSignIn)}`}
</main>
<footer class="wrap footer">
  <p>${t.today}: <time>${today.hijri}</time> · <time>${today.gregorian}</time></p>
</footer>
${assets.scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
</body>
</html>`;
  return page.value;
}
