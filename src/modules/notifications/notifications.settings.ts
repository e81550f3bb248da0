import type { Kysely } from 'kysely';
import { DEFAULT_TRANSPORT_RATES, type NotificationSettings, notificationSettings } from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { AppError } from '../../platform/http/app-error.js';
import { SMS_CUSTOM_FIELDS } from '../../platform/transports/index.js';
import { recordAudit } from '../audit/index.js';
import { checkTemplate } from './templates.render.js';

/**
 * The outbox's settings (ARCHITECTURE.md "Configuration": credentials come from the environment,
 * everything else is a setting): how requests to the SMS gateway look, and how many messages a
 * second each transport is handed (issue 20 §1; stored values without rates read the defaults).
 */
const KEY = 'notifications';

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  sms: { preset: 'json', sender: '' },
  rates: { ...DEFAULT_TRANSPORT_RATES },
};

export async function getNotificationSettings(ctx: AppContext, db: Kysely<Database> = ctx.db): Promise<NotificationSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  const parsed = row ? notificationSettings.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : DEFAULT_NOTIFICATION_SETTINGS;
}

export async function updateNotificationSettings(
  ctx: AppContext,
  actor: { id: string },
  value: NotificationSettings,
): Promise<NotificationSettings> {
  if (value.sms.preset === 'custom') {
    const issues = checkTemplate(value.sms.body, { allowed: SMS_CUSTOM_FIELDS, required: ['text'] });
    if (issues.length) {
      throw AppError.badRequest(
        issues[0]?.code ?? 'template.invalid',
        issues[0]?.detail ?? 'The gateway body is not valid',
        issues.map((i) => ({ pointer: '/sms/body', code: i.code, detail: i.detail })),
      );
    }
  }
  const now = ctx.clock.now().toISOString();
  const json = JSON.stringify(value);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: KEY, value: json, updated_at: now, updated_by: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: actor.id }))
      .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: actor.id },
      action: 'settings.update',
      entity: 'settings',
      entityId: KEY,
      fields: ['sms', 'rates'],
    });
  });
  return value;
}
