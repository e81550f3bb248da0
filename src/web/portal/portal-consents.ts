// The family withdraws a consent in the portal (issue 20 §3): each form names its purpose; contact
// on the agreed channel comes with the new channel chosen, the service's own consent with the
// confirmation. Messages come from the form's data attributes, in the page's language.

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="sila-csrf"]')?.content ?? '';

export function setUpConsentForms(onDone: () => void): void {
  for (const form of document.querySelectorAll<HTMLFormElement>('.consent-form')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const error = form.querySelector<HTMLElement>('.error');
      const select = form.querySelector<HTMLSelectElement>('select[name="newAgreedChannel"]');
      const confirm = form.querySelector<HTMLInputElement>('input[name="confirmEndOfService"]');
      const fail = (message: string | undefined) => {
        if (!error) return;
        error.textContent = message ?? form.dataset.msgGeneric ?? '';
        error.hidden = false;
      };
      if (error) error.hidden = true;
      if (select && !select.value) return fail(form.dataset.msgChannel);
      if (confirm && !confirm.checked) return fail(form.dataset.msgConfirm);
      for (const button of form.querySelectorAll('button')) button.disabled = true;
      try {
        const response = await fetch('/api/v1/portal/consents/withdraw', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
          body: JSON.stringify({
            purpose: form.dataset.purpose,
            ...(select ? { newAgreedChannel: select.value } : {}),
            ...(confirm ? { confirmEndOfService: true } : {}),
          }),
        });
        if (response.ok) return onDone();
        const body = (await response.json().catch(() => null)) as { code?: string } | null;
        fail(body?.code === 'consent.not-given' ? form.dataset.msgNotGiven : undefined);
      } catch {
        fail(undefined);
      } finally {
        for (const button of form.querySelectorAll('button')) button.disabled = false;
      }
    });
  }
}
