import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, rememberSession, whenUnauthenticated } from '../../src/web/api/client.js';

/**
 * Issue 19 §1: uploads and downloads go through the staff app's one client, so they carry the
 * session's CSRF token, answer problems as `ApiError`, and an expired session returns to sign-in.
 */
type Call = { url: string; init: RequestInit };

function stubFetch(response: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  whenUnauthenticated(() => {});
  rememberSession(null);
});

describe('api.upload', () => {
  it('posts the form as multipart with the session’s CSRF token and reads the JSON answer', async () => {
    rememberSession({ csrfToken: 'token-1' } as never);
    const calls = stubFetch(() => Response.json({ id: 'd1' }, { status: 201 }));
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4']), 'scan.pdf');
    const answer = await api.upload<{ id: string }>('/requests/r1/documents', form);
    expect(answer).toEqual({ id: 'd1' });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/v1/requests/r1/documents');
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.body).toBe(form);
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('token-1');
    // The browser sets the multipart boundary itself: a JSON content type would break the upload.
    expect(headers['content-type']).toBeUndefined();
  });

  it('an expired session during an upload returns to sign-in (401 handled like any other call)', async () => {
    const ended = vi.fn();
    whenUnauthenticated(ended);
    stubFetch(() =>
      Response.json({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'auth.required', detail: 'Sign in' }, { status: 401 }),
    );
    const error = await api.upload('/families/imports', new FormData()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('auth.required');
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('a refused upload answers the server’s problem code and limit (413 file.too-large)', async () => {
    const ended = vi.fn();
    whenUnauthenticated(ended);
    stubFetch(() =>
      Response.json(
        { type: 'about:blank', title: 'Too large', status: 413, code: 'file.too-large', detail: 'Too large', limitBytes: 1024 },
        { status: 413 },
      ),
    );
    const error = (await api.upload('/complaints/intake', new FormData()).catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(413);
    expect(error.code).toBe('file.too-large');
    expect(error.problem.limitBytes).toBe(1024);
    expect(ended).not.toHaveBeenCalled();
  });

  it('an unreachable server is a network problem, not an exception of fetch', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await api.upload('/requests/r1/documents', new FormData()).catch((caught: unknown) => caught)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('network');
  });
});

describe('api.download', () => {
  it('an expired session during an export returns to sign-in too', async () => {
    const ended = vi.fn();
    whenUnauthenticated(ended);
    stubFetch(() =>
      Response.json({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'auth.required', detail: 'Sign in' }, { status: 401 }),
    );
    const error = (await api
      .download('/families/export', { format: 'xlsx' }, 'families.xlsx')
      .catch((caught: unknown) => caught)) as ApiError;
    expect(error.status).toBe(401);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});

describe('the sign-in form', () => {
  it('a wrong password (401 on sign-in) is not an ended session', async () => {
    const ended = vi.fn();
    whenUnauthenticated(ended);
    stubFetch(() =>
      Response.json({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'auth.invalid', detail: 'Wrong' }, { status: 401 }),
    );
    await expect(api.post('/auth/sign-in', { username: 'a', password: 'b' })).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled();
  });
});
