import { BENCH_PASSWORD, type BenchPrincipalKey, benchPrincipal, benchTotpCode } from '../seed/principals.js';

/** A signed-in bench account: what autocannon sends on every request. */
export interface Session {
  cookie: string;
  csrf: string;
}

const SESSION_COOKIE = 'sila_session';

function cookieOf(response: Response): string {
  const value = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] as string)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!value) throw new Error('The server set no session cookie');
  return value;
}

async function post(url: string, body: unknown, session?: Session): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) },
    body: JSON.stringify(body),
  });
}

/**
 * Signs in as a bench account over HTTP, password then authenticator code (principals.ts). A code is
 * accepted once per account: when this account already used the current one (a run less than 30 s
 * ago), the next step's code is awaited.
 */
export async function signInAs(baseUrl: string, key: BenchPrincipalKey): Promise<Session> {
  const { username } = benchPrincipal(key);
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await post(`${baseUrl}/api/v1/auth/sign-in`, { username, password: BENCH_PASSWORD });
    if (first.status !== 200)
      throw new Error(
        `Sign-in of ${username} answered ${first.status}: ${await first.text()} (was the database seeded with npm run bench:seed?)`,
      );
    const started = (await first.json()) as { stage: string; csrfToken: string };
    const pending: Session = { cookie: cookieOf(first), csrf: started.csrfToken };
    if (started.stage === 'active') return pending;
    if (started.stage !== 'mfa') throw new Error(`${username} is at stage ${started.stage}; bench accounts must be enrolled`);
    const verified = await post(`${baseUrl}/api/v1/auth/totp/verify`, { code: await benchTotpCode() }, pending);
    if (verified.status === 200) {
      const body = (await verified.json()) as { csrfToken: string };
      return { cookie: cookieOf(verified), csrf: body.csrfToken };
    }
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 500));
  }
  throw new Error(`The authenticator code of ${username} was refused three times`);
}

export async function getJson<T>(baseUrl: string, urlPath: string, session: Session): Promise<T> {
  const response = await fetch(`${baseUrl}${urlPath}`, { headers: { cookie: session.cookie } });
  if (response.status !== 200) throw new Error(`GET ${urlPath} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function putJson<T>(baseUrl: string, urlPath: string, body: unknown, session: Session): Promise<T> {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`PUT ${urlPath} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
