// The family asks about its personal data from the portal (issue 25 §2, F2): the kind and optional
// details go to the privacy area; the answer names the request's reference and its deadline.

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="sila-csrf"]')?.content ?? '';

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
