// The family asks about its personal data from the portal (issue 25 §2, F2): the kind and optional
// details go to the privacy area; the answer names the request's reference and its deadline. On
// /portal/privacy the list of the family's requests above the form is refreshed in place, so the new
// request shows at once without losing the confirmation.

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="sila-csrf"]')?.content ?? '';

const LIST = 'section[data-testid="portal-privacy"]';

/** Swaps the server-rendered list for a fresh one; on any failure the old list stays (a reload shows it). */
async function refreshList(): Promise<void> {
  const current = document.querySelector(LIST);
  if (!current) return;
  try {
    const response = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector(LIST);
    if (fresh) current.replaceWith(document.importNode(fresh, true));
  } catch {
    // The request itself was filed; only the list is stale until the next visit.
  }
}

export function setUpPrivacyRequestForm(): void {
  const form = document.getElementById('privacy-request-form') as HTMLFormElement | null;
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = form.querySelector<HTMLElement>('.error');
    const sent = form.querySelector<HTMLElement>('.sent');
    const button = form.querySelector<HTMLButtonElement>('button');
    if (error) error.hidden = true;
    if (button) button.disabled = true;
    const data = new FormData(form);
    const details = String(data.get('details') ?? '').trim();
    try {
      const response = await fetch('/api/v1/portal/privacy-requests', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
        body: JSON.stringify({ kind: data.get('kind'), ...(details ? { details } : {}) }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const answer = (await response.json()) as { reference: string; deadline: string };
      if (sent) {
        sent.textContent = (form.dataset.msgDone ?? '').replace('{reference}', answer.reference).replace('{deadline}', answer.deadline);
        sent.hidden = false;
      }
      form.reset();
      await refreshList();
    } catch {
      if (error) {
        error.textContent = form.dataset.msgGeneric ?? '';
        error.hidden = false;
      }
    } finally {
      if (button) button.disabled = false;
    }
  });
}
