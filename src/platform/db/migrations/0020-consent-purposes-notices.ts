import type { Kysely } from 'kysely';

/**
 * Issue 20 §3–§4 (F2): consent purposes are a setting, and the privacy notices are versioned texts.
 * Harif's purposes are seeded (providing services is required); the registration notice and the
 * public form's notice get their current texts as their first version, `2026-1` — the label the
 * registration form and the public form already sent, so families registered before keep a version
 * that exists. The public form's text is the one an administrator may have saved in the complaints
 * settings. A migration never reads module code: the texts are copied here.
 */
const AT = '2026-01-01T00:00:00.000Z';

const PURPOSES: Array<[string, string, string, number, string | null]> = [
  ['service', 'تقديم الخدمات', 'Providing services', 1, null],
  ['contact-sms', 'التواصل عبر الرسائل النصية', 'Contact by SMS', 0, 'sms'],
  ['contact-whatsapp', 'التواصل عبر واتساب', 'Contact by WhatsApp', 0, 'whatsapp'],
  ['contact-email', 'التواصل عبر البريد الإلكتروني', 'Contact by e-mail', 0, 'email'],
  ['surveys', 'استبانات قياس الرضا', 'Satisfaction surveys', 0, null],
  ['announcements', 'الإعلانات وتحديث المعلومات', 'Announcements and information updates', 0, null],
  ['partners', 'مشاركة البيانات مع الشركاء المنفذين', 'Sharing with implementing partners', 0, null],
];

const REGISTRATION_AR =
  'تجمع الجمعية بيانات الأسرة لتقديم خدماتها فقط، وتحفظها محمية، ولا يطّلع عليها إلا المختصون، ولا تُشارك مع جهة أخرى إلا بموافقة الأسرة أو بنص نظامي. للأسرة أن تطلب الاطلاع على بياناتها أو تصحيحها.';
const REGISTRATION_EN =
  "The association collects the family's data only to serve it, keeps it protected, lets only the staff concerned see it, and shares it with no one else without the family's consent or a legal requirement. The family may ask to see or correct its data.";
const PUBLIC_FORM_AR =
  'تستخدم الجمعية ما تكتبه في هذا النموذج لدراسة شكواك أو الإجابة عن استفسارك والتواصل معك بشأنه فقط، وتحفظه مشفّرًا، ولا يطّلع عليه إلا المختصون بمعالجته، ولا تشاركه مع أي جهة أخرى إلا بنص نظامي. يمكنك تقديم الشكوى دون ذكر اسمك، ولك أن تطلب الاطلاع على بياناتك أو تصحيحها.';
const PUBLIC_FORM_EN =
  'The association uses what you write in this form only to study your complaint or answer your inquiry and to contact you about it. It is kept encrypted, seen only by the staff who handle it, and shared with no one else unless the law requires it. You may file a complaint without giving your name, and you may ask to see or correct your data.';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_purposes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('is_required', 'integer', (c) => c.notNull())
    .addColumn('contact_channel', 'text') // sms | whatsapp | email for the contact purposes
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db
    .insertInto('consent_purposes')
    .values(
      PURPOSES.map(([code, nameAr, nameEn, isRequired, channel], i) => ({
        code,
        name_ar: nameAr,
        name_en: nameEn,
        is_required: isRequired,
        contact_channel: channel,
        is_active: 1,
        sort_order: (i + 1) * 10,
        updated_at: AT,
        updated_by: null,
      })),
    )
    .execute();

  await db.schema
    .createTable('privacy_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'registration' | 'public-form'
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text_ar', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('privacy_notices_version').unique().on('privacy_notices').columns(['kind', 'version']).execute();
  await db.schema.createIndex('privacy_notices_number').unique().on('privacy_notices').columns(['kind', 'number']).execute();

  // The public form's text as an administrator last saved it, if they did.
  const stored = await db.selectFrom('settings').select('value').where('key', '=', 'complaints').executeTakeFirst();
  const saved = stored ? (JSON.parse(stored.value) as Record<string, unknown>) : {};
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);
  const savedVersion = text(saved.privacyNoticeVersion, '2026-1').slice(0, 40);
  await db
    .insertInto('privacy_notices')
    .values([
      {
        id: '00000000-0000-7000-8000-000000000201',
        kind: 'registration',
        version: '2026-1',
        number: 1,
        text_ar: REGISTRATION_AR,
        text_en: REGISTRATION_EN,
        created_at: AT,
        created_by: null,
      },
      {
        id: '00000000-0000-7000-8000-000000000202',
        kind: 'public-form',
        version: savedVersion,
        number: 1,
        text_ar: text(saved.privacyNoticeAr, PUBLIC_FORM_AR),
        text_en: text(saved.privacyNoticeEn, PUBLIC_FORM_EN),
        created_at: AT,
        created_by: null,
      },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_notices').execute();
  await db.schema.dropTable('consent_purposes').execute();
}
