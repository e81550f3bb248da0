import type { Kysely } from 'kysely';
import { type PrivacySettings, privacySettings } from '../../contracts/privacy.js';
import { LEGAL_ANSWER_DAYS } from '../../domain/privacy-clock.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { saveAreaSetting } from '../settings/index.js';

/**
 * F2 (issue 25 §2): the answer period of data-subject requests and its warning. The law gives 30
 * calendar days; the association may promise fewer, never more — a higher value is refused with
 * 400 `privacy.deadline-too-long` rather than silently capped.
 */
const KEY = 'privacy';

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { answerDays: LEGAL_ANSWER_DAYS, warningDays: 5 };

export async function getPrivacySettings(ctx: AppContext, db: Kysely<Database> = ctx.db): Promise<PrivacySettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_PRIVACY_SETTINGS;
  const parsed = privacySettings.safeParse({ ...DEFAULT_PRIVACY_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success && parsed.data.answerDays <= LEGAL_ANSWER_DAYS ? parsed.data : DEFAULT_PRIVACY_SETTINGS;
}

export async function updatePrivacySettings(ctx: AppContext, principal: StaffPrincipal, value: PrivacySettings): Promise<PrivacySettings> {
  if (value.answerDays > LEGAL_ANSWER_DAYS)
    throw AppError.badRequest('privacy.deadline-too-long', 'The law allows at most 30 calendar days to answer', [
      { pointer: '/answerDays', code: 'privacy.deadline-too-long', detail: `At most ${LEGAL_ANSWER_DAYS}` },
    ]);
  if (value.warningDays >= value.answerDays)
    throw AppError.badRequest('privacy.warning-too-late', 'The warning comes before the deadline', [
      { pointer: '/warningDays', code: 'privacy.warning-too-late', detail: 'Fewer days than the answer period' },
    ]);
  await saveAreaSetting(ctx, { id: principal.userId }, KEY, value);
  return value;
}
