import type { ProcessingRecord } from '../../contracts/privacy.js';
import { STAFF_ROLES } from '../../domain/roles.js';
import type { AppContext } from '../../platform/context.js';
import { defineProvider } from '../../platform/hooks.js';
import type { StaffPrincipal } from '../../platform/http/principal.js';
import type { PersonalTable } from '../../platform/personal-data.js';
import { recordAudit } from '../audit/index.js';
import { getPrivacySettings } from './privacy.settings.js';

/**
 * The record of processing (issue 25 §7, F2), generated, never typed: every area's personal-data
 * declarations (what each column holds, whose data, encrypted or not) from the one registry app.ts
 * assembles, the staff roles, the answer period, and the transfers to the message providers the
 * configuration switches on (SMS gateway, WhatsApp, SMTP e-mail). Printable for the regulator.
 */
export type ProcessingSources = () => Array<{ area: string; tables: readonly PersonalTable[] }>;
export const processingSources = defineProvider<ProcessingSources>('privacy.processing-sources');

export async function processingRecord(ctx: AppContext, principal: StaffPrincipal): Promise<ProcessingRecord> {
  const sources = ctx.hooks.providers(processingSources).flatMap((source) => source());
  const { transports } = ctx.config;
  const settings = await getPrivacySettings(ctx);
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
    roles: [...STAFF_ROLES],
    transfers: [
      { channel: 'sms', isConfigured: Boolean(transports.smsGatewayUrl) },
      { channel: 'whatsapp', isConfigured: Boolean(transports.whatsappToken && transports.whatsappPhoneNumberId) },
      { channel: 'email', isConfigured: Boolean(transports.smtpUrl) },
    ],
    answerDays: settings.answerDays,
  };
}
