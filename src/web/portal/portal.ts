// The beneficiary portal (issue 5 §2, §9): the page is rendered on the server; this script only
// sends its forms — the two sign-in steps, the sign-out, and the online application's (start a
// request, save its answers, upload a document, confirm by code, submit) — and reloads the page to
// show the result. Every message it shows comes from the forms' data attributes (already in the
// page's language).
import '../public/public.css';
import './portal.css';
import { setUpConsentForms } from './portal-consents.js';
import { setUpPrivacyRequestForm } from './portal-privacy.js';

interface Answer {
  status: number;
  body: { code?: string; errors?: { code: string }[]; delivery?: string; csrfToken?: string } | null;
}

async function post(url: string, body: unknown, csrfToken?: string, method = 'POST'): Promise<Answer> {
  try {
    const isForm = body instanceof FormData;
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(isForm || body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}

function byId<T extends HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

function showError(form: HTMLFormElement, box: HTMLElement | null, input: HTMLInputElement | null, message: string | undefined): void {
  if (!box) return;
  box.textContent = message ?? form.dataset.msgGeneric ?? '';
  box.hidden = false;
  input?.setAttribute('aria-invalid', 'true');
  input?.focus();
}

function clearError(box: HTMLElement | null, input: HTMLInputElement | null): void {
  if (box) box.hidden = true;
  input?.removeAttribute('aria-invalid');
}

function setBusy(form: HTMLFormElement, isBusy: boolean): void {
  for (const button of form.querySelectorAll('button')) button.disabled = isBusy;
  form.setAttribute('aria-busy', String(isBusy));
}

const startForm = byId<HTMLFormElement>('start-form');
const verifyForm = byId<HTMLFormElement>('verify-form');
const nationalIdInput = byId<HTMLInputElement>('national-id');
const codeInput = byId<HTMLInputElement>('code');
const startError = byId('start-error');
const verifyError = byId('verify-error');

startForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError(startError, nationalIdInput);
  setBusy(startForm, true);
  const answer = await post('/api/v1/portal/sign-in/start', {
    nationalId: nationalIdInput?.value ?? '',
    language: document.documentElement.lang === 'en' ? 'en' : 'ar',
  });
  setBusy(startForm, false);
  const data = startForm.dataset;
  if (answer.status === 202 && answer.body?.delivery === 'sent' && verifyForm) {
    startForm.hidden = true;
    verifyForm.hidden = false;
    if (codeInput) {
      codeInput.value = '';
      codeInput.focus();
    }
    return;
  }
  if (answer.status === 202) return showError(startForm, startError, nationalIdInput, data.msgUnavailable);
  if (answer.status === 400) return showError(startForm, startError, nationalIdInput, data.msgNationalId);
  if (answer.status === 429) return showError(startForm, startError, nationalIdInput, data.msgThrottled);
  showError(startForm, startError, nationalIdInput, data.msgGeneric);
});

verifyForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError(verifyError, codeInput);
  setBusy(verifyForm, true);
  const answer = await post('/api/v1/portal/sign-in/verify', { nationalId: nationalIdInput?.value ?? '', code: codeInput?.value ?? '' });
  const data = verifyForm.dataset;
  if (answer.status === 200) {
    // The page asked for (a request, the application) opens signed in.
    window.location.assign(window.location.pathname);
    return;
  }
  setBusy(verifyForm, false);
  const code = answer.body?.errors?.[0]?.code ?? answer.body?.code;
  if (answer.status === 400 && code === 'code.format') return showError(verifyForm, verifyError, codeInput, data.msgFormat);
  if (answer.status === 400) return showError(verifyForm, verifyError, codeInput, data.msgInvalid);
  if (answer.status === 429) return showError(verifyForm, verifyError, codeInput, data.msgThrottled);
  showError(verifyForm, verifyError, codeInput, data.msgGeneric);
});

byId('restart')?.addEventListener('click', () => {
  if (!startForm || !verifyForm) return;
  clearError(verifyError, codeInput);
  verifyForm.hidden = true;
  startForm.hidden = false;
  nationalIdInput?.focus();
});

const signOutForm = byId<HTMLFormElement>('sign-out-form');
signOutForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  setBusy(signOutForm, true);
  const csrfToken = document.querySelector<HTMLMetaElement>('meta[name="sila-csrf"]')?.content;
  const answer = await post('/api/v1/portal/sign-out', {}, csrfToken);
  // Signed out, or the session had already ended: either way the sign-in page is next.
  if (answer.status === 200 || answer.status === 401) {
    window.location.assign('/portal');
    return;
  }
  setBusy(signOutForm, false);
  window.alert(signOutForm.dataset.msgGeneric ?? '');
});

// ---- the online application (issue 5 §2) ----
const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="sila-csrf"]')?.content;
const language = () => (document.documentElement.lang === 'en' ? 'en' : 'ar');
const errorCode = (answer: Answer) => answer.body?.errors?.[0]?.code ?? answer.body?.code;
const FLASH = 'sila-portal-flash';

/** Reloads the page to show the server's view, and shows `flashId` (a hidden status line) once it is back. */
function reloadShowing(flashId?: string): void {
  if (flashId) sessionStorage.setItem(FLASH, flashId);
  window.location.reload();
}

const flash = sessionStorage.getItem(FLASH);
if (flash) {
  sessionStorage.removeItem(FLASH);
  const line = byId(flash);
  if (line) {
    line.hidden = false;
    line.scrollIntoView({ block: 'center' });
  }
}

setUpConsentForms(() => reloadShowing('consent-done'));
setUpPrivacyRequestForm();

const applyForm = byId<HTMLFormElement>('apply-form');
applyForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = byId('apply-error');
  clearError(box, null);
  setBusy(applyForm, true);
  // The key is the page's: a double tap or a retry makes one request.
  const body = {
    idempotencyKey: applyForm.dataset.idempotencyKey,
    typeCode: applyForm.dataset.typeCode,
    answers: {},
    // Issue 20 §4: the version of the privacy notice the form showed.
    ...(applyForm.dataset.privacyVersion ? { privacyNoticeVersion: applyForm.dataset.privacyVersion } : {}),
  };
  const answer = await post('/api/v1/portal/requests', body, csrf());
  const id = (answer.body as { id?: string } | null)?.id;
  if (answer.status === 201 && id) {
    window.location.assign(`/portal/requests/${id}`);
    return;
  }
  setBusy(applyForm, false);
  showError(applyForm, box, null, applyForm.dataset.msgGeneric);
});

type Value = string | boolean | string[] | null;

function fieldValue(field: HTMLElement): Value {
  const type = field.dataset.type;
  const checked = [...field.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  if (type === 'yes-no') return checked[0] === 'yes' ? true : checked[0] === 'no' ? false : null;
  if (type === 'choice') return checked[0] ?? null;
  if (type === 'multi-choice') return checked;
  const value = field.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')?.value.trim() ?? '';
  return value === '' ? null : value;
}

const FIELD_MESSAGES: Record<string, string> = {
  'field.not-a-number': 'msgNumber',
  'field.date-invalid': 'msgDate',
  'field.too-long': 'msgTooLong',
};

const answersForm = byId<HTMLFormElement>('answers-form');
answersForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = answersForm.dataset;
  const fields = [...answersForm.querySelectorAll<HTMLElement>('.field')];
  const formError = byId('answers-error');
  clearError(formError, null);
  for (const field of fields) {
    field.querySelector('.error')?.setAttribute('hidden', '');
    field.querySelector('input, textarea, fieldset')?.removeAttribute('aria-invalid');
  }
  const answers: Record<string, Value> = {};
  for (const field of fields) if (field.dataset.key) answers[field.dataset.key] = fieldValue(field);
  setBusy(answersForm, true);
  const answer = await post(`/api/v1/portal/requests/${data.requestId}`, { answers, version: Number(data.version) }, csrf(), 'PATCH');
  if (answer.status === 200) return reloadShowing('answers-saved');
  setBusy(answersForm, false);
  const errors = (answer.body?.errors ?? []) as { code: string; pointer?: string }[];
  if (answer.status === 400 && errors.some((e) => e.pointer?.startsWith('/answers/'))) {
    let first: HTMLElement | null = null;
    for (const error of errors) {
      const key = error.pointer?.slice('/answers/'.length);
      const field = fields.find((f) => f.dataset.key === key);
      const box = field?.querySelector<HTMLElement>('.error');
      if (!field || !box) continue;
      box.textContent = data[FIELD_MESSAGES[error.code] ?? 'msgInvalid'] ?? '';
      box.hidden = false;
      const control = field.querySelector<HTMLElement>('input, textarea, fieldset');
      control?.setAttribute('aria-invalid', 'true');
      first ??= field.querySelector<HTMLElement>('input, textarea');
    }
    first?.focus();
    return;
  }
  const code = errorCode(answer);
  const message =
    code === 'request.version-conflict' ? data.msgConflict : code === 'request.not-editable' ? data.msgNotEditable : data.msgGeneric;
  showError(answersForm, formError, null, message);
});

const UPLOAD_MESSAGES: Record<string, string> = {
  'file.too-large': 'msgTooLarge',
  'file.type-not-accepted': 'msgType',
  'file.name-invalid': 'msgName',
  'file.empty': 'msgEmpty',
  'request.not-editable': 'msgNotEditable',
};
/** The server's limit (REQUEST_FILE_MAX_BYTES in contracts/requests.ts, kept out of this light bundle); a bigger file is refused before it is sent. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

for (const form of document.querySelectorAll<HTMLFormElement>('.upload-form')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = form.dataset;
    const input = form.querySelector<HTMLInputElement>('input[type="file"]');
    const box = form.querySelector<HTMLElement>('.error');
    clearError(box, input);
    const file = input?.files?.[0];
    if (!file) return showError(form, box, input, data.msgMissing);
    if (file.size > MAX_UPLOAD_BYTES) return showError(form, box, input, data.msgTooLarge);
    const body = new FormData();
    body.append('itemKey', data.itemKey ?? '');
    body.append('file', file, file.name);
    setBusy(form, true);
    const answer = await post(`/api/v1/portal/requests/${data.requestId}/documents`, body, csrf());
    if (answer.status === 201) return reloadShowing();
    setBusy(form, false);
    const code = answer.status === 413 ? 'file.too-large' : answer.status === 415 ? 'file.type-not-accepted' : errorCode(answer);
    showError(form, box, input, data[UPLOAD_MESSAGES[code ?? ''] ?? 'msgGeneric']);
  });
}

// A document taken back: the same form's messages, then the page as the server now has it.
for (const button of document.querySelectorAll<HTMLButtonElement>('.remove-document')) {
  button.addEventListener('click', async () => {
    const form = button.closest<HTMLFormElement>('.upload-form');
    if (!form) return;
    const data = form.dataset;
    button.disabled = true;
    const answer = await post(
      `/api/v1/portal/requests/${data.requestId}/documents/${button.dataset.documentId}`,
      undefined,
      csrf(),
      'DELETE',
    );
    if (answer.status === 200) return reloadShowing();
    button.disabled = false;
    const code = errorCode(answer);
    showError(form, form.querySelector<HTMLElement>('.error'), null, data[UPLOAD_MESSAGES[code ?? ''] ?? 'msgGeneric']);
  });
}

const confirmStart = byId<HTMLFormElement>('confirm-start-form');
const confirmVerify = byId<HTMLFormElement>('confirm-verify-form');
const confirmCode = byId<HTMLInputElement>('confirm-code');

async function sendConfirmCode(): Promise<void> {
  if (!confirmStart || !confirmVerify) return;
  const box = byId('confirm-start-error');
  clearError(box, null);
  setBusy(confirmStart, true);
  const answer = await post(
    `/api/v1/portal/requests/${confirmStart.dataset.requestId}/attestation/start`,
    { language: language() },
    csrf(),
  );
  setBusy(confirmStart, false);
  if (answer.status === 202) {
    confirmStart.hidden = true;
    confirmVerify.hidden = false;
    clearError(byId('confirm-verify-error'), confirmCode);
    if (confirmCode) {
      confirmCode.value = '';
      confirmCode.focus();
    }
    return;
  }
  confirmStart.hidden = false;
  confirmVerify.hidden = true;
  const message = answer.status === 429 ? confirmStart.dataset.msgThrottled : confirmStart.dataset.msgGeneric;
  showError(confirmStart, box, null, message);
}

confirmStart?.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendConfirmCode();
});
byId('confirm-resend')?.addEventListener('click', () => void sendConfirmCode());

confirmVerify?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = confirmVerify.dataset;
  const box = byId('confirm-verify-error');
  clearError(box, confirmCode);
  setBusy(confirmVerify, true);
  // Bound to the summary on the screen: a change since it was shown is refused (409 request.data-changed).
  const body = { code: confirmCode?.value ?? '', dataSha256: data.sha256 };
  const answer = await post(`/api/v1/portal/requests/${data.requestId}/attestation/verify`, body, csrf());
  if (answer.status === 200) return reloadShowing();
  setBusy(confirmVerify, false);
  const code = errorCode(answer);
  const message =
    answer.status === 400 && code === 'code.format'
      ? data.msgFormat
      : answer.status === 400
        ? data.msgInvalid
        : answer.status === 429
          ? data.msgThrottled
          : code === 'request.data-changed'
            ? data.msgChanged
            : data.msgGeneric;
  showError(confirmVerify, box, confirmCode, message);
});

const submitForm = byId<HTMLFormElement>('submit-form');
submitForm?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = byId('submit-error');
  clearError(box, null);
  setBusy(submitForm, true);
  const answer = await post(`/api/v1/portal/requests/${submitForm.dataset.requestId}/submit`, {}, csrf());
  if (answer.status === 200) return reloadShowing();
  setBusy(submitForm, false);
  showError(submitForm, box, null, answer.status === 422 ? submitForm.dataset.msgIncomplete : submitForm.dataset.msgGeneric);
});
