import type { CONTACT_CHANNELS } from '../../contracts/families.js';
import type { PortalPrivacyRequest } from '../../contracts/privacy.js';
import type { AnswerValue, AttestationSummary, ChecklistItem, FamilyRequestView, RequestType } from '../../contracts/requests.js';
import type { AssociationSettings, PrivacyNotice } from '../../contracts/settings.js';
import { formatDualDate } from '../../domain/dates.js';
import { html, type SafeHtml } from '../../platform/http/html.js';
import { applicationNotice } from './portal.consents.js';
import type { ApplyCopy, PortalCopy } from './portal.copy.js';

/**
 * The online application in the portal (issue 5 §2; C2–C6 as the family meets them), rendered on
 * the server like the rest of `/portal`:
 * - `/portal/apply`: the request types a family can apply for;
 * - `/portal/apply/:type`: that type's eligibility criteria (C2) and checklist, before anything is
 *   filled, and "start" (a draft, one however often the button is pressed: the form carries its key);
 * - `/portal/requests/:id`: the request — the committee's question when it asked for information,
 *   the type's fields and documents, what is still missing (C3), the summary of exactly what is
 *   confirmed and the one-time code (C4), the submit; once sent, its status, the deadline in Hijri
 *   and Gregorian (C6) and the channel news comes on (C5).
 * The page script (src/web/portal/portal.ts) only sends these forms; its messages come from the
 * forms' data attributes.
 */
type Language = 'ar' | 'en';
type Channel = (typeof CONTACT_CHANNELS)[number];

export type PortalView =
  | { kind: 'home' }
  | { kind: 'apply'; types: RequestType[] }
  | { kind: 'apply-type'; type: RequestType | null; idempotencyKey: string; notice?: PrivacyNotice | null }
  | {
      kind: 'request';
      request: FamilyRequestView | null;
      /** What a confirmation would cover (editable requests with nothing missing). */
      summary: AttestationSummary | null;
      /** Codes can be sent to the family's registered mobile (gateway configured, mobile on file). */
      canConfirmByCode: boolean;
      agreedChannel: Channel;
    }
  /** Issue 25 §2–§3: the family's own data-subject requests (`/portal/privacy`). */
  | { kind: 'privacy'; requests: PortalPrivacyRequest[] };

const ltr = (value: string) => html`<bdi dir="ltr">${value}</bdi>`;
const label = (language: Language, item: { labelAr: string; labelEn: string }) => (language === 'ar' ? item.labelAr : item.labelEn);
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');
const isEditable = (status: FamilyRequestView['status']) => status === 'draft' || status === 'information-requested';

function dual(day: string, language: Language, digits: AssociationSettings['digits']): SafeHtml {
  const d = formatDualDate(day, { language, digits });
  return html`<time>${d.hijri}</time> · <time>${d.gregorian}</time>`;
}

function requiredMark(a: ApplyCopy, isRequired: boolean): SafeHtml {
  return html`<span class="tag ${isRequired ? 'tag-required' : ''}">${isRequired ? a.required : a.optional}</span>`;
}

function back(a: ApplyCopy): SafeHtml {
  return html`<p class="back"><a href="/portal">${a.backToRequests}</a></p>`;
}

/** C2: the criteria as a list, and what the request needs, split into what is typed and what is uploaded. */
function criteriaAndChecklist(a: ApplyCopy, language: Language, type: Pick<RequestType, 'criteriaAr' | 'criteriaEn' | 'checklist'>) {
  const criteria = lines(language === 'ar' ? type.criteriaAr : type.criteriaEn);
  const fields = type.checklist.filter((i) => i.kind === 'field');
  const documents = type.checklist.filter((i) => i.kind === 'document');
  const itemList = (items: typeof type.checklist) =>
    html`<ul class="checklist">${items.map((i) => html`<li>${label(language, i)} ${requiredMark(a, i.isRequired)}</li>`)}</ul>`;
  return html`<section class="card" aria-labelledby="criteria-heading">
  <h2 id="criteria-heading">${a.criteriaTitle}</h2>
  <p>${a.criteriaIntro}</p>
  <ul class="criteria">${criteria.map((c) => html`<li>${c}</li>`)}</ul>
</section>
<section class="card" aria-labelledby="checklist-heading">
  <h2 id="checklist-heading">${a.checklistTitle}</h2>
  <p>${a.checklistIntro}</p>
  ${fields.length ? html`<h3>${a.fieldsToFill}</h3>${itemList(fields)}` : ''}
  ${documents.length ? html`<h3>${a.documentsToUpload}</h3>${itemList(documents)}` : ''}
</section>`;
}

export function applyChooseView(t: PortalCopy, language: Language, association: AssociationSettings, types: RequestType[]): SafeHtml {
  const a = t.apply;
  return html`${back(a)}
<h2 class="section-title">${a.chooseTitle}</h2>
<p>${a.chooseIntro}</p>
${
  types.length
    ? html`<ul class="type-list">${types.map(
        (type) => html`<li class="card type">
  <h3>${language === 'ar' ? type.nameAr : type.nameEn}</h3>
  <p class="muted">${a.replyWithin(type.responseWorkingDays)}</p>
  <a class="button" href="/portal/apply/${type.code}">${a.seeCriteria}<span class="visually-hidden">: ${
    language === 'ar' ? type.nameAr : type.nameEn
  }</span></a>
</li>`,
      )}</ul>`
    : html`<section class="card empty"><p>${a.noTypes} ${ltr(association.phone)}.</p></section>`
}`;
}

export function applyTypeView(
  t: PortalCopy,
  language: Language,
  type: RequestType | null,
  idempotencyKey: string,
  notice: PrivacyNotice | null = null,
): SafeHtml {
  const a = t.apply;
  if (!type)
    return html`${back(a)}<section class="card"><h2>${a.notFoundTitle}</h2><p><a href="/portal/apply">${a.chooseTitle}</a></p></section>`;
  return html`${back(a)}
<h2 class="section-title">${language === 'ar' ? type.nameAr : type.nameEn}</h2>
<p>${a.replyWithin(type.responseWorkingDays)}</p>
${criteriaAndChecklist(a, language, type)}
<p><a href="/documents/forms/${type.code}">${a.printableForm}</a></p>
<section class="card" aria-labelledby="start-heading">
  <h2 id="start-heading">${a.start}</h2>
  <form id="apply-form" class="portal-form" data-type-code="${type.code}" data-idempotency-key="${idempotencyKey}"
    data-privacy-version="${notice?.version ?? ''}" data-msg-generic="${t.errorGeneric}">
    ${notice ? applicationNotice(language, notice) : ''}
    <p id="apply-hint" class="hint">${a.startHint}</p>
    <p id="apply-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button" aria-describedby="apply-hint">${a.start}</button>
  </form>
  <p><a href="/portal/apply">${a.otherType}</a></p>
</section>`;
}

function answerString(value: AnswerValue | undefined): string {
  if (value === undefined || value === null || typeof value === 'boolean' || Array.isArray(value)) return '';
  return String(value);
}

/** One field of the type, as its kind asks (text, long text, number, date, yes/no, choice, several choices). */
function fieldInput(a: ApplyCopy, language: Language, item: ChecklistItem, value: AnswerValue | undefined): SafeHtml {
  const id = `field-${item.key}`;
  const errorId = `error-${item.key}`;
  const hint = item.fieldType ? a.fieldKinds[item.fieldType] : undefined;
  const hintId = `hint-${item.key}`;
  const describedBy = `${hint ? `${hintId} ` : ''}${errorId}`;
  const title = html`${label(language, item)} ${requiredMark(a, item.isRequired)}`;
  const error = html`<p id="${errorId}" class="error" role="alert" hidden></p>`;
  const hintLine = hint ? html`<p id="${hintId}" class="hint">${hint}</p>` : '';
  const wrap = (inner: SafeHtml) =>
    html`<div class="field" data-key="${item.key}" data-type="${item.fieldType ?? 'text'}">${inner}${error}</div>`;
  const required = item.isRequired ? html` aria-required="true"` : '';
  switch (item.fieldType) {
    case 'long-text':
      return wrap(
        html`<label for="${id}">${title}</label>${hintLine}<textarea id="${id}" rows="4" maxlength="4000"${required} aria-describedby="${describedBy}">${answerString(value)}</textarea>`,
      );
    case 'number':
      return wrap(
        html`<label for="${id}">${title}</label>${hintLine}<input id="${id}" type="text" inputmode="decimal" dir="ltr" maxlength="20" value="${answerString(value)}"${required} aria-describedby="${describedBy}">`,
      );
    case 'date':
      return wrap(
        html`<label for="${id}">${title}</label>${hintLine}<input id="${id}" type="date" dir="ltr" value="${answerString(value)}"${required} aria-describedby="${describedBy}">`,
      );
    case 'yes-no':
    case 'choice': {
      const options =
        item.fieldType === 'yes-no'
          ? [
              { value: 'yes', text: a.yes, isChecked: value === true },
              { value: 'no', text: a.no, isChecked: value === false },
            ]
          : (item.options ?? []).map((o) => ({ value: o.value, text: label(language, o), isChecked: value === o.value }));
      return wrap(
        html`<fieldset aria-describedby="${describedBy}"><legend>${title}</legend>${options.map(
          (o, i) =>
            html`<label class="choice"><input type="radio" name="${item.key}" id="${id}-${i}" value="${o.value}"${
              o.isChecked ? html` checked` : ''
            }> ${o.text}</label>`,
        )}</fieldset>`,
      );
    }
    case 'multi-choice': {
      const chosen = Array.isArray(value) ? value : [];
      return wrap(
        html`<fieldset aria-describedby="${describedBy}"><legend>${title}</legend>${(item.options ?? []).map(
          (o, i) =>
            html`<label class="choice"><input type="checkbox" name="${item.key}" id="${id}-${i}" value="${o.value}"${
              chosen.includes(o.value) ? html` checked` : ''
            }> ${label(language, o)}</label>`,
        )}</fieldset>`,
      );
    }
    default:
      return wrap(
        html`<label for="${id}">${title}</label>${hintLine}<input id="${id}" type="text" maxlength="500" value="${answerString(value)}"${required} aria-describedby="${describedBy}">`,
      );
  }
}

function answersForm(t: PortalCopy, language: Language, request: FamilyRequestView): SafeHtml {
  const a = t.apply;
  const fields = request.checklist.filter((i) => i.kind === 'field');
  if (!fields.length) return html``;
  const e = a.errors;
  return html`<section class="card" aria-labelledby="answers-heading">
  <h2 id="answers-heading">${a.answersTitle}</h2>
  <p class="hint">${a.answersHint}</p>
  <form id="answers-form" class="portal-form apply-form" novalidate data-request-id="${request.id}" data-version="${request.version}"
    data-msg-invalid="${e.fieldInvalid}" data-msg-number="${e.fieldNumber}" data-msg-date="${e.fieldDate}"
    data-msg-too-long="${e.fieldTooLong}" data-msg-conflict="${e.versionConflict}" data-msg-not-editable="${e.notEditable}"
    data-msg-generic="${t.errorGeneric}">
    ${fields.map((item) => fieldInput(a, language, item, request.answers[item.key]))}
    <p id="answers-error" class="error" role="alert" hidden></p>
    <p id="answers-saved" class="sent" role="status" hidden>${a.saved}</p>
    <button type="submit" class="button">${a.save}</button>
  </form>
</section>`;
}

function documentsSection(t: PortalCopy, language: Language, request: FamilyRequestView): SafeHtml {
  const a = t.apply;
  const items = request.checklist.filter((i) => i.kind === 'document');
  if (!items.length) return html``;
  const e = a.errors;
  return html`<section class="card" aria-labelledby="documents-heading">
  <h2 id="documents-heading">${a.documentsTitle}</h2>
  <p class="hint" id="documents-hint">${a.documentsHint}</p>
  ${items.map((item) => {
    const files = request.documents.filter((d) => d.itemKey === item.key);
    const inputId = `file-${item.key}`;
    return html`<form class="portal-form upload-form" novalidate data-request-id="${request.id}" data-item-key="${item.key}"
    data-msg-too-large="${e.fileTooLarge}" data-msg-type="${e.fileType}" data-msg-name="${e.fileName}" data-msg-empty="${e.fileEmpty}"
    data-msg-missing="${e.fileMissing}" data-msg-not-editable="${e.notEditable}" data-msg-generic="${t.errorGeneric}"
    aria-labelledby="doc-${item.key}">
    <h3 id="doc-${item.key}">${label(language, item)} ${requiredMark(a, item.isRequired)}</h3>
    ${
      files.length
        ? html`<p class="uploaded">${a.uploaded}</p><ul class="files">${files.map(
            (f) =>
              html`<li>${ltr(f.name)} <button type="button" class="link-button remove-document" data-document-id="${f.id}">${a.remove}<span class="visually-hidden">: ${f.name}</span></button></li>`,
          )}</ul>`
        : html`<p class="muted">${a.noFileYet}</p>`
    }
    <label for="${inputId}">${a.chooseFile}</label>
    <input id="${inputId}" type="file" accept="application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp"
      aria-describedby="documents-hint error-file-${item.key}">
    <p id="error-file-${item.key}" class="error" role="alert" hidden></p>
    <button type="submit" class="button secondary">${a.upload}</button>
  </form>`;
  })}
</section>`;
}

/** C3: what is still missing, plainly; or that nothing is. */
function missingSection(t: PortalCopy, language: Language, request: FamilyRequestView): SafeHtml {
  const a = t.apply;
  return html`<section class="card ${request.missing.length ? 'notice' : 'ok'}" aria-labelledby="missing-heading" id="missing">
  <h2 id="missing-heading">${a.missingTitle}</h2>
  ${
    request.missing.length
      ? html`<p>${a.missingIntro}</p><ul class="missing">${request.missing.map((m) => html`<li>${label(language, m)}</li>`)}</ul>`
      : html`<p>${a.nothingMissing}</p>`
  }
</section>`;
}

/** C4 online: exactly what is confirmed (the summary whose hash the code binds), then the code. */
function confirmSection(
  t: PortalCopy,
  input: { language: Language; association: AssociationSettings },
  request: FamilyRequestView,
  summary: AttestationSummary | null,
  canConfirmByCode: boolean,
): SafeHtml {
  const a = t.apply;
  const { language, association } = input;
  const heading = html`<h2 id="confirm-heading">${a.confirmTitle}</h2>`;
  if (request.isAttested) return html`<section class="card ok" aria-labelledby="confirm-heading">${heading}<p>${a.confirmed}</p></section>`;
  const locked = html`<section class="card" aria-labelledby="confirm-heading">${heading}<p class="muted">${a.confirmLocked}</p></section>`;
  if (request.missing.length) return locked;
  if (!canConfirmByCode)
    return html`<section class="card notice" aria-labelledby="confirm-heading">${heading}<p>${a.confirmAtReception} ${ltr(
      association.phone,
    )}.</p></section>`;
  if (!summary) return locked;
  const head = language === 'en' && summary.family.headNameEn ? summary.family.headNameEn : summary.family.headNameAr;
  const e = a.errors;
  return html`<section class="card" aria-labelledby="confirm-heading">${heading}
  <p>${a.confirmIntro}</p>
  <div class="summary" id="confirm-summary">
    <h3>${a.confirmFamily}</h3>
    <dl>
      <div class="row"><dt>${a.headName}</dt><dd>${head}</dd></div>
      <div class="row"><dt>${a.city}</dt><dd>${summary.family.city}</dd></div>
      <div class="row"><dt>${a.membersCount}</dt><dd>${summary.family.membersCount}</dd></div>
    </dl>
    ${
      summary.answers.length
        ? html`<h3>${a.confirmAnswers}</h3><dl>${summary.answers.map(
            (answer) => html`<div class="row"><dt>${label(language, answer)}</dt><dd class="reasons">${answer.value}</dd></div>`,
          )}</dl>`
        : ''
    }
    ${
      summary.documents.length
        ? html`<h3>${a.confirmDocuments}</h3><ul class="files">${summary.documents.map((d) => {
            const item = request.checklist.find((i) => i.key === d.itemKey);
            return html`<li>${item ? label(language, item) : d.itemKey}: ${ltr(d.name)}</li>`;
          })}</ul>`
        : ''
    }
  </div>
  <form id="confirm-start-form" class="portal-form" novalidate data-request-id="${request.id}"
    data-msg-throttled="${t.errorThrottled}" data-msg-generic="${t.errorGeneric}">
    <p id="confirm-start-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button">${a.sendConfirmCode}</button>
  </form>
  <form id="confirm-verify-form" class="portal-form" novalidate hidden data-request-id="${request.id}" data-sha256="${summary.dataSha256}"
    data-msg-invalid="${t.errorCode}" data-msg-format="${t.errorCodeFormat}" data-msg-throttled="${t.errorThrottled}"
    data-msg-changed="${e.dataChanged}" data-msg-generic="${t.errorGeneric}">
    <p id="confirm-code-sent" class="sent" role="status">${a.confirmCodeSent}</p>
    <label for="confirm-code">${a.confirmCodeLabel}</label>
    <input id="confirm-code" type="text" inputmode="numeric" autocomplete="one-time-code" dir="ltr" maxlength="6" required
      aria-describedby="confirm-code-sent confirm-verify-error">
    <p id="confirm-verify-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button">${a.confirm}</button>
    <button type="button" id="confirm-resend" class="button secondary">${a.sendConfirmCode}</button>
  </form>
</section>`;
}

function submitSection(t: PortalCopy, request: FamilyRequestView): SafeHtml {
  const a = t.apply;
  if (request.missing.length || !request.isAttested) return html``;
  const isAnswer = request.status === 'information-requested';
  return html`<section class="card" aria-labelledby="submit-heading">
  <h2 id="submit-heading">${isAnswer ? a.sendBack : a.submitTitle}</h2>
  <form id="submit-form" class="portal-form" novalidate data-request-id="${request.id}"
    data-msg-incomplete="${a.errors.incomplete}" data-msg-generic="${t.errorGeneric}">
    <p id="submit-hint">${isAnswer ? a.sendBackIntro : a.submitIntro}</p>
    <p id="submit-error" class="error" role="alert" hidden></p>
    <button type="submit" class="button" aria-describedby="submit-hint">${isAnswer ? a.sendBack : a.submit}</button>
  </form>
</section>`;
}

/** Once sent (C5, C6): the status, the deadline in both calendars and the channel news comes on. */
function statusSection(
  t: PortalCopy,
  input: { language: Language; association: AssociationSettings },
  request: FamilyRequestView,
  agreedChannel: Channel,
): SafeHtml {
  const a = t.apply;
  const { language, association } = input;
  const digits = association.digits;
  const rows: SafeHtml[] = [];
  if (request.deadlineDay) {
    rows.push(html`<p>${a.deadlineIntro(request.responseWorkingDays)}</p>
<p class="deadline">${dual(request.deadlineDay, language, digits)}</p>`);
  }
  if (request.status === 'information-requested') rows.push(html`<p class="muted">${a.pausedNote}</p>`);
  rows.push(html`<p>${a.newsBy} <strong>${a.channels[agreedChannel]}</strong>.</p>`);
  if (request.decision) {
    rows.push(html`<dl>
  <div class="row"><dt>${t.decision}</dt><dd>${t.outcomes[request.decision.outcome]}</dd></div>
  <div class="row"><dt>${t.reasons}</dt><dd class="reasons">${request.decision.reasons}</dd></div>
</dl>`);
  }
  const title = request.status === 'complete' || request.status === 'under-study' ? a.submittedTitle : t.deadline;
  return html`<section class="card ok" aria-labelledby="status-heading"><h2 id="status-heading">${title}</h2>${rows}</section>`;
}

export function requestView(
  t: PortalCopy,
  input: { language: Language; association: AssociationSettings },
  view: Extract<PortalView, { kind: 'request' }>,
): SafeHtml {
  const a = t.apply;
  const { language } = input;
  const request = view.request;
  if (!request) return html`${back(a)}<section class="card"><h2>${a.notFoundTitle}</h2><p>${a.notFound}</p></section>`;
  const typeName = language === 'ar' ? request.typeNameAr : request.typeNameEn;
  const head = html`<header class="request-head">
  <h2 id="request-title">${typeName}</h2>
  <p class="reference">${t.requestNumber} ${ltr(request.reference)}</p>
  <p class="status status-${request.status}">${t.statuses[request.status]}</p>
</header>`;
  if (!isEditable(request.status)) {
    return html`${back(a)}<article class="card request" aria-labelledby="request-title">${head}</article>
${statusSection(t, input, request, view.agreedChannel)}`;
  }
  const question =
    request.status === 'information-requested'
      ? html`<section class="card notice" aria-labelledby="question-heading">
  <h2 id="question-heading">${a.questionTitle}</h2>
  <p class="reasons">${request.question ?? ''}</p>
  <p class="muted">${a.questionHint}</p>
</section>${statusSection(t, input, request, view.agreedChannel)}`
      : '';
  return html`${back(a)}<article class="card request" aria-labelledby="request-title">${head}
  <details class="criteria-box"><summary>${a.criteriaTitle}</summary><ul class="criteria">${lines(
    language === 'ar' ? request.criteriaAr : request.criteriaEn,
  ).map((c) => html`<li>${c}</li>`)}</ul></details>
</article>
${question}
${answersForm(t, language, request)}
${documentsSection(t, language, request)}
${missingSection(t, language, request)}
${confirmSection(t, input, request, view.summary, view.canConfirmByCode)}
${submitSection(t, request)}`;
}

/** The link on a request's card in the list: continue, answer, or view. */
export function requestLink(t: PortalCopy, request: FamilyRequestView): SafeHtml {
  const a = t.apply;
  const text = request.status === 'draft' ? a.continueDraft : request.status === 'information-requested' ? a.answerCommittee : a.open;
  return html`<p class="request-link"><a class="button ${request.status === 'draft' || request.status === 'information-requested' ? '' : 'secondary'}" href="/portal/requests/${request.id}">${text}<span class="visually-hidden">: ${request.reference}</span></a></p>`;
}
