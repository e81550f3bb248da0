// The public withdrawal page `/consent#TOKEN` (issue 20 §3, F2) is rendered on the server; this light
// entry (no framework) reads the token from the part after '#', which never reaches the server's
// logs, shows the purpose and records the withdrawal.
import '../public/public.css';
import '../complaints-public/complaints-public.css';
import { postJson } from '../complaints-public/copy.js';

interface LinkView {
  purpose: string;
  nameAr: string;
  nameEn: string;
  isRequired: boolean;
  state: 'given' | 'withdrawn';
}
interface Copy {
  language: 'ar' | 'en';
  errors: Record<string, string>;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const copy = JSON.parse(byId('sila-copy')?.textContent ?? '{}') as Copy;
const errorText = (code: string) => copy.errors[code] ?? copy.errors.generic ?? code;
const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();

const loading = byId('consent-loading');
const card = byId('consent-form-card');
const invalid = byId('consent-invalid');
const confirmField = byId('field-confirm');
const confirm = byId<HTMLInputElement>('confirm-end');
const error = byId('consent-error');
const button = byId<HTMLButtonElement>('withdraw');

// The language switch keeps the token.
const switcher = byId<HTMLAnchorElement>('language-switch');
if (switcher && token) switcher.href = `${switcher.pathname}${switcher.search}#${encodeURIComponent(token)}`;

function show(view: LinkView): void {
  loading.hidden = true;
  if (view.state !== 'given') {
    card.hidden = true;
    byId('consent-already').hidden = false;
    return;
  }
  byId('consent-purpose').textContent = copy.language === 'ar' ? view.nameAr : view.nameEn;
  byId('consent-required').hidden = !view.isRequired;
  confirmField.hidden = !view.isRequired;
  card.hidden = false;
}

function fail(code: string): void {
  loading.hidden = true;
  card.hidden = true;
  invalid.textContent = errorText(code);
  invalid.hidden = false;
}

async function start(): Promise<void> {
  if (!token) return fail('consent.link-invalid');
  const answer = await postJson<LinkView>('/api/v1/public/consent/link', { token });
  if (answer.ok) show(answer.data);
  else fail(answer.problem.code ?? 'generic');
}

byId<HTMLFormElement>('consent-form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  if (!confirmField.hidden && !confirm.checked) {
    error.textContent = errorText('consent.end-of-service-unconfirmed');
    error.hidden = false;
    confirm.focus();
    return;
  }
  button.disabled = true;
  const answer = await postJson<LinkView>('/api/v1/public/consent/withdraw', {
    token,
    ...(confirmField.hidden ? {} : { confirmEndOfService: true }),
  });
  button.disabled = false;
  if (answer.ok) {
    card.hidden = true;
    byId('consent-done').hidden = false;
    byId('consent-done').focus();
    return;
  }
  if (answer.problem.code === 'consent.link-used') {
    card.hidden = true;
    byId('consent-already').hidden = false;
    return;
  }
  error.textContent = errorText(answer.problem.code ?? 'generic');
  error.hidden = false;
});

void start();
