// The contract party's page `/ack#TOKEN` (issue 26 §4, P-SCOPE) is rendered on the server; this light
// entry (no framework) reads the token from the part after '#' — never sent to the server's logs —
// shows the text, and records the acknowledgement once the text was scrolled to its end.
import '../public/public.css';
import '../complaints-public/complaints-public.css';
import { postJson } from '../complaints-public/copy.js';

interface LinkDocument {
  titleAr: string;
  titleEn: string;
  number: number;
  effectiveOn: string;
  bodyAr: string | null;
  textSha256: string;
  partyName: string;
}
interface Copy {
  language: 'ar' | 'en';
  errors: Record<string, string>;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const copy = JSON.parse(byId('sila-copy')?.textContent ?? '{}') as Copy;
const errorText = (code: string) => copy.errors[code] ?? copy.errors.generic ?? code;
const token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();

const loading = byId('ack-loading');
const card = byId('ack-card');
const invalid = byId('ack-invalid');
const text = byId('ack-text');
const agree = byId<HTMLInputElement>('ack-agree');
const submit = byId<HTMLButtonElement>('ack-submit');
const error = byId('ack-error');
let current: LinkDocument | null = null;
let hasRead = false;

const switcher = byId<HTMLAnchorElement>('language-switch');
if (switcher && token) switcher.href = `${switcher.pathname}${switcher.search}#${encodeURIComponent(token)}`;

function markRead(): void {
  if (hasRead) return;
  if (text.scrollTop + text.clientHeight >= text.scrollHeight - 8) {
    hasRead = true;
    agree.disabled = false;
    byId('ack-scroll-hint').hidden = true;
  }
}

function show(doc: LinkDocument): void {
  current = doc;
  hasRead = false;
  agree.checked = false;
  agree.disabled = true;
  submit.disabled = true;
  byId('ack-scroll-hint').hidden = false;
  loading.hidden = true;
  byId('ack-title').textContent = copy.language === 'ar' ? doc.titleAr : doc.titleEn;
  byId('ack-number').textContent = String(doc.number);
  byId('ack-effective').textContent = doc.effectiveOn;
  text.textContent = doc.bodyAr ?? '';
  text.lang = 'ar';
  text.dir = 'rtl';
  card.hidden = false;
  text.scrollTop = 0;
  markRead();
}

function fail(code: string): void {
  loading.hidden = true;
  card.hidden = true;
  invalid.textContent = errorText(code);
  invalid.hidden = false;
}

async function load(): Promise<void> {
  if (!token) return fail('acknowledgement.link-invalid');
  const answer = await postJson<LinkDocument>('/api/v1/public/acknowledgements/link', { token });
  if (answer.ok) show(answer.data);
  else fail(answer.problem.code ?? 'generic');
}

text.addEventListener('scroll', markRead);
agree.addEventListener('change', () => {
  submit.disabled = !agree.checked;
});

byId<HTMLFormElement>('ack-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const name = byId<HTMLInputElement>('ack-name').value.trim();
  const idLast4 = byId<HTMLInputElement>('ack-id4')
    .value.trim()
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const problem = !hasRead
    ? 'acknowledgement.read-to-end'
    : !name
      ? 'field.required'
      : !/^\d{4}$/.test(idLast4)
        ? 'acknowledgement.id-last4'
        : !agree.checked
          ? 'acknowledgement.agree'
          : null;
  if (problem || !current) {
    error.textContent = errorText(problem ?? 'generic');
    error.hidden = false;
    return;
  }
  submit.disabled = true;
  const answer = await postJson('/api/v1/public/acknowledgements', {
    token,
    name,
    idLast4,
    textSha256: current.textSha256,
    hasReadToEnd: true,
  });
  if (answer.ok) {
    card.hidden = true;
    byId('ack-done').hidden = false;
    byId('ack-done').focus();
    return;
  }
  const code = answer.problem.code ?? 'generic';
  if (code === 'acknowledgement.link-invalid') return fail(code);
  if (code === 'acknowledgement.version-replaced') await load();
  submit.disabled = false;
  error.textContent = errorText(code);
  error.hidden = false;
});

void load();
