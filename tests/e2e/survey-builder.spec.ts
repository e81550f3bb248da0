import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { responseAad } from '../../src/modules/surveys/surveys.answer.js';
import type { AppContext } from '../../src/platform/context.js';
import { SESSION_COOKIE } from '../../src/platform/http/auth-plugin.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { escapeRegExp } from './support/requests.js';
import { shot } from './support/shots.js';
import { staffWithSession } from './support/staff.js';

/**
 * Issue 24 §1, §2, §5 in Arabic (H1): management edits the "after a request" questionnaire — adds a
 * question shown only after a low satisfaction score — previews it, saves a new version (the answered
 * one stays), reads the survey settings, opens the results and follows a month's figure to the
 * answers behind it. axe with no serious or critical violations on each new screen.
 */
serveSilaForThisFile();
test.setTimeout(300_000);

type Texts = { [key: string]: string | Texts };
const builderAr = JSON.parse(readFileSync(path.resolve('src/web/surveys/i18n/builder.ar.json'), 'utf8')) as Texts;
const resultsAr = JSON.parse(readFileSync(path.resolve('src/web/surveys/i18n/ar.json'), 'utf8')) as Texts;
function s(key: string, values: Record<string, string> = {}): string {
  let node: string | Texts | undefined = { ...resultsAr, ...builderAr };
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
}

/** A manager with an open session (first sign-in is another journey's story). */
async function managerPage(ctx: AppContext, page: Page, baseURL: string): Promise<void> {
  const { token } = await staffWithSession(ctx, 'نورة الإدارة', ['management']);
  await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: baseURL }]);
}

/** Six answers to the questionnaire's current version this month, as the answer page stores them. */
async function seedAnswers(ctx: AppContext): Promise<void> {
  const q = await ctx.db.selectFrom('survey_questionnaires').selectAll().where('code', '=', 'after-request').executeTakeFirstOrThrow();
  const v = await ctx.db
    .selectFrom('survey_versions')
    .selectAll()
    .where('questionnaire_id', '=', q.id)
    .where('version', '=', q.current_version)
    .executeTakeFirstOrThrow();
  const now = new Date();
  for (const [i, csat] of [5, 4, 4, 2, 5, 3].entries()) {
    const id = uuidv7();
    const comment = i === 3 ? 'تأخر الرد على الطلب أسبوعين' : null;
    await ctx.db
      .insertInto('survey_responses')
      .values({
        id,
        source: 'survey',
        invitation_id: null,
        questionnaire_id: q.id,
        version_id: v.id,
        family_id: null,
        case_kind: 'request',
        case_id: null,
        csat,
        nps: null,
        is_negative: csat <= 2 ? 1 : 0,
        answers: ctx.keys.encryptor.encrypt(JSON.stringify({ csat }), responseAad(id, 'answers')),
        comment: comment ? ctx.keys.encryptor.encrypt(comment, responseAad(id, 'comment')) : null,
        submitted_at: now.toISOString(),
        month: now.toISOString().slice(0, 7),
        office: 'dammam',
        category: null,
        domain: null,
        channel: 'sms',
        request_type: null,
      })
      .execute();
  }
}

async function pick(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('management adds a question with skip logic, saves a new version, and follows a figure to its answers', async ({ page, sila }) => {
  await seedAnswers(sila.ctx);
  await managerPage(sila.ctx, page, sila.url);

  await page.goto('/staff/surveys/questionnaires');
  await expect(page.getByRole('heading', { level: 1, name: s('builder.listTitle') })).toBeVisible();
  await page.getByRole('button', { name: /رأيكم بعد طلب الخدمة/ }).click();
  await expect(page.getByRole('table', { name: s('builder.versions') })).toContainText(s('builder.frozen'));
  await expectNoSeriousViolations(page, 'questionnaires');
  await page.getByRole('link', { name: s('builder.editLink', { title: 'رأيكم بعد طلب الخدمة' }) }).click();
  await expect(page.getByText(s('builder.newVersionNote', { version: '1', next: '2' }))).toBeVisible();

  await page.getByRole('button', { name: s('builder.addQuestion') }).click();
  const added = page.getByRole('group', { name: s('builder.questionN', { n: '6' }) });
  await pick(page, added, s('builder.kind'), s('builder.kinds.single'));
  await added.getByLabel(s('builder.textAr')).fill('ما الذي أزعجكم أكثر؟');
  await added.getByLabel(s('builder.textEn')).fill('What bothered you most?');
  await added.getByLabel(s('builder.optionAr', { n: '1' })).fill('طول الانتظار');
  await added.getByLabel(s('builder.optionEn', { n: '1' })).fill('The wait');
  await added.getByLabel(s('builder.optionAr', { n: '2' })).fill('المعاملة');
  await added.getByLabel(s('builder.optionEn', { n: '2' })).fill('How we treated you');
  // Saving without the skip logic's answers names the field in Arabic.
  await pick(page, added, s('builder.showIf'), '1. ما مدى رضاكم عن الخدمة بشكل عام؟');
  await page.getByRole('button', { name: s('builder.save') }).click();
  await expect(added.getByText(s('errors.survey.skip-answers-needed'))).toBeVisible();
  await added.getByRole('combobox', { name: s('builder.showIfAnswers'), exact: true }).click({ force: true });
  await page.getByRole('option', { name: '1', exact: true }).click();
  await page.getByRole('option', { name: '2', exact: true }).click();
  await page.keyboard.press('Escape');
  await expectNoSeriousViolations(page, 'questionnaire editor');
  await shot(page, 'survey-builder');

  // Preview: the new question waits for a low score.
  await page.getByRole('tab', { name: s('builder.preview') }).click();
  await expect(page.getByText('ما الذي أزعجكم أكثر؟')).toHaveCount(0);
  await page
    .getByRole('radiogroup', { name: /ما مدى رضاكم/ })
    .getByRole('radio', { name: '2', exact: true })
    .check();
  await expect(page.getByText('ما الذي أزعجكم أكثر؟')).toBeVisible();
  await expectNoSeriousViolations(page, 'questionnaire preview');

  await page.getByRole('button', { name: s('builder.save') }).click();
  await expect(page.getByText(s('builder.saved', { version: '2' }))).toBeVisible();
  await page.getByRole('button', { name: /رأيكم بعد طلب الخدمة/ }).click();
  const versions = page.getByRole('table', { name: s('builder.versions') });
  await expect(versions.getByRole('row')).toHaveCount(3);

  await page.goto('/staff/surveys/settings');
  await expect(page.getByRole('heading', { level: 1, name: s('settings.title') })).toBeVisible();
  await expect(page.getByText(s('settings.readOnly'))).toBeVisible();
  await expect(page.getByLabel(s('settings.cooldownDays'))).toHaveValue('30');
  await expectNoSeriousViolations(page, 'survey settings');

  // The results: a month's figure opens the answers behind it, with the comment.
  await page.goto('/staff/surveys');
  // The months table names the month as people read it; its chart bar is a link too (its label adds the figure).
  const month = new Intl.DateTimeFormat('ar-u-ca-gregory-nu-latn', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
  await page.getByRole('link', { name: s('answers.open', { figure: month }), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: s('answers.title') })).toBeVisible();
  await expect(page.getByText('تأخر الرد على الطلب أسبوعين')).toBeVisible();
  await expect(page.locator('ol > li')).toHaveCount(6);
  await expectNoSeriousViolations(page, 'survey answers');
  await shot(page, 'survey-answers');
  // A breakdown key with fewer than 5 answers is not a link.
  await page.goto('/staff/surveys/answers?by=channel&key=whatsapp');
  await expect(page.getByRole('status')).toContainText(s('answers.smallCell_zero'));
});
