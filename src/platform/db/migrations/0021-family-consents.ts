import type { Kysely } from 'kysely';
import { uuidv7 } from '../../ids.js';

/**
 * Issue 20 §3 (F2): each family's consent per purpose, as a history — given or withdrawn, when,
 * through which channel, under which privacy-notice version, recorded by whom. `seq` orders each
 * purpose's history (instants can repeat) and its unique index refuses two concurrent writers.
 * Families registered before: their one registration consent becomes consent to the required
 * purpose (`service`) and to contact on their agreed channel, with the date, notice version and
 * registrar they were recorded with.
 */
const CONTACT: Record<string, string> = { sms: 'contact-sms', whatsapp: 'contact-whatsapp', email: 'contact-email' };
const BATCH = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('family_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull()) // 'given' | 'withdrawn'
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // how it was said: interview, phone, …, portal, link
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('recorded_by_kind', 'text', (c) => c.notNull()) // 'staff' | 'family' | 'link'
    .addColumn('recorded_by', 'text') // the staff member's id
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('family_consents_seq').unique().on('family_consents').columns(['family_id', 'purpose', 'seq']).execute();

  let after = '';
  for (;;) {
    const families = await db
      .selectFrom('families')
      .select(['id', 'agreed_channel', 'origin_channel', 'consent_at', 'privacy_notice_version', 'registered_by'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (!families.length) break;
    after = families[families.length - 1]?.id as string;
    const rows = families.flatMap((f) =>
      ['service', ...(CONTACT[f.agreed_channel] ? [CONTACT[f.agreed_channel]] : [])].map((purpose) => ({
        id: uuidv7(Date.parse(f.consent_at)),
        family_id: f.id,
        purpose,
        seq: 1,
        action: 'given',
        at: f.consent_at,
        channel: f.origin_channel,
        notice_version: f.privacy_notice_version,
        recorded_by_kind: 'staff',
        recorded_by: f.registered_by,
        note: null,
      })),
    );
    await db.insertInto('family_consents').values(rows).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('family_consents').execute();
}
