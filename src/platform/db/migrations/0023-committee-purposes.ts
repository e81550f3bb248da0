import type { Kysely } from 'kysely';

/**
 * A committee holds a set of purposes (issue 22; C5, E1, D2): `requests`, `follow-up`,
 * `investigation`. Each committee keeps its purpose from `committees.purpose` (which stays, as the
 * committee's first purpose, for readers of the old column); Harif's seeded follow-up committee
 * also investigates (D2: "the investigation & follow-up committee"). An administrator may give
 * `investigation` to another committee.
 */
const FOLLOW_UP = '01936b2a-0000-7000-8000-000000000c02';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committee_purposes')
    .addColumn('committee_id', 'text', (c) => c.notNull().references('committees.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('committee_purposes_pk', ['committee_id', 'purpose'])
    .execute();
  // committeeForPurpose(purpose): from the purpose to its committees.
  await db.schema.createIndex('committee_purposes_purpose').on('committee_purposes').columns(['purpose', 'committee_id']).execute();
  await db
    .insertInto('committee_purposes')
    .columns(['committee_id', 'purpose'])
    .expression((eb) => eb.selectFrom('committees').select(['id', 'purpose']))
    .execute();
  const followUp = await db.selectFrom('committees').select('id').where('id', '=', FOLLOW_UP).executeTakeFirst();
  if (followUp)
    await db
      .insertInto('committee_purposes')
      .values({ committee_id: FOLLOW_UP, purpose: 'investigation' })
      .onConflict((oc) => oc.columns(['committee_id', 'purpose']).doNothing())
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('committee_purposes').execute();
}
