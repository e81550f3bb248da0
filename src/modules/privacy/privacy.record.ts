import type { ProcessingRecord } from '../../contracts/privacy.js';
import type { AreaManifest, AreaProcessing } from '../../platform/area.js';
import type { AppContext } from '../../platform/context.js';
import { defineProvider } from '../../platform/hooks.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { retentionPeriods } from '../erasure/index.js';
import { getPrivacySettings } from './privacy.settings.js';

/**
 * The record of processing (issue 25 §7, F2), generated, never typed: for each area, its purpose,
 * the staff roles that read its personal data and the retention periods that apply — from the
 * area's manifest (`processing`, its readers the role lists of the area's read routes) and the
 * erasure area's retention settings as they are now — then every personal-data declaration (each
 * column's Arabic and English label, whose data, encrypted or not) from the one registry app.ts
 * assembles, the answer period, and the transfers to the message providers the configuration
 * switches on (SMS gateway, WhatsApp, SMTP e-mail). Printable for the regulator.
 */
export type ProcessingSources = () => Array<{ area: string; tables: readonly PersonalTable[]; processing?: AreaProcessing | undefined }>;
export const processingSources = defineProvider<ProcessingSources>('privacy.processing-sources');

/**
 * The file store's part of the record: files are read through the record that owns them and go
 * with it, so their readers and retention are those of the areas whose tables own files.
 */
export function filesProcessing(areas: readonly AreaManifest[]): AreaProcessing {
  const owners = areas.filter((area) =>
    (area.personalData ?? []).some((t) => t.erasure && t.erasure.rows !== 'outside' && (t.erasure.files?.length ?? 0) > 0),
  );
  return {
    purpose: {
      ar: 'حفظ المستندات والمرفقات مع السجلات التي تخصها',
      en: 'Keeping documents and attachments with the records they belong to',
    },
    readers: [...new Set(owners.flatMap((area) => area.processing?.readers ?? []))],
    retention: [...new Set(owners.flatMap((area) => area.processing?.retention ?? []))],
  };
}

export async function processingRecord(ctx: AppContext, principal: StaffPrincipal): Promise<ProcessingRecord> {
  const sources = ctx.hooks.providers(processingSources).flatMap((source) => source());
  const { transports } = ctx.config;
  const settings = await getPrivacySettings(ctx);
  const periods = await retentionPeriods(ctx.db);
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { kind: 'staff', id: principal.userId },
    action: 'privacy.record-view',
    entity: 'privacy-record',
  });
  return {
    generatedAt: ctx.clock.now().toISOString(),
    areas: sources
      .filter((source) => source.tables.length > 0)
      .map((source) => ({
        area: source.area,
        purpose: source.processing?.purpose ?? null,
        readers: [...(source.processing?.readers ?? [])],
        // Issue 25 §6: months of the period as set now; null: never (the setting is empty).
        retention: (source.processing?.retention ?? []).map((kind) => ({ kind, months: periods[kind] })),
        tables: source.tables.map((table) => ({
          table: table.table,
          subject: table.subject,
          columns: table.columns.map((column) => ({
            column: column.column,
            label: column.label,
            holds: column.holds,
            isEncrypted: column.kind !== 'plain',
          })),
        })),
      })),
    transfers: [
      { channel: 'sms', isConfigured: Boolean(transports.smsGatewayUrl) },
      { channel: 'whatsapp', isConfigured: Boolean(transports.whatsappToken && transports.whatsappPhoneNumberId) },
      { channel: 'email', isConfigured: Boolean(transports.smtpUrl) },
    ],
    answerDays: settings.answerDays,
  };
}
