import type { SessionResponse } from '../../contracts/auth.js';

/**
 * The one way the staff app talks to the server: JSON over fetch with the session cookie, and the
 * CSRF token of the newest session on every write (the cookie and token rotate at each sign-in step).
 */
export interface FieldProblem {
  pointer: string;
  code: string;
  detail: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldProblem[];
  /** The limit a 413 names (e.g. `file.too-large`), in bytes. */
  limitBytes?: number;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.code);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
let onUnauthenticated: (problem: Problem) => void = () => {};

/** Remembers the CSRF token of the newest session response. */
export function rememberSession(session: SessionResponse | null): void {
  csrfToken = session?.csrfToken ?? null;
}

/** Called when any request answers 401 (other than a failed sign-in): the app returns to sign-in. */
export function whenUnauthenticated(handler: (problem: Problem) => void): void {
  onUnauthenticated = handler;
}

/** Paths whose 401 means "wrong credentials", not "your session ended". */
const CREDENTIAL_PATHS = new Set(['/auth/sign-in']);

function networkProblem(): Problem {
  return { type: 'about:blank', title: 'Network error', status: 0, code: 'network', detail: 'The server could not be reached' };
}

async function readProblem(response: Response): Promise<Problem> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === 'string') return { ...body, status: response.status } as Problem;
  } catch {
    // Not problem+json (a proxy's error page, for instance): fall through to a generic problem.
  }
  return { type: 'about:blank', title: response.statusText, status: response.status, code: 'http', detail: response.statusText };
}

/**
 * One call to the API: the CSRF token on every write, a network failure or a problem+json answer
 * thrown as an `ApiError`, and a 401 (other than a failed sign-in) sending the app back to sign-in —
 * for JSON, uploads and downloads alike.
 */
async function send(method: Method, path: string, body?: { json: unknown } | { form: FormData }): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body && 'json' in body) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : 'json' in body ? JSON.stringify(body.json) : body.form,
    });
  } catch {
    throw new ApiError(networkProblem());
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !CREDENTIAL_PATHS.has(path)) onUnauthenticated(problem);
    throw new ApiError(problem);
  }
  return response;
}

async function readJson<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return readJson<T>(await send(method, path, body === undefined ? undefined : { json: body }));
}

/** A file the server sent, saved under the name its `content-disposition` gives (else `fallbackName`). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** A multipart write (a document, a scan, a sheet): the same token, problems and 401 handling as JSON. */
  upload: async <T>(path: string, form: FormData): Promise<T> => readJson<T>(await send('POST', path, { form })),
  /** A POST whose answer is a file (an export): saved in the browser; answers the file's name. */
  download: async (path: string, body: unknown, fallbackName: string): Promise<string> => {
    const response = await send('POST', path, { json: body });
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
    saveFile(await response.blob(), fileName);
    return fileName;
  },
};

/** Builds a query string from the defined values. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
