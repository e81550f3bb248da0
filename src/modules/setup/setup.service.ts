import type { ReviewBody, TestSendBody } from '../../contracts/setup.js';
import { parseSaudiPhone } from '../../domain/phone.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { configuredTransports, type DispatchOptions } from '../notifications/index.js';
import { getAssociation } from '../settings/index.js';
import { writeMark } from './setup.marks.js';
import { reviewYear } from './setup.status.js';

/** The set-up checklist's actions (issue 27 §7): a transport's test message and the "reviewed" marks. */

/** An administrator marks the request types, or this year's holidays, reviewed: who and when. */
export async function markReviewed(ctx: AppContext, principal: StaffPrincipal, body: ReviewBody): Promise<void> {
  const at = ctx.clock.now();
  const year = reviewYear(at);
  const name = body.subject === 'holidays' ? (`reviewed:holidays:${year}` as const) : ('reviewed:request-types' as const);
  await writeMark(ctx.db, {
    name,
    at,
    by: principal.userId,
    action: 'setup.review',
    details: body.subject === 'holidays' ? { subject: body.subject, year } : { subject: body.subject },
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function recipientOf(body: TestSendBody): string {
  if (body.channel === 'email') {
    if (!EMAIL.test(body.address))
      throw AppError.badRequest('request.invalid', 'Not an e-mail address', [
        { pointer: '/address', code: 'field.email', detail: 'Not an e-mail address' },
      ]);
    return body.address;
  }
  const phone = parseSaudiPhone(body.address, { mobileOnly: true });
  if (!phone.isValid)
    throw AppError.badRequest('request.invalid', 'Not a Saudi mobile number', [
      { pointer: '/address', code: phone.code, detail: 'Not a Saudi mobile number' },
    ]);
  return phone.e164;
}

/**
 * Sends one test message through the configured transport to the address typed (never stored or
 * logged), and records the success. WhatsApp sends Meta's `hello_world` template, which every
 * WhatsApp Business account has. A transport's refusal answers 422 `setup.test-failed` with its
 * safe code (e.g. `sms.http-401`), so the administrator can fix the configuration.
 */
export async function sendTestMessage(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: TestSendBody,
  options: DispatchOptions = {},
): Promise<{ channel: TestSendBody['channel']; sentAt: string }> {
  const to = recipientOf(body);
  const transport = (await configuredTransports(ctx, options))[body.channel];
  if (!transport) throw AppError.unprocessable('setup.transport-not-configured', `The ${body.channel} transport is not configured`);
  const association = await getAssociation(ctx);
  const text = `رسالة تجريبية من نظام صلة لـ${association.shortNameAr}: وصلت رسائلنا إليكم. — A test message from Sila for ${association.shortNameEn}.`;
  try {
    await transport.send({
      id: `setup-test-${ctx.clock.now().getTime()}`,
      to,
      subject: `رسالة تجريبية — ${association.shortNameAr}`,
      text,
      language: 'ar',
      ...(body.channel === 'whatsapp' ? { whatsapp: { template: 'hello_world', language: 'en_US', parameters: [] } } : {}),
    });
  } catch (error) {
    const code = error instanceof Error && error.name === 'TransportError' ? error.message : `${body.channel}.failed`;
    throw new AppError(
      422,
      'setup.test-failed',
      `The ${body.channel} transport did not accept the test message (${code})`,
      [],
      {},
      {
        transportCode: code,
      },
    );
  }
  const at = ctx.clock.now();
  await writeMark(ctx.db, {
    name: `test-send:${body.channel}`,
    at,
    by: principal.userId,
    action: 'setup.test-send',
    details: { channel: body.channel },
  });
  return { channel: body.channel, sentAt: at.toISOString() };
}
