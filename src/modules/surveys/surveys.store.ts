import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { createQuestionnaireBody, Questionnaire, SurveySettings, saveQuestionnaireBody } from '../../contracts/surveys.js';
import { checkQuestions, type SurveyPurpose, type SurveyQuestion } from '../../domain/survey.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import type { SurveyQuestionnaireTable, SurveyVersionTable } from '../../platform/db/schema-surveys.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { uuidv7 } from '../../platform/ids.js';
import { recordAudit } from '../audit/index.js';

/**
 * Questionnaires and the surveys' settings (issue 24 §1, §2; H1). A version that has answers never
 * changes: saving a questionnaire whose current version was answered makes a new version, and old
 * answers keep theirs (docs/decisions/012-surveys.md).
 */
type Db = Kysely<Database>;

export const questionsOf = (version: Pick<SurveyVersionTable, 'questions'>): SurveyQuestion[] => JSON.parse(version.questions);

export async function readSettings(db: Db): Promise<SurveySettings> {
  const row = await db.selectFrom('survey_settings').selectAll().where('id', '=', 'surveys').executeTakeFirstOrThrow();
  return {
    cooldownDays: row.cooldown_days,
    expiryDays: row.expiry_days,
    csatNegativeMax: row.csat_negative_max,
    npsNegativeMax: row.nps_negative_max,
    triggers: JSON.parse(row.triggers),
    version: row.version,
  };
}

export async function saveSettings(ctx: AppContext, principal: StaffPrincipal, body: SurveySettings): Promise<SurveySettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await readSettings(trx);
    for (const [kind, trigger] of Object.entries(body.triggers)) {
      // An enabled trigger with no questionnaire would ask nothing while saying "on" (issue 24 §2).
      if (trigger.isEnabled && !trigger.questionnaireId)
        throw AppError.unprocessable('survey.questionnaire-needed', 'Choose the questionnaire an enabled trigger sends', [
          { pointer: `/triggers/${kind}/questionnaireId`, code: 'survey.questionnaire-needed', detail: 'Choose a questionnaire' },
        ]);
      if (
        trigger.questionnaireId &&
        !(await trx.selectFrom('survey_questionnaires').select('id').where('id', '=', trigger.questionnaireId).executeTakeFirst())
      )
        throw AppError.unprocessable('survey.unknown-questionnaire', 'No such questionnaire', [
          { pointer: `/triggers/${kind}/questionnaireId`, code: 'survey.unknown-questionnaire', detail: 'No such questionnaire' },
        ]);
    }
    const updated = await trx
      .updateTable('survey_settings')
      .set({
        cooldown_days: body.cooldownDays,
        expiry_days: body.expiryDays,
        csat_negative_max: body.csatNegativeMax,
        nps_negative_max: body.npsNegativeMax,
        triggers: JSON.stringify(body.triggers),
        version: body.version + 1,
        updated_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', 'surveys')
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw AppError.conflict('settings.version-conflict', 'Someone else changed these settings meanwhile');
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'survey-settings.update',
      entity: 'survey_settings',
      // Settings hold no personal data: the audit keeps what they were and what they became.
      details: { before: { ...before, version: undefined }, after: { ...body, version: undefined } },
    });
    return readSettings(trx);
  });
}

async function isAnswered(db: Db, versionId: string): Promise<boolean> {
  return !!(await db.selectFrom('survey_responses').select('id').where('version_id', '=', versionId).limit(1).executeTakeFirst());
}

async function present(db: Db, row: SurveyQuestionnaireTable): Promise<Questionnaire> {
  const version = await db
    .selectFrom('survey_versions')
    .selectAll()
    .where('questionnaire_id', '=', row.id)
    .where('version', '=', row.current_version)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    code: row.code,
    purpose: row.purpose as SurveyPurpose,
    isAnonymous: row.is_anonymous === 1,
    isActive: row.is_active === 1,
    currentVersion: row.current_version,
    isAnswered: await isAnswered(db, version.id),
    current: {
      id: version.id,
      version: version.version,
      titleAr: version.title_ar,
      titleEn: version.title_en,
      questions: questionsOf(version),
      createdAt: version.created_at,
    },
  };
}

export async function listQuestionnaires(ctx: AppContext): Promise<{ items: Questionnaire[] }> {
  const rows = await ctx.db.selectFrom('survey_questionnaires').selectAll().orderBy('code').execute();
  const items = [];
  for (const row of rows) items.push(await present(ctx.db, row));
  return { items };
}

function assertQuestions(questions: SurveyQuestion[]): void {
  const issues = checkQuestions(questions);
  if (issues.length)
    throw AppError.unprocessable(
      'survey.invalid-questions',
      'The questions are not consistent',
      issues.map((i) => ({ ...i, detail: i.code })),
    );
}

export async function createQuestionnaire(
  ctx: AppContext,
  principal: StaffPrincipal,
  body: z.infer<typeof createQuestionnaireBody>,
): Promise<Questionnaire> {
  assertQuestions(body.questions);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('survey_questionnaires').select('id').where('code', '=', body.code).executeTakeFirst())
      throw AppError.conflict('settings.code-taken', 'This code is already used');
    const id = uuidv7();
    await trx
      .insertInto('survey_questionnaires')
      .values({
        id,
        code: body.code,
        purpose: body.purpose,
        is_anonymous: body.isAnonymous ? 1 : 0,
        is_active: body.isActive ? 1 : 0,
        current_version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertVersion(trx, { questionnaireId: id, version: 1, body, by: principal.userId, at: now });
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'survey.create',
      entity: 'survey_questionnaire',
      entityId: id,
    });
    return present(trx, await trx.selectFrom('survey_questionnaires').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

async function insertVersion(
  trx: Db,
  v: { questionnaireId: string; version: number; body: z.infer<typeof saveQuestionnaireBody>; by: string; at: string },
): Promise<void> {
  await trx
    .insertInto('survey_versions')
    .values({
      id: uuidv7(),
      questionnaire_id: v.questionnaireId,
      version: v.version,
      title_ar: v.body.titleAr,
      title_en: v.body.titleEn,
      questions: JSON.stringify(v.body.questions),
      created_by: v.by,
      created_at: v.at,
    })
    .execute();
}

/**
 * Saves a questionnaire (H1, issue 24 §1 "edited while answers come in"): its current version is
 * changed in place only while nobody answered it; otherwise a new version becomes current. Whether
 * it is anonymous cannot change once any version was answered (respondents were told one or the other).
 */
export async function saveQuestionnaire(
  ctx: AppContext,
  principal: StaffPrincipal,
  id: string,
  body: z.infer<typeof saveQuestionnaireBody>,
): Promise<Questionnaire> {
  assertQuestions(body.questions);
  const now = ctx.clock.now().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('survey_questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('survey.not-found', 'No such questionnaire');
    const current = await trx
      .selectFrom('survey_versions')
      .selectAll()
      .where('questionnaire_id', '=', id)
      .where('version', '=', row.current_version)
      .executeTakeFirstOrThrow();
    const wasAnswered = await isAnswered(trx, current.id);
    const hasAnyAnswer = !!(await trx
      .selectFrom('survey_responses')
      .select('id')
      .where('questionnaire_id', '=', id)
      .limit(1)
      .executeTakeFirst());
    if (hasAnyAnswer && (row.is_anonymous === 1) !== body.isAnonymous)
      throw AppError.conflict('survey.anonymity-fixed', 'Answers were given under this setting: make a new questionnaire instead');
    let version = row.current_version;
    if (wasAnswered) {
      version += 1;
      await insertVersion(trx, { questionnaireId: id, version, body, by: principal.userId, at: now });
    } else
      await trx
        .updateTable('survey_versions')
        .set({ title_ar: body.titleAr, title_en: body.titleEn, questions: JSON.stringify(body.questions), created_by: principal.userId })
        .where('id', '=', current.id)
        .execute();
    await trx
      .updateTable('survey_questionnaires')
      .set({ current_version: version, is_anonymous: body.isAnonymous ? 1 : 0, is_active: body.isActive ? 1 : 0, updated_at: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: principal.userId },
      action: 'survey.update',
      entity: 'survey_questionnaire',
      entityId: id,
      details: { version, isNewVersion: wasAnswered },
    });
    return present(trx, await trx.selectFrom('survey_questionnaires').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}
