import type { Kysely } from 'kysely';
import { type CompensationSettings, compensationSettings } from '../../contracts/compensation.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import { committeeForPurpose, committeesForPurpose } from '../committees/index.js';
import { saveAreaSetting } from '../settings/index.js';

/**
 * Settings of compensation cases (issue 23 §2, §3; SPEC "the policy does not say whether the follow-up
 * committee and the investigation & follow-up committee are one body"): which committee investigates
 * (by default the oldest active one holding the `investigation` purpose — the seeded follow-up
 * committee), and the working days of each negotiation round, with a warning before its end.
 */
const KEY = 'compensation';

export const DEFAULT_COMPENSATION_SETTINGS: CompensationSettings = {
  investigationCommitteeId: null,
  roundWorkingDays: 10,
  warningWorkingDays: 2,
};

export async function getCompensationSettings(ctx: AppContext, db: Kysely<Database> = ctx.db): Promise<CompensationSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_COMPENSATION_SETTINGS;
  const parsed = compensationSettings.safeParse({ ...DEFAULT_COMPENSATION_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_COMPENSATION_SETTINGS;
}

/** D2: the committee a new case is studied by — the setting's when it still holds `investigation`, else the first holding it. */
export async function investigationCommittee(ctx: AppContext): Promise<{ id: string; nameAr: string; nameEn: string } | null> {
  const { investigationCommitteeId } = await getCompensationSettings(ctx, ctx.db);
  if (investigationCommitteeId) {
    const chosen = (await committeesForPurpose(ctx, 'investigation')).find((c) => c.id === investigationCommitteeId);
    if (chosen) return chosen;
  }
  return committeeForPurpose(ctx, 'investigation');
}

export async function updateCompensationSettings(
  ctx: AppContext,
  principal: StaffPrincipal,
  value: CompensationSettings,
): Promise<CompensationSettings> {
  if (value.investigationCommitteeId !== null) {
    const holders = await committeesForPurpose(ctx, 'investigation');
    if (!holders.some((c) => c.id === value.investigationCommitteeId))
      throw AppError.unprocessable('compensation.committee-not-investigating', 'This committee does not hold the investigation purpose', [
        {
          pointer: '/investigationCommitteeId',
          code: 'compensation.committee-not-investigating',
          detail: 'Not an investigation committee',
        },
      ]);
  }
  await saveAreaSetting(ctx, { id: principal.userId }, KEY, value);
  return value;
}
