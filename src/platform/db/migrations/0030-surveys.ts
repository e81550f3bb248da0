import type { Kysely } from 'kysely';

/**
 * Issue 24 (H1, C1): satisfaction surveys. Questionnaires keep every version (an answered version
 * never changes; editing makes a new one); invitations hold only a keyed hash of their token; a
 * response is linked to its family and case unless the questionnaire is anonymous; one settings row.
 * Harif's three questionnaires are seeded (docs/decisions/012-surveys.md). Booleans are 0/1.
 */
const q = (id: string, kind: string, textAr: string, textEn: string, isRequired: boolean, extra: Record<string, unknown> = {}) => ({
  id,
  kind,
  textAr,
  textEn,
  isRequired,
  ...extra,
});
const CSAT_AR = 'ما مدى رضاكم عن الخدمة بشكل عام؟';
const CSAT_EN = 'Overall, how satisfied are you with the service?';
const COURTESY = q(
  'courtesy',
  'yes-no',
  'هل استقبلكم الموظفون بلطف واحترام؟',
  'Did our staff receive you courteously and with respect?',
  true,
);
const WHY_LOW = q('improve', 'text', 'ما الذي كان يمكننا تحسينه؟', 'What could we have done better?', false, {
  showIf: { questionId: 'csat', anyOf: [1, 2, 3] },
});

export const DEFAULT_QUESTIONNAIRES = [
  {
    code: 'after-request',
    purpose: 'after-request',
    titleAr: 'رأيكم بعد طلب الخدمة',
    titleEn: 'Your opinion after your request',
    questions: [
      q('csat', 'csat', CSAT_AR, CSAT_EN, true),
      COURTESY,
      q('clear', 'yes-no', 'هل كانت المتطلبات والخطوات واضحة لكم؟', 'Were the requirements and steps clear to you?', false),
      q('nps', 'nps', 'ما احتمال أن توصوا بالجمعية لغيركم؟', 'How likely are you to recommend the association to others?', false),
      WHY_LOW,
    ],
  },
  {
    code: 'after-complaint',
    purpose: 'after-complaint',
    titleAr: 'رأيكم في معالجة شكواكم أو استفساركم',
    titleEn: 'Your opinion on how we handled your complaint or inquiry',
    questions: [
      q('csat', 'csat', 'ما مدى رضاكم عن طريقة معالجة شكواكم أو استفساركم؟', 'How satisfied are you with how we handled it?', true),
      q('in-time', 'yes-no', 'هل وصلكم الرد في وقت مناسب؟', 'Did the answer reach you in good time?', true),
      COURTESY,
      WHY_LOW,
    ],
  },
  {
    code: 'periodic',
    purpose: 'periodic',
    titleAr: 'استبانة قياس الرضا الدورية',
    titleEn: 'Periodic satisfaction survey',
    questions: [
      q('csat', 'csat', 'ما مدى رضاكم عن خدمات الجمعية بشكل عام؟', 'Overall, how satisfied are you with the association’s services?', true),
      q('nps', 'nps', 'ما احتمال أن توصوا بالجمعية لغيركم؟', 'How likely are you to recommend the association to others?', true),
      q('channel', 'single', 'ما أنسب وسيلة للتواصل معكم؟', 'What is the best way to reach you?', false, {
        options: [
          { value: 'sms', labelAr: 'رسالة نصية', labelEn: 'Text message' },
          { value: 'whatsapp', labelAr: 'واتساب', labelEn: 'WhatsApp' },
          { value: 'call', labelAr: 'اتصال هاتفي', labelEn: 'Phone call' },
          { value: 'visit', labelAr: 'زيارة المقر', labelEn: 'Visiting the office' },
        ],
      }),
      COURTESY,
      q('comment', 'text', 'هل لديكم اقتراح أو ملاحظة؟', 'Any suggestion or remark?', false),
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_questionnaires')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('is_anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('survey_questionnaires.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title_ar', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_versions_number').on('survey_versions').columns(['questionnaire_id', 'version']).unique().execute();
  await db.schema
    .createTable('survey_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooldown_days', 'integer', (c) => c.notNull())
    .addColumn('expiry_days', 'integer', (c) => c.notNull())
    .addColumn('csat_negative_max', 'integer', (c) => c.notNull())
    .addColumn('nps_negative_max', 'integer', (c) => c.notNull())
    .addColumn('triggers', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('survey_questionnaires.id'))
    .addColumn('version_id', 'text', (c) => c.references('survey_versions.id'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('case_kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('skip_reason', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('draft', 'text')
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('office', 'text')
    .addColumn('category', 'text')
    .addColumn('domain', 'text')
    .addColumn('channel', 'text')
    .addColumn('request_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One invitation per case (issue 24 §2); campaigns (no case) are told apart by their own id later.
  await db.schema.createIndex('survey_invitations_case').on('survey_invitations').columns(['case_kind', 'case_id']).unique().execute();
  await db.schema.createIndex('survey_invitations_due').on('survey_invitations').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('survey_invitations_family').on('survey_invitations').columns(['family_id', 'sent_at']).execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('invitation_id', 'text', (c) => c.unique())
    .addColumn('questionnaire_id', 'text', (c) => c.references('survey_questionnaires.id'))
    .addColumn('version_id', 'text', (c) => c.references('survey_versions.id'))
    .addColumn('family_id', 'text')
    .addColumn('case_kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('csat', 'integer')
    .addColumn('nps', 'integer')
    .addColumn('is_negative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answers', 'text')
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('office', 'text')
    .addColumn('category', 'text')
    .addColumn('domain', 'text')
    .addColumn('channel', 'text')
    .addColumn('request_type', 'text')
    .execute();
  await db.schema.createIndex('survey_responses_month').on('survey_responses').columns(['month']).execute();
  // A complaint's recorded satisfaction counts once (issue 24 §6).
  await db.schema.createIndex('survey_responses_case').on('survey_responses').columns(['case_kind', 'case_id', 'source']).execute();

  const now = new Date().toISOString();
  const ids: Record<string, string> = {};
  for (const [i, d] of DEFAULT_QUESTIONNAIRES.entries()) {
    const id = `01936b2e-5000-7000-8000-00000000000${i + 1}`;
    ids[d.code] = id;
    await db
      .insertInto('survey_questionnaires')
      .values({ id, code: d.code, purpose: d.purpose, is_anonymous: 0, is_active: 1, current_version: 1, created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('survey_versions')
      .values({
        id: `01936b2e-5000-7000-8000-00000000010${i + 1}`,
        questionnaire_id: id,
        version: 1,
        title_ar: d.titleAr,
        title_en: d.titleEn,
        questions: JSON.stringify(d.questions),
        created_by: null,
        created_at: now,
      })
      .execute();
  }
  const trigger = (questionnaireId: string | undefined) => ({ questionnaireId, delayDays: 1, isEnabled: true, offCodes: [] });
  await db
    .insertInto('survey_settings')
    .values({
      id: 'surveys',
      cooldown_days: 30,
      expiry_days: 14,
      csat_negative_max: 2,
      nps_negative_max: 6,
      triggers: JSON.stringify({
        request: trigger(ids['after-request']),
        complaint: trigger(ids['after-complaint']),
        inquiry: trigger(ids['after-complaint']),
      }),
      version: 1,
      updated_at: now,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['survey_responses', 'survey_invitations', 'survey_settings', 'survey_versions', 'survey_questionnaires'])
    await db.schema.dropTable(table).execute();
}
