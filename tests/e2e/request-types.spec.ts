import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoSeriousViolations } from './support/axe.js';
import { expect, serveSilaForThisFile, test } from './support/fixtures.js';
import { firstAdministratorSignIn } from './support/journeys.js';
import { labelled } from './support/requests.js';

/**
 * C6 (issue 27 §1): the policy's 15 working days are a ceiling, not a default. An administrator who
 * gives a request type 16 days is told why and nothing is saved; 10, typed in Arabic-Indic digits, is kept.
 */
serveSilaForThisFile();
test.setTimeout(180_000);

type Texts = { [key: string]: string | Texts };
const read = (file: string) => JSON.parse(readFileSync(path.resolve(file), 'utf8')) as Texts;
const requestsAr = read('src/web/requests/i18n/ar.json');
const errorsAr = read('src/web/requests/i18n/errors.ar.json');
const commonAr = read('src/web/i18n/ar.json');
function text(texts: Texts, key: string): string {
  let node: string | Texts | undefined = texts;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (typeof node !== 'string') throw new Error(`No text ${key}`);
  return node;
}

const TYPE = 'training-enrolment';

test('C6: a request type refuses 16 working days with the policy’s reason and keeps 10 typed in Arabic digits', async ({ page, sila }) => {
  await firstAdministratorSignIn(page, sila.admin);
  await page.goto(`/staff/settings/request-types/${TYPE}`);
  await expect(page.getByRole('heading', { level: 1, name: text(requestsAr, 'types.editTitle') })).toBeVisible({ timeout: 30_000 });
  const days = labelled(page, text(requestsAr, 'types.responseWorkingDays'));
  const save = page.getByRole('button', { name: text(commonAr, 'common.save') });

  await days.fill('16');
  await save.click();
  await expect(page.getByText(text(errorsAr, 'request-type.days-over-ceiling'))).toBeVisible();
  await expectNoSeriousViolations(page, 'the request type refused at 16 days');
  const unchanged = await sila.ctx.db
    .selectFrom('request_types')
    .select('response_working_days')
    .where('code', '=', TYPE)
    .executeTakeFirstOrThrow();
  expect(unchanged.response_working_days).toBe(15);

  await days.fill('١٠');
  await save.click();
  await expect(page.getByText(text(requestsAr, 'types.saved'))).toBeVisible();
  const saved = await sila.ctx.db
    .selectFrom('request_types')
    .select('response_working_days')
    .where('code', '=', TYPE)
    .executeTakeFirstOrThrow();
  expect(saved.response_working_days).toBe(10);
});
