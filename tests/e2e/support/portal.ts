import { nationalIdCheckDigit } from '../../../src/domain/national-id.js';
import { registerFamily } from '../../../src/modules/families/families.register.js';
import { outboxAad } from '../../../src/modules/notifications/outbox.enqueue.js';
import { isCodeOf } from '../../../src/modules/portal/portal-codes.js';
import type { AppContext } from '../../../src/platform/context.js';
import type { StaffPrincipal } from '../../../src/platform/http/principal.js';

/**
 * Test-only ways into the in-process server for the portal's journeys (never an API): switch the SMS
 * gateway on, register a family as reception would, and read the one-time code the family's phone
 * would receive (the outbox body is encrypted; the dispatcher does not run in journeys).
 */
export function enableSms(ctx: AppContext): void {
  ctx.config.transports.smsGatewayUrl = 'http://127.0.0.1:9/sms';
  ctx.config.transports.smsGatewayToken = 'e2e';
}

let serial = Math.floor(Date.now() / 1000) % 10_000_000;

export function newNationalId(): string {
  serial += 1;
  const body = `1${String(serial).padStart(8, '0')}`;
  return `${body}${nationalIdCheckDigit(body)}`;
}

export async function registerFamilyAtReception(
  ctx: AppContext,
  headNameAr: string,
  fields: {
    agreedChannel?: 'sms' | 'email';
    email?: string;
    /** Household members (issue 25 §3's journey masks a member's ID number in the access copy). */
    members?: { name: string; relation: 'son' | 'daughter' | 'spouse'; nationalId?: string }[];
  } = {},
) {
  const admin = await ctx.db.selectFrom('staff_users').select(['id', 'username', 'display_name']).executeTakeFirstOrThrow();
  const reception: StaffPrincipal = {
    kind: 'staff',
    userId: admin.id,
    username: admin.username,
    displayName: admin.display_name,
    roles: ['reception'],
    scope: { categories: [], domains: [], offices: [] },
    language: 'ar',
    sessionIdHash: 'e2e',
    stage: 'active',
    csrfToken: 'e2e',
  };
  const nationalId = newNationalId();
  const family = await registerFamily(ctx, reception, {
    headNameAr,
    nationalId,
    mobile: `+9665${String(serial).padStart(8, '0').slice(-8)}`,
    city: 'الدمام',
    office: 'dammam',
    category: 'productive-family',
    domains: ['training'],
    agreedChannel: 'sms',
    originChannel: 'interview',
    members: [],
    consent: { isGiven: true, privacyNoticeVersion: '2026-1' },
    ...fields,
  });
  return { id: family.id, reference: family.reference, nationalId, version: family.version, reception };
}

/** The code in the newest one-time-code SMS to the family, as its phone would show it. */
export async function codeSentTo(ctx: AppContext, familyId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'body'])
    .where('event', '=', 'auth.one-time-code')
    .where('recipient_id', '=', familyId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const text = ctx.keys.encryptor.decrypt(row.body as string, outboxAad(row.id, 'body'));
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error('no code in the message');
  return code;
}

/**
 * The code in the newest attestation SMS to the family (issue 5 §4 online). The message also holds
 * the request's reference, whose digits may look like a code: the live code row says which is the code.
 */
export async function attestationCodeSentTo(ctx: AppContext, familyId: string): Promise<string> {
  const live = await ctx.db
    .selectFrom('portal_codes')
    .select(['id', 'code_hash'])
    .where('family_id', '=', familyId)
    .where('purpose', '=', 'attestation')
    .where('consumed_at', 'is', null)
    .execute();
  const messages = await ctx.db
    .selectFrom('outbox_messages')
    .select(['id', 'body'])
    .where('event', '=', 'request.attestation-code')
    .where('recipient_id', '=', familyId)
    .where('body', 'is not', null)
    .execute();
  for (const message of messages) {
    const text = ctx.keys.encryptor.decrypt(message.body as string, outboxAad(message.id, 'body'));
    for (const [, code] of text.matchAll(/\b(\d{6})\b/g)) {
      if (code && live.some((row) => isCodeOf(ctx, row, code))) return code;
    }
  }
  throw new Error('no live attestation code was sent to this family');
}
