import type { LightMyRequestResponse } from 'fastify';
import { outboxAad } from '../../src/modules/notifications/outbox.enqueue.js';
import { isCodeOf } from '../../src/modules/portal/portal-codes.js';
import { CSRF_HEADER, PORTAL_COOKIE } from '../../src/platform/http/auth-plugin.js';
import type { FamilyFixture } from './factories.js';
import type { TestApp } from './harness.js';

/**
 * Helpers for the portal's tests (issue 5 §2, §9; families come from factories.ts): the SMS gateway
 * switched on in the running app's configuration, the one-time code read back from the outbox (its
 * body is encrypted; only tests decrypt it), a family signed in.
 */

/** The family the portal tests sign in as, by name (its page and messages greet her). */
export const MARYAM = { headNameAr: 'مريم سعيد القحطاني', headNameEn: 'Maryam Saeed Al-Qahtani' };

/** Sends SMS through a gateway that is never reached in these tests (the dispatcher does not run). */
export function setSmsGateway(t: TestApp, isConfigured: boolean): void {
  t.ctx.config.transports.smsGatewayUrl = isConfigured ? 'http://127.0.0.1:9/sms' : undefined;
  t.ctx.config.transports.smsGatewayToken = isConfigured ? 'test-token' : undefined;
}

export function portalPost(t: TestApp, url: string, body: unknown, address = '203.0.113.1'): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url, payload: body as Record<string, unknown>, remoteAddress: address });
}

/**
 * The code of the family's live one-time code (`purpose`), read from the SMS the outbox holds and
 * decrypted as the dispatcher would; several codes may share a clock millisecond in tests, so the
 * live code row says which message is the one.
 */
export async function lastCodeSentTo(t: TestApp, familyId: string, purpose: 'sign-in' | 'attestation' = 'sign-in'): Promise<string> {
  const live = await t.ctx.db
    .selectFrom('portal_codes')
    .select(['id', 'code_hash'])
    .where('family_id', '=', familyId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .execute();
  const messages = await t.ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'body'])
    .where('event', 'in', ['auth.one-time-code', 'request.attestation-code'])
    .where('recipient_id', '=', familyId)
    .where('body', 'is not', null)
    .execute();
  for (const message of messages) {
    const text = t.ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));
    // The text may hold other six-digit runs (a request's reference): the live row says which is the code.
    for (const [, code] of text.matchAll(/\b(\d{6})\b/g)) {
      if (code && live.some((row) => isCodeOf(t.ctx, row, code))) return code;
    }
  }
  throw new Error('no live code was sent to this family');
}

export interface PortalAgent {
  token: string;
  csrf: string;
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function portalAgentFor(t: TestApp, token: string, csrf: string): PortalAgent {
  return {
    token,
    csrf,
    request: (method, url, body) =>
      t.app.inject({
        method: method as 'GET',
        url,
        cookies: { [PORTAL_COOKIE]: token },
        headers: { [CSRF_HEADER]: csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  };
}

/** Signs a family in through the API: start, read the code from the outbox, verify. */
export async function signInFamily(t: TestApp, family: FamilyFixture, address = '203.0.113.9'): Promise<PortalAgent> {
  const started = await portalPost(t, '/api/v1/portal/sign-in/start', { nationalId: family.nationalId }, address);
  if (started.statusCode !== 202) throw new Error(`start failed: ${started.statusCode} ${started.body}`);
  const code = await lastCodeSentTo(t, family.id);
  const verified = await portalPost(t, '/api/v1/portal/sign-in/verify', { nationalId: family.nationalId, code }, address);
  if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
  const cookie = verified.cookies.find((c) => c.name === PORTAL_COOKIE);
  return portalAgentFor(t, cookie?.value as string, verified.json().csrfToken);
}
