import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * What transports report after accepting a message (issue 20 §5, C5): the provider's id for it and
 * what became of it. Parsing only; the notifications area applies a report to its message.
 *
 * - WhatsApp Cloud API: the webhook's `entry[].changes[].value.statuses[]` (`id` = the `wamid` the
 *   send answered, `status` = sent | delivered | read | failed, `errors[].code`), signed with the
 *   app secret in `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
 * - SMS gateways: one report per POST, JSON or a form, with the gateway's message id and a status
 *   (field names and status words as common gateways send them; see README "Delivery reports").
 */
export type ReportedStatus = 'sent' | 'delivered' | 'failed';

export interface DeliveryReport {
  providerId: string;
  status: ReportedStatus;
  /** A code safe to store and show (`whatsapp.report-131026`), never the provider's free text. */
  reason: string | null;
}

/** The parts of a report that fail to parse: the endpoint answers 400 with these. */
export class ReportError extends Error {
  constructor(
    readonly pointer: string,
    readonly code: string,
  ) {
    super(`${pointer}: ${code}`);
    this.name = 'ReportError';
  }
}

const PROVIDER_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * What a provider's id must look like to be kept at sending and read from a report (printable
 * ASCII, ≤ 200): one rule for both sides, so an id kept is always one a report can name.
 */
export function isProviderId(value: unknown): value is string {
  return typeof value === 'string' && PROVIDER_ID.test(value);
}
const REASON_CODE = /^[A-Za-z0-9_.:-]{1,40}$/;

function reasonCode(prefix: 'sms' | 'whatsapp', raw: unknown): string | null {
  const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  return REASON_CODE.test(value) ? `${prefix}.report-${value}` : null;
}

/** `sha256=<hex>` of the raw body under the app secret, compared in constant time. */
export function isWhatsAppSignatureValid(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1] as string, 'hex'));
}

const WHATSAPP_STATUS: Record<string, ReportedStatus> = { sent: 'sent', delivered: 'delivered', read: 'delivered', failed: 'failed' };

const whatsappStatus = z.looseObject({
  id: z.string().regex(PROVIDER_ID),
  status: z.string().max(40),
  errors: z.array(z.looseObject({ code: z.union([z.number(), z.string()]).optional() })).optional(),
});
const whatsappWebhook = z.looseObject({
  object: z.string().optional(),
  entry: z
    .array(
      z.looseObject({
        changes: z
          .array(z.looseObject({ value: z.looseObject({ statuses: z.array(whatsappStatus).max(1000).optional() }).optional() }))
          .max(1000)
          .optional(),
      }),
    )
    .max(1000),
});

/**
 * The status reports of one WhatsApp webhook call (it may carry several, or none: incoming
 * messages and other notifications are not ours to read). A status word WhatsApp may add later
 * is skipped, not refused, so Meta does not retry the whole call.
 */
export function parseWhatsAppWebhook(body: unknown): DeliveryReport[] {
  const parsed = whatsappWebhook.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReportError(`/${(issue?.path ?? []).join('/')}`, 'field.invalid');
  }
  const reports: DeliveryReport[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes ?? []) {
      for (const status of change.value?.statuses ?? []) {
        const reported = WHATSAPP_STATUS[status.status];
        if (!reported) continue;
        reports.push({
          providerId: status.id,
          status: reported,
          reason: reported === 'failed' ? (reasonCode('whatsapp', status.errors?.[0]?.code) ?? 'delivery.failed') : null,
        });
      }
    }
  }
  return reports;
}

/** Status words of common gateways (SMPP's DLR states among them), lower-cased. */
const SMS_STATUS: Record<string, ReportedStatus> = {
  delivered: 'delivered',
  delivrd: 'delivered',
  success: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  undeliv: 'failed',
  rejected: 'failed',
  rejectd: 'failed',
  expired: 'failed',
  error: 'failed',
  sent: 'sent',
  accepted: 'sent',
  acceptd: 'sent',
  queued: 'sent',
  enroute: 'sent',
  buffered: 'sent',
};
export const SMS_REPORT_ID_FIELDS = ['messageId', 'message_id', 'id'] as const;
export const SMS_REPORT_STATUS_FIELDS = ['status', 'state'] as const;
export const SMS_REPORT_REASON_FIELDS = ['error', 'errorCode', 'reason'] as const;

function firstOf(body: Record<string, unknown>, fields: readonly string[]): unknown {
  for (const field of fields) if (body[field] !== undefined && body[field] !== null && body[field] !== '') return body[field];
  return undefined;
}

/**
 * One SMS delivery report: `{"messageId": "…", "status": "delivered" | "failed" | …, "error": "…"}`
 * (also `id` / `message_id`, `state`, `errorCode` / `reason`), as JSON or a form.
 */
export function parseSmsReport(body: unknown): DeliveryReport {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ReportError('/', 'request.invalid');
  const record = body as Record<string, unknown>;
  const rawId = firstOf(record, SMS_REPORT_ID_FIELDS);
  const providerId = typeof rawId === 'number' && Number.isSafeInteger(rawId) ? String(rawId) : rawId;
  if (!isProviderId(providerId)) {
    throw new ReportError('/messageId', providerId === undefined ? 'field.required' : 'field.invalid');
  }
  const rawStatus = firstOf(record, SMS_REPORT_STATUS_FIELDS);
  if (rawStatus === undefined) throw new ReportError('/status', 'field.required');
  const status = typeof rawStatus === 'string' ? SMS_STATUS[rawStatus.trim().toLowerCase()] : undefined;
  if (!status) throw new ReportError('/status', 'field.invalid');
  const reason = status === 'failed' ? (reasonCode('sms', firstOf(record, SMS_REPORT_REASON_FIELDS)) ?? 'delivery.failed') : null;
  return { providerId, status, reason };
}

/** A shared secret compared in constant time (the SMS report endpoint's token). */
export function isSameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHmac('sha256', 'sila-report').update(given).digest();
  const b = createHmac('sha256', 'sila-report').update(expected).digest();
  return timingSafeEqual(a, b);
}
