import type { Kysely } from 'kysely';
import { type ComplaintsSettings, complaintsSettings } from '../../contracts/complaints.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { recordAudit } from '../audit/index.js';

/**
 * Settings of the public complaints and inquiries link (issue 6 §1): topics, the privacy notice,
 * per-address limits, attachments and the working-day clock (E1 names no deadline: the defaults
 * below are Sila's, editable by an administrator). Stored under one key of the settings table.
 */
const KEY = 'complaints';

const topic = (code: string, kind: 'complaint' | 'inquiry', nameAr: string, nameEn: string) => ({
  code,
  kind,
  nameAr,
  nameEn,
  isActive: true,
});

/** Harif-like defaults: what a productive-families association is asked and complained to about. */
export const DEFAULT_COMPLAINTS_SETTINGS: ComplaintsSettings = {
  topics: [
    topic('service-delay', 'complaint', 'تأخر الخدمة أو الرد', 'Delay in a service or reply'),
    topic('staff-conduct', 'complaint', 'تعامل الموظفين', 'Staff conduct'),
    topic('aid-disbursement', 'complaint', 'صرف المساعدات', 'Aid disbursement'),
    topic('data-privacy', 'complaint', 'خصوصية البيانات', 'Privacy of data'),
    topic('products-rights', 'complaint', 'حقوق المنتجات والتصاميم', 'Rights to products and designs'),
    topic('complaint-other', 'complaint', 'شكوى أخرى', 'Another complaint'),
    topic('request-status', 'inquiry', 'حالة طلب', 'Status of a request'),
    topic('eligibility', 'inquiry', 'شروط الاستفادة والخدمات', 'Eligibility and services'),
    topic('training-marketing', 'inquiry', 'التدريب والتسويق', 'Training and marketing'),
    topic('technical-support', 'inquiry', 'الدعم الفني والتواصل الإلكتروني', 'Technical support and online contact'),
    topic('inquiry-general', 'inquiry', 'استفسار عام', 'General inquiry'),
  ],
  privacyNoticeVersion: '2026-1',
  privacyNoticeAr:
    'تستخدم الجمعية ما تكتبه في هذا النموذج لدراسة شكواك أو الإجابة عن استفسارك والتواصل معك بشأنه فقط، وتحفظه مشفّرًا، ولا يطّلع عليه إلا المختصون بمعالجته، ولا تشاركه مع أي جهة أخرى إلا بنص نظامي. يمكنك تقديم الشكوى دون ذكر اسمك، ولك أن تطلب الاطلاع على بياناتك أو تصحيحها.',
  privacyNoticeEn:
    'The association uses what you write in this form only to study your complaint or answer your inquiry and to contact you about it. It is kept encrypted, seen only by the staff who handle it, and shared with no one else unless the law requires it. You may file a complaint without giving your name, and you may ask to see or correct your data.',
  submissionsPerWindow: 5,
  submissionWindowMinutes: 10,
  uploadsPerWindow: 25,
  lookupsPerMinute: 20,
  maxAttachments: 5,
  maxUploadBytes: 5 * 1024 * 1024,
  acknowledgeWorkingDays: 1,
  resolveWorkingDays: 10,
  inquiryAnswerWorkingDays: 5,
  warningWorkingDays: 2,
  supportTopics: ['technical-support'],
  answerTemplates: [
    {
      code: 'eligibility-conditions',
      nameAr: 'شروط الاستفادة',
      nameEn: 'Eligibility conditions',
      bodyAr:
        'شكرًا لتواصلك مع الجمعية. يشترط للاستفادة من برامج الأسر المنتجة أن تكون الأسرة مسجلة لدينا وأن تستوفي شروط الفئة المستهدفة، ويمكنك التسجيل بزيارة مقر الجمعية مع الهوية الوطنية وما يثبت الدخل.',
      bodyEn:
        'Thank you for contacting the association. To benefit from the productive families programmes a family must be registered with us and meet the conditions of its category; you can register at our office with your national ID and proof of income.',
      isActive: true,
    },
    {
      code: 'request-in-study',
      nameAr: 'الطلب قيد الدراسة',
      nameEn: 'Request under study',
      bodyAr: 'شكرًا لتواصلك. طلبك لدى اللجنة المختصة وهو قيد الدراسة، وسنبلغك بالقرار عبر قناة التواصل المعتمدة لديك فور صدوره.',
      bodyEn:
        'Thank you for contacting us. Your request is with the competent committee and under study; we will tell you the decision on your agreed channel as soon as it is made.',
      isActive: true,
    },
  ],
};

/** The last stored text and what it parsed to: every public submission reads the settings (issue 7). */
let lastParsed: { text: string; value: ComplaintsSettings } | null = null;

/**
 * Stored values over the defaults, so a setting added later has a value at once. Callers only read
 * the result (as they always did with the shared defaults), so the parsed value is handed out as is.
 */
export async function getComplaintsSettings(ctx: AppContext, db: Kysely<Database> = ctx.db): Promise<ComplaintsSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_COMPLAINTS_SETTINGS;
  // Always read (another instance may have changed them); parsed again only when the text changed.
  if (lastParsed?.text === row.value) return lastParsed.value;
  const parsed = complaintsSettings.safeParse({ ...DEFAULT_COMPLAINTS_SETTINGS, ...(JSON.parse(row.value) as object) });
  const value = parsed.success ? parsed.data : DEFAULT_COMPLAINTS_SETTINGS;
  lastParsed = { text: row.value, value };
  return value;
}

export async function updateComplaintsSettings(
  ctx: AppContext,
  actor: { id: string },
  value: ComplaintsSettings,
): Promise<ComplaintsSettings> {
  const codes = value.topics.map((t) => t.code);
  const repeated = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  if (repeated >= 0)
    throw AppError.badRequest('request.invalid', 'Two topics share a code', [
      { pointer: `/topics/${repeated}/code`, code: 'settings.code-taken', detail: 'This code is already used' },
    ]);
  // E2: the support queue takes inquiries by topic, so each support topic must be an inquiry topic.
  const inquiryTopics = new Set(value.topics.filter((t) => t.kind === 'inquiry').map((t) => t.code));
  const strays = value.supportTopics.flatMap((c, i) => (inquiryTopics.has(c) ? [] : [i]));
  if (strays.length)
    throw AppError.badRequest(
      'request.invalid',
      'A support topic is not an inquiry topic',
      strays.map((i) => ({ pointer: `/supportTopics/${i}`, code: 'complaints.support-topic-unknown', detail: 'Not an inquiry topic' })),
    );
  const templateCodes = value.answerTemplates.map((t) => t.code);
  const repeatedTemplate = templateCodes.findIndex((c, i) => templateCodes.indexOf(c) !== i);
  if (repeatedTemplate >= 0)
    throw AppError.badRequest('request.invalid', 'Two answer templates share a code', [
      { pointer: `/answerTemplates/${repeatedTemplate}/code`, code: 'settings.code-taken', detail: 'This code is already used' },
    ]);
  for (const kind of ['complaint', 'inquiry'] as const) {
    if (!value.topics.some((t) => t.kind === kind && t.isActive))
      throw AppError.badRequest('request.invalid', `At least one active ${kind} topic is needed`, [
        { pointer: '/topics', code: 'complaints.topic-required', detail: `No active ${kind} topic` },
      ]);
  }
  const now = ctx.clock.now();
  const json = JSON.stringify(value);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getComplaintsSettings(ctx, trx);
    await trx
      .insertInto('settings')
      .values({ key: KEY, value: json, updated_at: now.toISOString(), updated_by: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now.toISOString(), updated_by: actor.id }))
      .execute();
    await recordAudit(trx, {
      at: now,
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: KEY,
      fields: Object.keys(value).filter(
        (k) => JSON.stringify(before[k as keyof ComplaintsSettings]) !== JSON.stringify(value[k as keyof ComplaintsSettings]),
      ),
    });
  });
  return value;
}
