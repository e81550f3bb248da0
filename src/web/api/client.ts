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

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(networkProblem());
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !CREDENTIAL_PATHS.has(path)) onUnauthenticated(problem);
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
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
