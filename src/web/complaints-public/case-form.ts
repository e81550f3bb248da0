import { parseNationalId } from '../../domain/national-id.js';
import { formatTrackingCode } from '../../domain/tracking-code.js';
import { errorText, type PageCopy, type Problem, postJson } from './copy.js';

/** The complaint or inquiry form at /complaints/new (issue 6 §1): checks, uploads, sending, the receipt. */
type Kind = 'complaint' | 'inquiry';
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const inputValue = (id: string) => (byId<HTMLInputElement>(id)?.value ?? '').trim();

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

interface Attachment {
  name: string;
  token: string | null;
  item: HTMLLIElement;
}

export function setUpCaseForm(copy: PageCopy): void {
  const form = byId<HTMLFormElement>('case-form');
  if (!form) return;
  const ui = copy.ui;
  const maxAttachments = Number(form.dataset.maxAttachments ?? '5');
  const maxBytes = Number(form.dataset.maxBytes ?? String(5 * 1024 * 1024));
  const attachments: Attachment[] = [];
  let last: { body: string; key: string } | null = null;
  let isSending = false;

  const kind = (): Kind => ((form.elements.namedItem('kind') as RadioNodeList).value === 'inquiry' ? 'inquiry' : 'complaint');
  const isAnonymous = () => kind() === 'complaint' && byId<HTMLInputElement>('anonymous').checked;
  const isFamily = () => (form.elements.namedItem('isFamily') as RadioNodeList).value === 'yes';

  function refresh(): void {
    const current = kind();
    for (const el of document.querySelectorAll<HTMLElement>('[data-only]')) el.hidden = el.dataset.only !== current;
    for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-kind]'))
      select.disabled = select.dataset.kind !== current;
    for (const el of document.querySelectorAll<HTMLElement>('[data-identity]')) el.hidden = isAnonymous();
    byId('national-id-block').hidden = isAnonymous() || !isFamily();
  }
  form.addEventListener('change', refresh);
  refresh();

  // ---- errors ----
  const summary = byId('error-summary');
  const fieldOf = (pointer: string): string => {
    const name = pointer.split('/')[1] ?? '';
    if (name === 'topic') return 'topic';
    if (name === 'attachments') return 'attachments';
    return ['name', 'mobile', 'email', 'nationalId', 'description', 'remedy', 'domain', 'consent'].includes(name) ? name : '';
  };
  function clearErrors(): void {
    for (const el of form.querySelectorAll<HTMLElement>('.error')) {
      el.hidden = true;
      el.textContent = '';
    }
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    summary.hidden = true;
  }
  function showErrors(errors: Array<{ field: string; code: string }>, formCode?: string): void {
    clearErrors();
    const list = summary.querySelector('ul') as HTMLUListElement;
    list.replaceChildren();
    for (const { field, code } of errors) {
      const target = field === 'topic' ? `topic-${kind()}` : field === 'attachments' ? 'attachment-input' : field;
      const message = byId(`${field}-error`);
      if (message) {
        message.textContent = errorText(copy, code);
        message.hidden = false;
      }
      byId(target)?.setAttribute('aria-invalid', 'true');
      const link = document.createElement('a');
      link.href = `#${target}`;
      link.textContent = `${((document.querySelector(`label[for="${target}"]:not([hidden])`) as HTMLElement | null)?.textContent ?? '').trim()}: ${errorText(copy, code)}`;
      const item = document.createElement('li');
      item.append(link);
      list.append(item);
    }
    const formError = byId('form-error');
    if (formCode) {
      formError.textContent = errorText(copy, formCode);
      formError.hidden = false;
    }
    if (errors.length) {
      summary.hidden = false;
      summary.focus();
    }
  }
  function showProblem(problem: Problem): void {
    const errors = (problem.errors ?? []).map((e) => ({ field: fieldOf(e.pointer), code: e.code }));
    const placed = errors.filter((e) => e.field);
    const unplaced = errors.find((e) => !e.field);
    showErrors(placed, unplaced?.code ?? (placed.length ? undefined : problem.code));
  }

  // ---- attachments: one upload per file, as soon as it is chosen ----
  const fileInput = byId<HTMLInputElement>('attachment-input');
  const fileList = byId<HTMLUListElement>('attachment-list');
  // A size refusal names the limit: the server's (`limitBytes` on its 413) or the page's own.
  const attachmentError = (code: string, limitBytes = maxBytes) => {
    const el = byId('attachments-error');
    el.textContent = errorText(copy, code).replace('{mb}', String(Math.round((limitBytes / (1024 * 1024)) * 10) / 10));
    el.hidden = false;
  };
  async function addFile(file: File): Promise<void> {
    if (attachments.length >= maxAttachments) return attachmentError('attachments.too-many');
    if (file.size > maxBytes) return attachmentError('file.too-large');
    if (file.type && !ACCEPTED.includes(file.type)) return attachmentError('file.type-not-accepted');
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = file.name;
    label.dir = 'auto';
    const state = document.createElement('span');
    state.className = 'file-state';
    state.textContent = ui.uploading ?? '';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'link-button';
    remove.textContent = ui.remove ?? '';
    remove.setAttribute('aria-label', `${ui.remove ?? ''} ${file.name}`);
    item.append(label, state, remove);
    fileList.append(item);
    const entry: Attachment = { name: file.name, token: null, item };
    attachments.push(entry);
    remove.addEventListener('click', () => {
      attachments.splice(attachments.indexOf(entry), 1);
      item.remove();
    });
    const data = new FormData();
    data.append('file', file, file.name);
    try {
      const response = await fetch('/api/v1/public/uploads', { method: 'POST', body: data, credentials: 'same-origin' });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        attachments.splice(attachments.indexOf(entry), 1);
        item.remove();
        const problem = body as Problem & { limitBytes?: number };
        return attachmentError(problem.code ?? 'generic', problem.limitBytes);
      }
      entry.token = (body as { uploadToken: string }).uploadToken;
      state.textContent = ui.uploaded ?? '';
    } catch {
      attachments.splice(attachments.indexOf(entry), 1);
      item.remove();
      attachmentError('network');
    }
  }
  fileInput.addEventListener('change', async () => {
    byId('attachments-error').hidden = true;
    const files = Array.from(fileInput.files ?? []);
    fileInput.value = '';
    for (const file of files) await addFile(file);
  });

  // ---- checks in the browser (the server checks again and speaks the same codes) ----
  function check(): Array<{ field: string; code: string }> {
    const errors: Array<{ field: string; code: string }> = [];
    const anonymous = isAnonymous();
    if (!anonymous && !inputValue('name')) errors.push({ field: 'name', code: 'field.required' });
    if (!anonymous && !inputValue('mobile') && !inputValue('email')) errors.push({ field: 'mobile', code: 'contact.required' });
    const email = inputValue('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', code: 'field.email' });
    if (!anonymous && isFamily()) {
      const id = inputValue('nationalId');
      if (!id) errors.push({ field: 'nationalId', code: 'field.required' });
      else {
        const parsed = parseNationalId(id);
        if (!parsed.isValid) errors.push({ field: 'nationalId', code: parsed.code });
      }
    }
    if (!byId<HTMLSelectElement>(`topic-${kind()}`).value) errors.push({ field: 'topic', code: 'field.required' });
    const description = inputValue('description');
    if (!description) errors.push({ field: 'description', code: 'field.required' });
    else if (description.length < 10) errors.push({ field: 'description', code: 'field.too-short' });
    if (attachments.some((a) => !a.token)) errors.push({ field: 'attachments', code: 'generic' });
    if (!byId<HTMLInputElement>('consent').checked) errors.push({ field: 'consent', code: 'consent.required' });
    return errors;
  }

  function body(): Record<string, unknown> {
    const anonymous = isAnonymous();
    const optional = (id: string) => inputValue(id) || undefined;
    const common = {
      ...(anonymous ? {} : { name: optional('name') }),
      mobile: optional('mobile'),
      email: optional('email'),
      ...(!anonymous && isFamily() ? { nationalId: optional('nationalId') } : {}),
      topic: byId<HTMLSelectElement>(`topic-${kind()}`).value,
      domain: byId<HTMLSelectElement>('domain').value || undefined,
      description: inputValue('description'),
      attachments: attachments.map((a) => a.token as string),
      privacyNoticeVersion: form.dataset.privacyVersion,
      website: byId<HTMLInputElement>('website').value || undefined,
    };
    return kind() === 'complaint' ? { anonymous, ...common, remedy: optional('remedy') } : common;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (isSending) return;
    const errors = check();
    if (errors.length) return showErrors(errors);
    clearErrors();
    const payload = body();
    const json = JSON.stringify(payload);
    // One key per distinct body: a retry after a lost answer files nothing twice (issue 6 §2).
    if (!last || last.body !== json) last = { body: json, key: randomKey() };
    const submit = byId<HTMLButtonElement>('submit');
    isSending = true;
    submit.disabled = true;
    submit.textContent = ui.sending ?? '';
    const url = kind() === 'complaint' ? '/api/v1/public/complaints' : '/api/v1/public/inquiries';
    const result = await postJson<{ reference: string; trackingCode: string }>(url, payload, {
      'idempotency-key': last.key,
      'accept-language': copy.language,
    });
    isSending = false;
    submit.disabled = false;
    submit.textContent = ui.submit ?? '';
    if (!result.ok) return showProblem(result.problem);
    showReceipt(result.data.reference, result.data.trackingCode);
  });

  function showReceipt(reference: string, code: string): void {
    form.hidden = true;
    for (const el of document.querySelectorAll<HTMLElement>('.intro, .track-nav')) el.hidden = true;
    byId('receipt-reference').textContent = reference;
    byId('receipt-code').textContent = formatTrackingCode(code);
    byId<HTMLAnchorElement>('receipt-track').href = `/complaints/track#${code}`;
    const receipt = byId('receipt');
    receipt.hidden = false;
    receipt.focus();
    byId('copy-code').addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code);
      } catch {
        const range = document.createRange();
        range.selectNodeContents(byId('receipt-code'));
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
      byId('copy-status').textContent = ui.copied ?? '';
    });
  }
}
