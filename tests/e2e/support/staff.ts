import type { StaffRole } from '../../../src/domain/roles.js';
import type { AppContext } from '../../../src/platform/context.js';
import { hashPassword } from '../../../src/platform/crypto/passwords.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../src/platform/http/auth-plugin.js';
import { uuidv7 } from '../../../src/platform/ids.js';

/** A staff member's open session, for journeys that set people up without their first sign-in. */
export interface Session {
  userId: string;
  displayName: string;
  token: string;
  csrf: string;
}
export type Api = <T = Record<string, unknown>>(method: string, url: string, body?: unknown) => Promise<T>;

/** A staff member inserted directly (no first sign-in) with a session opened for them. */
export async function staffWithSession(ctx: AppContext, displayName: string, roles: StaffRole[]): Promise<Session> {
  const now = new Date().toISOString();
  const id = uuidv7();
  await ctx.db
    .insertInto('staff_users')
    .values({
      id,
      username: `u${id.slice(-10)}`,
      display_name: displayName,
      email: null,
      password_hash: await hashPassword(`كلمة مرور طويلة ${id}`),
      must_change_password: 0,
      password_changed_at: now,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      language: 'ar',
      is_active: 1,
      created_at: now,
      updated_at: now,
      deactivated_at: null,
    })
    .execute();
  await ctx.db
    .insertInto('staff_roles')
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute();
  const { token, row } = await ctx.sessions.create('staff', id, 'active');
  return { userId: id, displayName, token, csrf: row.csrf_token };
}

/** The API as that person, JSON or a form; a refusal throws with the status and the problem. */
export function apiAs(baseUrl: string, session: Session): Api {
  return async (method, url, body) => {
    const isForm = body instanceof FormData;
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        [CSRF_HEADER]: session.csrf,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as never;
  };
}
