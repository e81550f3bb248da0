/** The words the server put in the page's JSON data block (src/modules/complaints/complaints.copy.ts). */
export interface PageCopy {
  language: 'ar' | 'en';
  errors: Record<string, string>;
  steps: Record<string, string>;
  ui: Record<string, string>;
}

export function readCopy(): PageCopy {
  const block = document.getElementById('sila-copy');
  return JSON.parse(block?.textContent ?? '{}') as PageCopy;
}

export function errorText(copy: PageCopy, code: string): string {
  if (code.startsWith('upload.')) return copy.errors['upload.token-invalid'] ?? code;
  return copy.errors[code] ?? copy.errors.generic ?? code;
}

export interface Problem {
  status: number;
  code: string;
  errors?: Array<{ pointer: string; code: string }>;
}

/** POSTs JSON and returns the parsed answer; network failures become a problem with code 'network'. */
export async function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ ok: true; data: T } | { ok: false; problem: Problem }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    const data = await response.json().catch(() => ({}));
    return response.ok ? { ok: true, data: data as T } : { ok: false, problem: { ...(data as Problem), status: response.status } };
  } catch {
    return { ok: false, problem: { status: 0, code: 'network' } };
  }
}
