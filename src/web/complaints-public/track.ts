import { formatTrackingCode, normaliseTrackingCode } from '../../domain/tracking-code.js';
import { errorText, type PageCopy, postJson } from './copy.js';

/**
 * The tracking page (issue 6 §3): the code comes from what the visitor types or from `#CODE` in the
 * acknowledgement's link — the part after '#' never reaches the server's logs.
 */
interface Lookup {
  reference: string;
  status: string;
  timeline: Array<{ step: string; at: string }>;
  response: string | null;
  /** Issue 20 §5: what became of our messages to the writer. */
  messages: Array<{ about: string; state: string; sentAt: string | null }>;
  /** Issue 23 §5: an escalated complaint's compensation case, as an outcome category only (inquiries: absent). */
  compensationOutcome?: string | null;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function formatInstant(at: string, language: 'ar' | 'en'): string {
  const date = new Date(at);
  const options: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Riyadh', year: 'numeric', month: 'long', day: 'numeric' };
  const hijri = new Intl.DateTimeFormat(`${language === 'ar' ? 'ar-SA' : 'en'}-u-ca-islamic-umalqura-nu-latn`, options).format(date);
  const gregorian = new Intl.DateTimeFormat(`${language === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-gregory-nu-latn`, {
    ...options,
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
  return `${gregorian} · ${hijri}`;
}

export function setUpTracking(copy: PageCopy): void {
  const form = byId<HTMLFormElement>('track-form');
  const input = byId<HTMLInputElement>('trackingCode');
  const error = byId('trackingCode-error');
  const result = byId('result');
  const button = byId<HTMLButtonElement>('check');
  const switcher = byId<HTMLAnchorElement>('language-switch');
  if (!form) return;

  const showError = (code: string) => {
    error.textContent = errorText(copy, code);
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    result.hidden = true;
    input.focus();
  };

  async function lookUp(typed: string): Promise<void> {
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    const code = normaliseTrackingCode(typed);
    if (!code) return showError(typed.trim() ? 'tracking.not-found' : 'field.required');
    button.disabled = true;
    button.textContent = copy.ui.checking ?? '';
    // The same page follows complaints and inquiries: one code belongs to one of them.
    let answer = await postJson<Lookup>('/api/v1/public/complaints/lookup', { trackingCode: code });
    if (!answer.ok && answer.problem.status === 404)
      answer = await postJson<Lookup>('/api/v1/public/inquiries/lookup', { trackingCode: code });
    button.disabled = false;
    button.textContent = copy.ui.check ?? '';
    if (!answer.ok) return showError(answer.problem.status === 404 ? 'tracking.not-found' : answer.problem.code);
    const data = answer.data;
    input.value = formatTrackingCode(code);
    byId('result-reference').textContent = data.reference;
    byId('result-status').textContent = copy.steps[data.status] ?? data.status;
    byId('result-status').dataset.status = data.status;
    const list = byId('result-timeline');
    list.replaceChildren(
      ...data.timeline.map((s) => {
        const item = document.createElement('li');
        const name = document.createElement('strong');
        name.textContent = copy.steps[s.step] ?? s.step;
        const time = document.createElement('time');
        time.dateTime = s.at;
        time.textContent = formatInstant(s.at, copy.language);
        item.append(name, time);
        return item;
      }),
    );
    const messages = byId('result-messages');
    messages.replaceChildren(
      ...data.messages.map((m) => {
        const item = document.createElement('li');
        item.dataset.state = m.state;
        const name = document.createElement('strong');
        name.textContent = copy.ui[`message.${m.about}`] ?? m.about;
        const state = document.createElement('span');
        state.textContent = copy.ui[`state.${m.state}`] ?? m.state;
        item.append(name, state);
        if (m.sentAt) {
          const time = document.createElement('time');
          time.dateTime = m.sentAt;
          time.textContent = formatInstant(m.sentAt, copy.language);
          item.append(time);
        }
        return item;
      }),
    );
    byId('result-messages-block').hidden = data.messages.length === 0;
    const outcome = data.compensationOutcome ?? null;
    byId('result-compensation').textContent = outcome ? (copy.ui[`compensation.${outcome}`] ?? outcome) : '';
    byId('result-compensation-row').hidden = outcome === null;
    const response = byId('result-response');
    response.textContent = data.response ?? copy.ui.noResponse ?? '';
    response.classList.toggle('muted', !data.response);
    result.hidden = false;
    result.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void lookUp(input.value);
  });

  const fromLink = decodeURIComponent(location.hash.slice(1));
  if (fromLink) {
    input.value = fromLink;
    // Keep the code when switching language: it stays after '#', never in the query.
    if (switcher) switcher.href = `${switcher.getAttribute('href')}${location.hash}`;
    void lookUp(fromLink);
  }
}
