// The beneficiary portal (issue 5 §2, §9): the page is rendered on the server; this script only
// sends the two sign-in steps and the sign-out. Every message it shows comes from the forms'
// data attributes (already in the page's language).
import '../public/public.css';
import './portal.css';

interface Answer {
  status: number;
  body: { code?: string; errors?: { code: string }[]; delivery?: string; csrfToken?: string } | null;
}

async function post(url: string, body: unknown, csrfToken?: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: JSON.stringify(body),
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
  if (answer.status === 202 && answer.body?.delivery === 'sms' && verifyForm) {
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
    window.location.assign('/portal');
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
