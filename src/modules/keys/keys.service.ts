import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { Encryptor } from '../../platform/crypto/keyring.js';
import type { Database } from '../../platform/db/schema.js';
import { rotateCommitteeKeys } from '../committees/committees.keys.js';
import { rotateComplaintKeys } from '../complaints/complaints.keys.js';
import { rotateOutboxKeys } from '../notifications/outbox.keys.js';
import { rotateRequestKeys } from '../requests/requests.keys.js';

/**
 * `sila keys rotate` (issue 3 §2): every ciphertext is re-encrypted under the newest encryption key
 * and every keyed hash recomputed under the newest index key. Rows are done in batches, each in its
 * own transaction, so a large registry rotates without one long lock; it can be run again safely
 * (rows already under the newest keys are skipped).
 */
type Db = Kysely<Database>;

interface RotationReport {
  table: string;
  rows: number;
}

const BATCH = 500;

async function rotateStaff(ctx: AppContext): Promise<number> {
  const { encryptor } = ctx.keys;
  const rows = await ctx.db.selectFrom('staff_users').select(['id', 'totp_secret']).where('totp_secret', 'is not', null).execute();
  let changed = 0;
  for (const row of rows) {
    if (!row.totp_secret || Encryptor.keyIdOf(row.totp_secret) === encryptor.currentKeyId) continue;
    const aad = `totp:${row.id}`;
    await ctx.db
      .updateTable('staff_users')
      .set({ totp_secret: encryptor.encrypt(encryptor.decrypt(row.totp_secret, aad), aad) })
      .where('id', '=', row.id)
      .execute();
    changed += 1;
  }
  return changed;
}

const FAMILY_SEALED = ['national_id', 'mobile', 'other_phone', 'email', 'address', 'notes'] as const;

async function rotateFamilies(ctx: AppContext): Promise<number> {
  const { encryptor, indexer } = ctx.keys;
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await ctx.db.selectFrom('families').selectAll().where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) return changed;
    await ctx.db.transaction().execute(async (trx: Db) => {
      for (const row of rows) {
        const patch: Record<string, string | null> = {};
        let nationalId: string | null = null;
        let mobile: string | null = null;
        for (const column of FAMILY_SEALED) {
          const sealed = row[column];
          if (!sealed) continue;
          const aad = `family:${row.id}:${column}`;
          const plain = encryptor.decrypt(sealed, aad);
          if (column === 'national_id') nationalId = plain;
          if (column === 'mobile') mobile = plain;
          if (Encryptor.keyIdOf(sealed) !== encryptor.currentKeyId) patch[column] = encryptor.encrypt(plain, aad);
        }
        const nationalIdIndex = indexer.index(nationalId as string);
        if (nationalIdIndex !== row.national_id_index) {
          patch.national_id_index = nationalIdIndex;
          await trx
            .updateTable('identity_index')
            .set({ national_id_index: nationalIdIndex })
            .where('national_id_index', '=', row.national_id_index)
            .execute();
        }
        const mobileIndex = mobile ? indexer.index(mobile) : null;
        if (mobileIndex !== row.mobile_index) patch.mobile_index = mobileIndex;
        const members = await trx
          .selectFrom('household_members')
          .select(['id', 'national_id', 'national_id_index'])
          .where('family_id', '=', row.id)
          .execute();
        for (const member of members) {
          if (!member.national_id) continue;
          const aad = `member:${member.id}:national_id`;
          const plain = encryptor.decrypt(member.national_id, aad);
          const index = indexer.index(plain);
          const isStale = Encryptor.keyIdOf(member.national_id) !== encryptor.currentKeyId || index !== member.national_id_index;
          if (!isStale) continue;
          await trx
            .updateTable('household_members')
            .set({ national_id: encryptor.encrypt(plain, aad), national_id_index: index })
            .where('id', '=', member.id)
            .execute();
          if (member.national_id_index)
            await trx
              .updateTable('identity_index')
              .set({ national_id_index: index })
              .where('national_id_index', '=', member.national_id_index)
              .execute();
        }
        if (Object.keys(patch).length) {
          await trx.updateTable('families').set(patch).where('id', '=', row.id).execute();
          changed += 1;
        }
      }
    });
    after = rows[rows.length - 1]?.id as string;
  }
}

async function rotateImports(ctx: AppContext): Promise<number> {
  const { encryptor } = ctx.keys;
  const rows = await ctx.db.selectFrom('family_imports').select(['id', 'rows']).execute();
  let changed = 0;
  for (const row of rows) {
    if (Encryptor.keyIdOf(row.rows) === encryptor.currentKeyId) continue;
    const aad = `import:${row.id}`;
    await ctx.db
      .updateTable('family_imports')
      .set({ rows: encryptor.encrypt(encryptor.decrypt(row.rows, aad), aad) })
      .where('id', '=', row.id)
      .execute();
    changed += 1;
  }
  return changed;
}

async function rotateFiles(ctx: AppContext): Promise<number> {
  const { encryptor } = ctx.keys;
  let changed = 0;
  let after = '';
  for (;;) {
    // Only the key id is needed to decide; contents are read one file at a time.
    const rows = await ctx.db.selectFrom('files').select(['id']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
    if (!rows.length) return changed;
    for (const { id } of rows) {
      const row = await ctx.db.selectFrom('files').select(['content']).where('id', '=', id).executeTakeFirstOrThrow();
      if (Encryptor.keyIdOf(row.content) === encryptor.currentKeyId) continue;
      const aad = `file:${id}`;
      await ctx.db
        .updateTable('files')
        .set({ content: encryptor.encryptBytes(encryptor.decryptBytes(row.content, aad), aad) })
        .where('id', '=', id)
        .execute();
      changed += 1;
    }
    after = rows[rows.length - 1]?.id as string;
  }
}

export async function rotateKeys(ctx: AppContext): Promise<RotationReport[]> {
  return [
    { table: 'staff_users', rows: await rotateStaff(ctx) },
    { table: 'families', rows: await rotateFamilies(ctx) },
    { table: 'family_imports', rows: await rotateImports(ctx) },
    { table: 'outbox_messages', rows: await rotateOutboxKeys(ctx) },
    { table: 'files', rows: await rotateFiles(ctx) },
    { table: 'committee_votes, minutes', rows: await rotateCommitteeKeys(ctx) },
    { table: 'requests, request_history', rows: await rotateRequestKeys(ctx) },
    { table: 'complaints, complaint_steps, complaint_entries', rows: (await rotateComplaintKeys(ctx)).rows },
  ];
}
