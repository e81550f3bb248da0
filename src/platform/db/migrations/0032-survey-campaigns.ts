import type { Kysely } from 'kysely';

/**
 * Issue 24 §3 (H1): periodic survey campaigns. A campaign names a questionnaire, an audience (the
 * bulk-send engine's filters; its send is `bulk_send_id`), an optional random sample drawn when it
 * is created (`survey_campaign_sample`), a reminder after N days and a close date. Each family asked
 * gets one invitation in `survey_invitations` (`campaign_id`, unique per family); its token is kept
 * sealed under the encryption key (`token_sealed`) so a reminder re-sends the same link, and
 * `reminded_at` — never `sent_at` — records the reminder, so it does not count towards the N-day rule.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) => c.notNull().references('survey_questionnaires.id'))
    .addColumn('audience', 'text', (c) => c.notNull()) // JSON of the bulk-send filters
    .addColumn('scope', 'text', (c) => c.notNull()) // JSON: the creator's scope (F2)
    .addColumn('sample_size', 'integer')
    .addColumn('include_paper', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('reminder_days', 'integer')
    .addColumn('closes_at', 'text', (c) => c.notNull())
    .addColumn('bulk_send_id', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull()) // 'active' | 'cancelled'
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('survey_campaign_sample')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('survey_campaigns.id'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_campaign_sample_pk', ['campaign_id', 'family_id'])
    .execute();
  await db.schema.alterTable('survey_invitations').addColumn('campaign_id', 'text').execute();
  await db.schema.alterTable('survey_invitations').addColumn('token_sealed', 'text').execute();
  await db.schema.alterTable('survey_invitations').addColumn('reminded_at', 'text').execute();
  await db.schema
    .createIndex('survey_invitations_campaign')
    .on('survey_invitations')
    .columns(['campaign_id', 'family_id'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('survey_invitations_campaign').execute();
  for (const column of ['reminded_at', 'token_sealed', 'campaign_id'])
    await db.schema.alterTable('survey_invitations').dropColumn(column).execute();
  await db.schema.dropTable('survey_campaign_sample').execute();
  await db.schema.dropTable('survey_campaigns').execute();
}
